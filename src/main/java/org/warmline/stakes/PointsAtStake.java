package org.warmline.stakes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.warmline.assessment.CaseWhatIf;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseQuery;
import org.warmline.cases.CaseState;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationChanged;
import org.warmline.organization.OrganizationStore;
import org.warmline.scheme.Scheme;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.security.Role;

/**
 * Points at stake (考核风险) of open cases, for the pages ({@code @pointsAtStake} in the templates) and the API: each
 * running clock of the case ({@link CaseClocks}) read by the assessment engine's what-if ({@link CaseWhatIf}) — the
 * case as it is, its clock's milestone one second after the deadline, assessed for the subjects it counts for in the
 * month it falls in, less what it already costs now — so the figures are the engine's own, never a copy of its rules.
 *
 * <p>What is the same for many cases is kept: one {@link CaseWhatIf} per scheme version, calendar, language and reading
 * of the organisation (read again after a change made by this instance, else at most every
 * {@link #ORGANISATION_FOR}); per case, the citizen's earlier cases are read
 * only for a complaint whose handling clock runs (2.4 and the doubling of 2.2 look at them). An agent who looks at a
 * case nobody has accepted yet sees what accepting it late would cost them.
 */
@Component("pointsAtStake")
public class PointsAtStake {

    /** How long a reading of the organisation (units and staff) is used before it is read again. */
    static final Duration ORGANISATION_FOR = Duration.ofSeconds(10);
    /** How soon a reading that does not know a case's unit or person may be replaced (a list of such cases reads once). */
    static final Duration REREAD_AFTER = Duration.ofMillis(250);
    /** The open states whose clocks run. */
    static final Set<CaseState> RUNNING = EnumSet.of(CaseState.SUBMITTED, CaseState.ACCEPTED, CaseState.DISPATCHED,
            CaseState.IN_PROGRESS, CaseState.SOLUTION_GIVEN, CaseState.REVIEW);
    /** How many of the cases due soonest the dashboard ranks. */
    static final int RANKED = 200;
    private static final int WHAT_IFS_KEPT = 16;
    private static final String MEMO = PointsAtStake.class.getName() + ".memo";

    private final CaseClocks clocks;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final OrganizationStore organization;
    private final CurrentUser currentUser;
    private final Map<Key, CaseWhatIf> whatIfs = new ConcurrentHashMap<>();
    private volatile Roster roster;

    /** A scheme version, a calendar (by identity: it is rebuilt when a holiday file is imported), a language, a roster. */
    private record Key(String scheme, WorkingCalendar calendar, Locale locale, long roster) {
    }

    /** A reading of the organisation, with the codes it knows. */
    private record Roster(List<Unit> units, List<Staff> staff, Set<String> unitCodes, Set<String> staffCodes,
                          long readAtNanos) {

        Roster(List<Unit> units, List<Staff> staff, long readAtNanos) {
            this(units, staff, units.stream().map(Unit::code).collect(java.util.stream.Collectors.toSet()),
                    staff.stream().map(Staff::code).collect(java.util.stream.Collectors.toSet()), readAtNanos);
        }

        /** Whether the reading knows the case's unit and people (a unit or person added since is not in it). */
        boolean knows(Case c) {
            return (c.unit() == null || unitCodes.contains(c.unit()))
                    && (c.handler() == null || staffCodes.contains(c.handler()))
                    && (c.acceptedBy() == null || staffCodes.contains(c.acceptedBy()));
        }
    }

    PointsAtStake(CaseClocks clocks, CaseDesk desk, CaseAccess access, OrganizationStore organization,
                  CurrentUser currentUser) {
        this.clocks = clocks;
        this.desk = desk;
        this.access = access;
        this.organization = organization;
        this.currentUser = currentUser;
    }

    /**
     * The case's points at stake now, reasons in the current request's language; computed once per web request and
     * case (a list shows a case in its table and in its phone's cards).
     */
    public CaseStakes of(Case c) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        @SuppressWarnings("unchecked")
        Map<String, CaseStakes> memo = request == null ? null
                : (Map<String, CaseStakes>) request.getAttribute(MEMO, RequestAttributes.SCOPE_REQUEST);
        if (request != null && memo == null) {
            memo = new java.util.HashMap<>();
            request.setAttribute(MEMO, memo, RequestAttributes.SCOPE_REQUEST);
        }
        String key = c.id() + "@" + c.version();
        CaseStakes known = memo == null ? null : memo.get(key);
        if (known != null) {
            return known;
        }
        CaseStakes stakes = of(c, Instant.now(), LocaleContextHolder.getLocale(), currentUser.account().orElse(null));
        if (memo != null) {
            memo.put(key, stakes);
        }
        return stakes;
    }

    /**
     * The case's points at stake as of {@code now}.
     *
     * @param viewer who looks (an agent sees what accepting a case nobody accepted yet would cost them), or null
     */
    public CaseStakes of(Case c, Instant now, Locale locale, Account viewer) {
        Scheme scheme = clocks.schemeOf(c);
        CaseClocks.Reading reading = clocks.at(c, now);
        if (reading.clocks().isEmpty()) {
            return CaseStakes.none(c.caseNo(), scheme.version());
        }
        Map<CaseWhatIf.Timer, Instant> deadlines = new LinkedHashMap<>();
        for (CaseClocks.Clock clock : reading.clocks()) {
            deadlines.put(CaseWhatIf.Timer.valueOf(clock.kind().name()), clock.deadline());
        }
        String acceptor = viewer != null && viewer.role() == Role.AGENT && c.acceptedBy() == null
                ? viewer.staffCode() : null;
        List<CaseWhatIf.TimerReading> timers = whatIf(scheme, locale, c).read(c.toRecord(), earlier(c, deadlines),
                deadlines, now, acceptor);
        List<CaseStakes.ClockStake> out = new ArrayList<>();
        Map<String, BigDecimal> bySubject = new LinkedHashMap<>();
        for (CaseWhatIf.TimerReading timer : timers) {
            List<CaseStakes.SubjectLoss> losses = timer.losses().stream()
                    .map(l -> new CaseStakes.SubjectLoss(l.subject(), l.name(), l.kind(), l.item().number(), l.rule(),
                            l.points(), l.reason(), scheme.items().max(l.item())))
                    .toList();
            String nobody = losses.isEmpty() ? nobody(c, timer.timer()) : null;
            out.add(new CaseStakes.ClockStake(CaseClocks.Kind.valueOf(timer.timer().name()), timer.deadline(),
                    timer.late(), losses, nobody, Duration.between(now, timer.deadline())));
            if (!timer.late()) {
                losses.forEach(l -> bySubject.merge(l.code(), l.points(), BigDecimal::add));
            }
        }
        BigDecimal points = bySubject.values().stream().max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
        return new CaseStakes(c.caseNo(), List.copyOf(out), points, scheme.version());
    }

    /** Why a clock costs no one anything: the message key. */
    private static String nobody(Case c, CaseWhatIf.Timer timer) {
        if (timer == CaseWhatIf.Timer.ACCEPTANCE && c.acceptedBy() == null) {
            return "stakes.nobody.notAccepted";
        }
        return "stakes.nobody";
    }

    /**
     * The citizen's earlier cases, for a complaint whose handling clock runs (its loss doubles when it repeats a late
     * complaint, docs/assessment.md 2.2); none otherwise, where the engine does not look at them.
     */
    private List<CaseRecord> earlier(Case c, Map<CaseWhatIf.Timer, Instant> deadlines) {
        if (c.category() != Category.COMPLAINT || c.citizenPhone() == null
                || !deadlines.containsKey(CaseWhatIf.Timer.HANDLING)) {
            return List.of();
        }
        return desk.earlierCases(c.citizenPhone(), c.submittedAt()).stream()
                .filter(e -> !e.id().equals(c.id()) && e.category() == Category.COMPLAINT)
                .map(Case::toRecord).toList();
    }

    /**
     * The what-if of a scheme, the current calendar, a language and the organisation as last read (read again at once,
     * at most every {@link #REREAD_AFTER}, when the case names a unit or person that reading does not know).
     */
    private CaseWhatIf whatIf(Scheme scheme, Locale locale, Case c) {
        Roster last = roster();
        Roster r = !last.knows(c) && System.nanoTime() - last.readAtNanos() > REREAD_AFTER.toNanos() ? reread() : last;
        Locale language = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH
                : Locale.SIMPLIFIED_CHINESE;
        WorkingCalendar calendar = clocks.calendar();
        Key key = new Key(scheme.version(), calendar, language, r.readAtNanos());
        CaseWhatIf found = whatIfs.get(key);
        if (found == null) {
            if (whatIfs.size() >= WHAT_IFS_KEPT) {
                whatIfs.clear();
            }
            found = whatIfs.computeIfAbsent(key, k -> new CaseWhatIf(scheme, calendar, language, r.units(),
                    r.staff()));
        }
        return found;
    }

    private Roster reread() {
        Roster r = new Roster(List.copyOf(organization.units()), List.copyOf(organization.staff()), System.nanoTime());
        roster = r;
        return r;
    }

    /** A change of the organisation made here is seen at once (one made by another instance, as said above). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(OrganizationChanged changed) {
        roster = null;
    }

    private Roster roster() {
        Roster r = roster;
        return r == null || System.nanoTime() - r.readAtNanos() > ORGANISATION_FOR.toNanos() ? reread() : r;
    }

    // ---------------------------------------------------------------------------------------------- dashboard

    /** A case ranked by its points at stake. */
    public record Ranked(Case c, CaseStakes stakes) {
    }

    /** The dashboard's ranking for the signed-in viewer: see {@link #ranking(Account, Instant, int)}. */
    public Ranking top(int n) {
        Account me = currentUser.required();
        return ranking(me, Instant.now(), n);
    }

    /** The ranking, and how many cases it looked at (the {@link #RANKED} due soonest, or fewer). */
    public record Ranking(List<Ranked> cases, int lookedAt) {
    }

    /**
     * The {@code n} open cases of the viewer's scope with the most points at stake, among the {@link #RANKED} with the
     * nearest deadlines: most points first, then the nearest deadline.
     */
    public Ranking ranking(Account viewer, Instant now, int n) {
        CaseQuery query = access.scoped(viewer, CaseQuery.all().withStates(RUNNING)).page(RANKED, 0);
        List<Case> due = desk.search(query).cases();
        Locale locale = LocaleContextHolder.getLocale();
        List<Ranked> ranked = new ArrayList<>();
        for (Case c : due) {
            CaseStakes stakes = of(c, now, locale, viewer);
            if (stakes.points().signum() > 0) {
                ranked.add(new Ranked(c, stakes));
            }
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.stakes().points()).reversed());
        return new Ranking(ranked.stream().limit(n).toList(), due.size());
    }
}
