package org.warmline.administration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.warmline.calendar.Period;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeException;
import org.warmline.scheme.SchemeLoader;

/**
 * The versions of the assessment scheme (考核方案版本) and which one applies when. The built-in {@code default} applies
 * from the beginning of time; an uploaded version applies from the day it is activated for until the next activated
 * version's day. A day's scheme is {@link #forDay}; a period's is the one in force on its first day
 * ({@link #forPeriod}), so a result is computed with one version and keeps its name.
 *
 * <p>Activation is only for the first day of a coming month (after today): a month is always assessed with one version,
 * the desk's clocks of a case never change after it was submitted, and no past period — published or not — is ever
 * recomputed with another version. A past period is corrected with an adjustment, not with a scheme. A scheduled
 * activation can be withdrawn until its day comes.
 *
 * <p>The versions are read once and kept in memory; activating or withdrawing on this instance refreshes them at once,
 * and they are re-read at most a minute later on other instances.
 */
@Service
public class SchemeVersions {

    /** The name of the built-in version. */
    public static final String BUILT_IN = "default";

    /** A version and its scheme. */
    public record Active(String version, Scheme scheme) {
    }

    /** A version as the administration page (and the what-if of the assessment office) lists it. */
    public record Listed(String version, String schemeName, Optional<LocalDate> activeFrom, Optional<Instant> uploadedAt,
                  String uploadedBy, Optional<Instant> activatedAt, String activatedBy, String content, boolean inForce) {

        public boolean builtIn() {
            return BUILT_IN.equals(version);
        }

        public boolean scheduled() {
            return activeFrom.isPresent() && !inForce;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SchemeVersions.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}");
    private static final int MAX_CHARS = 200_000;
    private static final Duration REREAD_AFTER = Duration.ofMinutes(1);

    private final SchemeVersionStore store;
    private final Clock clock;
    private final Active builtIn;
    private final String builtInContent;
    private volatile Snapshot snapshot;

    /** The versions in force from each day, as last read. */
    private record Snapshot(NavigableMap<LocalDate, Active> byDay, long readAtNanos) {
    }

    /** The versions kept in a database, outside Spring (stores, tools, other modules' tests). */
    public static SchemeVersions of(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return new SchemeVersions(new SchemeVersionStore(jdbc));
    }

    @Autowired
    SchemeVersions(SchemeVersionStore store) {
        this(store, Clock.systemUTC());
    }

    SchemeVersions(SchemeVersionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.builtIn = new Active(BUILT_IN, SchemeLoader.defaultScheme());
        try (var in = SchemeLoader.class.getResourceAsStream(SchemeLoader.DEFAULT_RESOURCE)) {
            this.builtInContent = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the default scheme", e);
        }
    }

    /** The version in force on a day. */
    public Active forDay(LocalDate day) {
        return snapshot().byDay().floorEntry(day).getValue();
    }

    /** The version of a period: the one in force on its first day. */
    public Active forPeriod(Period period) {
        return forDay(period.start());
    }

    /** The version in force today (in the zone of the built-in scheme). */
    public Active today() {
        return forDay(today(zone()));
    }

    /** The zone days are cut in (the built-in scheme's; a version may not change it). */
    ZoneId zone() {
        return ZoneId.of(builtIn.scheme().zone());
    }

    private LocalDate today(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone));
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        return current == null || stale(current.readAtNanos()) ? refreshIfStale() : current;
    }

    private static boolean stale(long readAtNanos) {
        return System.nanoTime() - readAtNanos > REREAD_AFTER.toNanos();
    }

    /** Re-reads unless another thread just did (many requests may find it stale at once). */
    private synchronized Snapshot refreshIfStale() {
        Snapshot current = snapshot;
        return current == null || stale(current.readAtNanos()) ? refresh() : current;
    }

    /** Re-reads the versions from the database. */
    synchronized Snapshot refresh() {
        NavigableMap<LocalDate, Active> byDay = new TreeMap<>();
        byDay.put(LocalDate.MIN, builtIn);
        for (SchemeVersionStore.Stored stored : store.all()) {
            if (stored.activeFrom().isPresent()) {
                try {
                    Scheme scheme = parse(stored.version() + ".yaml", stored.content());
                    byDay.put(stored.activeFrom().get(), new Active(stored.version(), scheme));
                } catch (SchemeException e) {
                    // only valid schemes are stored; a hand-edited row is skipped rather than stopping the desk
                    log.error("scheme version {} in the database is not valid and is ignored: {}", stored.version(),
                            e.getMessage());
                }
            }
        }
        Snapshot fresh = new Snapshot(byDay, System.nanoTime());
        snapshot = fresh;
        return fresh;
    }

    private static Scheme parse(String name, String content) {
        return SchemeLoader.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name, false);
    }

    // ------------------------------------------------------------------------------------------ administration

    /** Every version, the built-in first, then as uploaded. */
    public List<Listed> list() {
        LocalDate today = today(zone());
        String inForce = forDay(today).version();
        List<Listed> out = new ArrayList<>();
        out.add(new Listed(BUILT_IN, builtIn.scheme().name(), Optional.empty(), Optional.empty(), "", Optional.empty(),
                "", builtInContent, BUILT_IN.equals(inForce)));
        for (SchemeVersionStore.Stored s : store.all()) {
            String schemeName;
            try {
                schemeName = parse(s.version() + ".yaml", s.content()).name();
            } catch (SchemeException e) {
                schemeName = "?";
            }
            out.add(new Listed(s.version(), schemeName, s.activeFrom(), Optional.of(s.uploadedAt()), s.uploadedBy(),
                    s.activatedAt(), s.activatedBy().orElse(""), s.content(), s.version().equals(inForce)));
        }
        return out;
    }

    Optional<Listed> find(String version) {
        return list().stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The scheme of a listed version. */
    Scheme scheme(Listed version) {
        return version.builtIn() ? builtIn.scheme() : parse(version.version() + ".yaml", version.content());
    }

    /**
     * A version by its name, whether in force, scheduled or only uploaded (the what-if of a version before it is
     * activated); empty when there is none (or its stored text is no longer a valid scheme).
     */
    public Optional<Active> version(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (BUILT_IN.equals(name)) {
            return Optional.of(builtIn);
        }
        return store.find(name).flatMap(stored -> {
            try {
                return Optional.of(new Active(stored.version(), parse(stored.version() + ".yaml", stored.content())));
            } catch (SchemeException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Stores an uploaded scheme file as a new version, not yet activated; its name is the file's {@code version}.
     *
     * @return the version's name
     * @throws SchemeException with every problem (naming the file and the setting) when it cannot be stored
     */
    String upload(String fileName, byte[] content, String by) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            throw new SchemeException(List.of(fileName + ": only a .yaml scheme file can be uploaded"));
        }
        if (content.length == 0) {
            throw new SchemeException(List.of(fileName + ": the file is empty"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SchemeException(List.of(fileName + ": not UTF-8 text"));
        }
        if (text.length() > MAX_CHARS) {
            throw new SchemeException(List.of(fileName + ": a scheme file is at most " + MAX_CHARS + " characters"));
        }
        Scheme scheme = parse(fileName, text);
        List<String> problems = new ArrayList<>();
        String version = scheme.version().strip();
        if (!NAME.matcher(version).matches()) {
            problems.add(fileName + ": version: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
                    + " digit");
        } else if (version.equalsIgnoreCase(BUILT_IN)) {
            problems.add(fileName + ": version: \"default\" is the built-in scheme; give the new version its own name");
        } else if (store.find(version).isPresent()) {
            problems.add(fileName + ": version: " + version + " is already uploaded; give the new version its own name");
        }
        if (!scheme.zone().equals(builtIn.scheme().zone())) {
            problems.add(fileName + ": zone: the desk's days are cut in " + builtIn.scheme().zone()
                    + "; a version cannot change the zone");
        }
        if (!problems.isEmpty()) {
            throw new SchemeException(problems);
        }
        if (!store.insert(version, text, clock.instant(), by)) {
            throw new SchemeException(List.of(fileName + ": version: " + version + " is already uploaded"));
        }
        return version;
    }

    /**
     * Activates a version from the first day of a coming month.
     *
     * @throws VersionRefused when the version is unknown or built in, already in force, or the day is not the first
     *                        of a month after today, or another version is activated from that day
     */
    void activate(String version, LocalDate from, String by) {
        SchemeVersionStore.Stored stored = storedForChange(version);
        LocalDate today = today(zone());
        if (from == null) {
            throw new VersionRefused("scheme.refused.noDate");
        }
        if (from.getDayOfMonth() != 1) {
            throw new VersionRefused("scheme.refused.notFirstOfMonth", from.toString());
        }
        if (!from.isAfter(today)) {
            throw new VersionRefused("scheme.refused.past", from.toString());
        }
        Optional<SchemeVersionStore.Stored> sameDay = store.all().stream()
                .filter(s -> s.activeFrom().equals(Optional.of(from)) && !s.version().equals(version)).findFirst();
        if (sameDay.isPresent()) {
            throw new VersionRefused("scheme.refused.sameDay", from.toString(), sameDay.get().version());
        }
        try {
            store.activate(stored.version(), from, clock.instant(), by);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            throw new VersionRefused("scheme.refused.sameDay", from.toString(), "?");
        }
        refresh();
        log.info("scheme version {} activated from {} by {}", version, from, by);
    }

    /** Withdraws a version's scheduled activation (before its day comes). */
    void withdraw(String version, String by) {
        SchemeVersionStore.Stored stored = storedForChange(version);
        if (stored.activeFrom().isEmpty()) {
            throw new VersionRefused("scheme.refused.notScheduled", version);
        }
        store.activate(stored.version(), null, clock.instant(), by);
        refresh();
        log.info("scheme version {} withdrawn by {}", version, by);
    }

    /** A stored version that may still be (re)scheduled: not built in and not yet in force. */
    private SchemeVersionStore.Stored storedForChange(String version) {
        if (BUILT_IN.equals(version)) {
            throw new VersionRefused("scheme.refused.builtIn");
        }
        SchemeVersionStore.Stored stored = store.find(version)
                .orElseThrow(() -> new VersionRefused("scheme.refused.unknown", version));
        LocalDate today = today(zone());
        if (stored.activeFrom().isPresent() && !stored.activeFrom().get().isAfter(today)) {
            throw new VersionRefused("scheme.refused.inForce", version, stored.activeFrom().get().toString());
        }
        return stored;
    }

    /** The day-by-day versions, for tests and the page: every activation in order. */
    Map<LocalDate, String> timeline() {
        Map<LocalDate, String> out = new TreeMap<>(Comparator.naturalOrder());
        snapshot().byDay().forEach((day, active) -> out.put(day, active.version()));
        return out;
    }
}
