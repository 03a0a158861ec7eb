package org.warmline.clusters;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;

/**
 * Finds clusters among the open cases not yet linked under a complex case, submitted within the look-back before now:
 * cases that share a building or a station/area unit, and a topic, of which at least {@code warmline.clusters.min-cases}
 * (default 3) fall within {@code warmline.clusters.window} (default 2 h) of each other. Overlapping windows of one
 * building and topic make one alert. A case's building is its address up to and including the first 号楼 (or 栋, 幢),
 * compared without spaces and with full-width characters folded; its units are its own and every ancestor of kind
 * STATION or AREA. An alert of a unit with the same cases as a building's alert is not repeated.
 */
@Service
public class ClusterDetector {

    private static final String[] BUILDING_MARKS = {"号楼", "栋", "幢"};

    private final CaseRepository cases;
    private final CaseDesk desk;
    private final OrganizationStore organization;
    private final int minCases;
    private final Duration window;
    private final Duration lookback;

    public ClusterDetector(CaseRepository cases, CaseDesk desk, OrganizationStore organization,
                           @Value("${warmline.clusters.min-cases:3}") int minCases,
                           @Value("${warmline.clusters.window:PT2H}") Duration window,
                           @Value("${warmline.clusters.lookback:P7D}") Duration lookback) {
        if (minCases < 2) {
            throw new IllegalArgumentException("warmline.clusters.min-cases must be at least 2: " + minCases);
        }
        if (window.isNegative() || window.isZero() || lookback.compareTo(window) < 0) {
            throw new IllegalArgumentException("warmline.clusters.window must be positive and at most the look-back");
        }
        this.cases = cases;
        this.desk = desk;
        this.organization = organization;
        this.minCases = minCases;
        this.window = window;
        this.lookback = lookback;
    }

    /** The clusters among the open, unlinked cases submitted in the look-back up to {@code now}, oldest first. */
    public List<ClusterAlert> alerts(Instant now) {
        return alerts(now, c -> true);
    }

    /**
     * The clusters among those of the open, unlinked cases that a viewer could open: made of those cases only, so an
     * alert shows nothing of a case outside the viewer's scope (a cluster that needs such a case is not raised).
     */
    public List<ClusterAlert> alerts(Instant now, Predicate<Case> visible) {
        Map<String, Unit> units = new LinkedHashMap<>();
        organization.units().forEach(u -> units.put(u.code(), u));
        List<Case> open = cases.openUnlinkedSubmitted(now.minus(lookback), now).stream().filter(visible).toList();
        return clusters(open, units, minCases, window);
    }

    /**
     * Links the cases under one complex case: the earliest listed case that is already complex, or else a new complex
     * case registered by {@code by} (see {@link CaseDesk#linkUnderComplexCase}).
     *
     * @return the complex case
     */
    public Case linkUnderComplexCase(List<String> caseNos, Account by, Instant at) {
        return desk.linkUnderComplexCase(caseNos, by, at);
    }

    /** The clusters among the given cases (pure; the cases' topic and submission are compared). */
    static List<ClusterAlert> clusters(List<Case> open, Map<String, Unit> units, int minCases, Duration window) {
        Map<List<String>, List<Case>> groups = new LinkedHashMap<>();
        for (Case c : open) {
            if (c.topic() == null || c.submittedAt() == null) {
                continue;
            }
            for (String key : keys(c, units)) {
                groups.computeIfAbsent(List.of(key, c.topic()), k -> new ArrayList<>()).add(c);
            }
        }
        List<ClusterAlert> alerts = new ArrayList<>();
        Set<Set<String>> seen = new LinkedHashSet<>();
        for (var group : groups.entrySet()) {
            List<Case> sorted = group.getValue().stream()
                    .sorted(Comparator.comparing(Case::submittedAt).thenComparing(Case::caseNo)).toList();
            for (List<Case> cluster : windows(sorted, minCases, window)) {
                List<String> numbers = cluster.stream().map(Case::caseNo).toList();
                if (seen.add(Set.copyOf(numbers))) {
                    alerts.add(new ClusterAlert(group.getKey().get(0), group.getKey().get(1), numbers,
                            cluster.get(0).submittedAt(), cluster.get(cluster.size() - 1).submittedAt()));
                }
            }
        }
        alerts.sort(Comparator.comparing(ClusterAlert::firstAt).thenComparing(ClusterAlert::key));
        return alerts;
    }

    /**
     * The runs of cases (sorted by submission) in which every case lies in some window of {@code window} holding at
     * least {@code minCases} of them; overlapping such windows merge into one run.
     */
    private static List<List<Case>> windows(List<Case> sorted, int minCases, Duration window) {
        List<List<Case>> out = new ArrayList<>();
        List<Case> current = null;
        int currentEnd = -1;
        int end = 0;
        for (int start = 0; start < sorted.size(); start++) {
            Instant limit = sorted.get(start).submittedAt().plus(window);
            end = Math.max(end, start);
            while (end + 1 < sorted.size() && !sorted.get(end + 1).submittedAt().isAfter(limit)) {
                end++;
            }
            if (end - start + 1 >= minCases) {
                if (current != null && start <= currentEnd) {
                    for (int i = currentEnd + 1; i <= end; i++) {
                        current.add(sorted.get(i));
                    }
                } else {
                    current = new ArrayList<>(sorted.subList(start, end + 1));
                    out.add(current);
                }
                currentEnd = Math.max(currentEnd, end);
            }
        }
        return out;
    }

    /** The building and unit keys of a case. */
    static List<String> keys(Case c, Map<String, Unit> units) {
        List<String> keys = new ArrayList<>();
        String building = building(c.address());
        if (building != null) {
            keys.add("B:" + building);
        }
        String at = c.unit();
        Set<String> visited = new LinkedHashSet<>();
        while (at != null && units.containsKey(at) && visited.add(at)) {
            Unit unit = units.get(at);
            if (unit.kind() == UnitKind.STATION || unit.kind() == UnitKind.AREA) {
                keys.add("U:" + unit.code());
            }
            at = unit.parent();
        }
        return keys;
    }

    /** The building of an address: up to and including the first 号楼/栋/幢, without spaces; null when none. */
    static String building(String address) {
        if (address == null) {
            return null;
        }
        String folded = Normalizer.normalize(address, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        int best = -1;
        for (String mark : BUILDING_MARKS) {
            int i = folded.indexOf(mark);
            if (i > 0 && (best < 0 || i + mark.length() < best)) {
                best = i + mark.length();
            }
        }
        return best < 0 ? null : folded.substring(0, best);
    }
}
