package org.warmline.announcements;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.assessment.PhoneNumbers;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseId;
import org.warmline.cases.CaseNotFound;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.KeyedText;
import org.warmline.cases.PhoneMask;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.TextRules;
import org.warmline.cases.Texts;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Topic;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.Notifications;
import org.warmline.organization.OrganizationStore;
import org.warmline.organization.RoutingRules;
import org.warmline.security.Account;
import org.warmline.security.Role;

/**
 * Outage announcements (停热/抢修公告): posted, updated and closed by a dispatcher — an agent, or a unit manager for
 * the stations and unit of their subtree — and read by everyone on the desk. One rule for pages and API:
 * <ul>
 * <li>The area is heating stations (units of kind STATION, with everything below them) and/or address patterns
 * ({@link AddressPattern}); an empty area, a pattern that names no place, a restore time not after the start are
 * refused with every problem named, and nothing is stored.</li>
 * <li>Posting opens the complex-problem case the announcement stands for (registered, accepted and dispatched to the
 * responsible unit by the poster; topic 停热, the area as its address, the cause as its demand), or names an open
 * complex case that is not linked under another and stands for no other active announcement.</li>
 * <li>A call answered from an active announcement ({@link #answer}) is registered as the agent's hotline or walk-in
 * case, dispatched to the announcement's unit, contacted and answered by the agent in the call (the answer: the
 * cause and the expected restore time), and linked under the announcement's case — one transaction, every step a
 * guarded transition of the case with its history line — so that its clocks stop at once instead of running late by
 * the hundred.</li>
 * <li>Closing ({@link #close}) texts every citizen linked under the case the restore message (SMS, when on; once per
 * phone; a history line per text) and moves each linked case, and the complex case itself, on to callback: a case
 * with its solution is completed, a case in progress gets the restore message as its solution and is completed; a
 * case not yet contacted (or not yet dispatched) is left where it is, in its queue, and counted; completed, closed and
 * withdrawn cases are left alone. Each case moves in its own transaction at the version read, so that a case someone
 * is working on at that moment is left, counted, not overwritten.</li>
 * </ul>
 */
@Service
public class Announcements {

    private static final Logger log = LoggerFactory.getLogger(Announcements.class);

    /** The most stations and address patterns an announcement covers. */
    static final int MAX_STATIONS = 50;
    static final int MAX_PATTERNS = 30;
    /** The longest cause and progress note, in characters. */
    static final int CAUSE_MAX = 200;
    static final int NOTE_MAX = 500;
    /** How far ahead a planned outage may be announced, and the longest outage an announcement expects. */
    static final Duration AHEAD = Duration.ofDays(30);
    static final Duration LONGEST = Duration.ofDays(30);
    /** How long the active announcements are kept in memory for matching (changes here are seen at once). */
    private static final Duration ACTIVE_CACHE = Duration.ofSeconds(5);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Set<CaseState> WORKABLE = EnumSet.of(CaseState.SUBMITTED, CaseState.ACCEPTED,
            CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.SOLUTION_GIVEN);

    /** What an announcement's posting or update asks for, as typed (times as ISO-8601 text, read in the desk's zone). */
    public record Command(List<String> stations, List<String> patterns, String cause, String startedAt,
                          String expectedRestoreAt, String unit, String caseNo, String note) {

        public Command {
            stations = stations == null ? List.of() : stations.stream().filter(Objects::nonNull).map(String::strip)
                    .filter(s -> !s.isEmpty()).distinct().toList();
            patterns = patterns == null ? List.of() : patterns.stream().filter(Objects::nonNull).map(String::strip)
                    .filter(s -> !s.isEmpty()).distinct().toList();
        }

        /** Address patterns from a text of one pattern a line (or separated by ；, ; or 、). */
        public static List<String> lines(String text) {
            return text == null ? List.of() : List.of(text.split("\\R|[;；、]"));
        }
    }

    /** Why an active announcement covers a caller. */
    public enum Reason { STATION, ROUTED, PATTERN }

    /** An active announcement that covers a caller, why, and by what (a station's code, or the pattern). */
    public record Match(Announcement announcement, Reason reason, String by) {
    }

    /** What closing did. */
    public record Closing(Announcement announcement, int moved, int left, int alreadyDone, int failed, int texts,
                          List<String> leftCases) {
    }

    private final AnnouncementStore store;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final CaseRepository cases;
    private final OrganizationStore organization;
    private final RoutingRules routing;
    private final Notifications notifications;
    private final Texts texts;
    private final TransactionTemplate transaction;
    private final ZoneId zone;
    private final String smsSignature;
    private volatile Cached activeCache;

    private record Cached(long readAt, List<Announcement> active) {
    }

    Announcements(AnnouncementStore store, CaseDesk desk, CaseAccess access, CaseRepository cases,
                  OrganizationStore organization, RoutingRules routing, Notifications notifications, Texts texts,
                  PlatformTransactionManager transactions, CaseClocks clocks,
                  @Value("${warmline.citizen.sms-signature:}") String smsSignature) {
        this.store = store;
        this.desk = desk;
        this.access = access;
        this.cases = cases;
        this.organization = organization;
        this.routing = routing;
        this.notifications = notifications;
        this.texts = texts;
        this.transaction = new TransactionTemplate(transactions);
        this.zone = clocks.calendar().zone();
        this.smsSignature = smsSignature == null ? "" : smsSignature;
    }

    // ---------------------------------------------------------------------------------------------- who may

    /** Whether the account may post announcements at all (agents; unit managers, for their subtree). */
    public static boolean mayPost(Account account) {
        return account.role() == Role.AGENT || account.role() == Role.UNIT_MANAGER;
    }

    /** Whether the account may update and close this announcement: an agent, or the manager of its unit's subtree. */
    public boolean mayManage(Account account, Announcement a) {
        return account.role() == Role.AGENT
                || account.role() == Role.UNIT_MANAGER && access.subtree(account.unitCode()).contains(a.unit());
    }

    /** The announcement a case stands for (the complex-problem case it opened), active or closed, if any. */
    public Optional<Announcement> ofCase(CaseId caseId) {
        return store.ofCase(caseId);
    }

    /** Whether the account may answer calls from announcements (agents, who take the calls). */
    public static boolean mayAnswer(Account account) {
        return account.role() == Role.AGENT;
    }

    // ---------------------------------------------------------------------------------------------- reading

    public Optional<Announcement> find(long id) {
        return store.find(id);
    }

    /** The active announcements, newest first (read at most every few seconds; a change here is seen at once). */
    public List<Announcement> active() {
        Cached c = activeCache;
        long now = System.nanoTime();
        if (c == null || now - c.readAt() > ACTIVE_CACHE.toNanos()) {
            c = new Cached(now, store.active());
            activeCache = c;
        }
        return c.active();
    }

    /** The latest announcements, active or closed, newest first. */
    public List<Announcement> recent(int limit) {
        return store.recent(limit);
    }

    /** The announcement's log, oldest first. */
    List<AnnouncementStore.Event> events(long id) {
        return store.events(id);
    }

    /** The calls answered from the announcement, oldest first. */
    List<AnnouncementStore.Call> calls(long id) {
        return store.calls(id);
    }

    /** How many calls were answered from each announcement. */
    public Map<Long, Long> callCounts(List<Announcement> announcements) {
        return store.callCounts(announcements.stream().map(Announcement::id).toList());
    }

    /** When the calls of the announcements were answered, since {@code from}. */
    Map<Long, List<Instant>> callTimes(List<Announcement> announcements, Instant from) {
        return store.callTimes(announcements.stream().map(Announcement::id).toList(), from);
    }

    /**
     * The active announcements that cover a caller: by the station chosen (it or a unit below it is covered), by the
     * station the routing rules send the address to, or by an address pattern the address matches. At most one match
     * per announcement, the station first.
     */
    public List<Match> matching(String address, String station) {
        List<Announcement> active = active();
        if (active.isEmpty()) {
            return List.of();
        }
        String a = address == null || address.isBlank() || address.length() > 500 ? null : address.strip();
        String s = station == null || station.isBlank() || station.length() > 64 ? null : station.strip();
        String routed = a == null ? null : routing.propose(a, null).map(RoutingRules.Proposal::unitCode).orElse(null);
        List<Match> out = new ArrayList<>();
        for (Announcement announcement : active) {
            Match match = covering(announcement, s, Reason.STATION);
            if (match == null) {
                match = covering(announcement, routed, Reason.ROUTED);
            }
            if (match == null && a != null) {
                for (String pattern : announcement.patterns()) {
                    if (AddressPattern.of(pattern).matches(a)) {
                        match = new Match(announcement, Reason.PATTERN, pattern);
                        break;
                    }
                }
            }
            if (match != null) {
                out.add(match);
            }
        }
        return out;
    }

    /** A match when the unit is one of the announcement's stations or below one, else null. */
    private Match covering(Announcement announcement, String unit, Reason reason) {
        if (unit == null || announcement.stations().isEmpty()) {
            return null;
        }
        List<String> chain = new ArrayList<>();
        chain.add(unit);
        chain.addAll(access.chain(unit));
        for (String station : announcement.stations()) {
            if (chain.contains(station)) {
                return new Match(announcement, reason, station);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- posting

    /**
     * Posts an announcement and opens (or names) its complex case, in one transaction.
     *
     * @throws AnnouncementRefused with every problem of the command; nothing is stored then
     */
    public Announcement post(Command command, Account by, Instant now) {
        requirePoster(by);
        List<AnnouncementRefused.Problem> problems = new ArrayList<>();
        Area area = area(command, by, problems);
        String cause = cause(command.cause(), problems);
        Instant started = time(command.startedAt(), "startedAt", problems, now.plus(Duration.ofDays(3650)));
        if (started != null && started.isAfter(now.plus(AHEAD))) {
            problems.add(new AnnouncementRefused.Problem("startedAt", "announcement.startedAt.ahead", AHEAD.toDays()));
        }
        Instant restore = restore(command.expectedRestoreAt(), started, problems, now);
        String unit = unit(command.unit(), by, problems);
        Case named = null;
        if (command.caseNo() != null && !command.caseNo().isBlank()) {
            named = namedCase(command.caseNo().strip(), by, problems);
        }
        note(command.note(), problems);
        if (!problems.isEmpty()) {
            throw new AnnouncementRefused(problems);
        }
        Case chosen = named;
        String actor = CaseDesk.actor(by);
        Announcement posted = transaction.execute(status -> {
            Case complex = chosen != null ? chosen : open(area, cause, started, unit, by, now);
            Announcement a = store.insert(new Announcement(0, cause, started, restore, unit, complex.id(),
                    complex.caseNo(), Announcement.State.ACTIVE, area.stations(), area.patterns(), now, actor, null,
                    null, null, 0));
            store.addEvent(a.id(), now, actor, KeyedText.of("announcement.log.posted", complex.caseNo(),
                    format(restore)));
            if (command.note() != null && !command.note().isBlank()) {
                store.addEvent(a.id(), now, actor, KeyedText.of("announcement.log.note", command.note().strip()));
            }
            return a;
        });
        activeCache = null;
        log.info("announcement {} posted by {}: {} (case {})", posted.id(), actor, cause, posted.caseNo());
        return posted;
    }

    /** The complex case an announcement opens: registered, accepted and dispatched to the unit by the poster. */
    private Case open(Area area, String cause, Instant started, String unit, Account by, Instant now) {
        String where = area.describe(unitNames());
        RegisterCommand command = new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, true, Topic.OUTAGE.name(),
                null, null, where.length() > 500 ? where.substring(0, 499) + "…" : where,
                texts.show(KeyedText.of("announcement.case.demand", cause), Notifications.OUTSIDE),
                started.isAfter(now) ? null : started, now, null);
        Case c = desk.registerByAgent(command, by, now);
        return desk.dispatch(c.id(), c.version(), by, now, unit, null);
    }

    /** The case a poster names: it must be theirs to see, complex, being handled, not under another, not taken. */
    private Case namedCase(String caseNo, Account by, List<AnnouncementRefused.Problem> problems) {
        Optional<Case> found = access.find(by, caseNo);
        if (found.isEmpty()) {
            problems.add(new AnnouncementRefused.Problem("caseNo", "announcement.case.unknown", caseNo));
            return null;
        }
        Case c = found.get();
        if (!c.complex()) {
            problems.add(new AnnouncementRefused.Problem("caseNo", "announcement.case.notComplex", caseNo));
        } else if (!WORKABLE.contains(c.state())) {
            problems.add(new AnnouncementRefused.Problem("caseNo", "announcement.case.notOpen", caseNo));
        } else if (c.parentCase() != null) {
            problems.add(new AnnouncementRefused.Problem("caseNo", "announcement.case.linked", caseNo));
        } else if (store.activeOfCase(c.id()).isPresent()) {
            problems.add(new AnnouncementRefused.Problem("caseNo", "announcement.case.taken", caseNo,
                    store.activeOfCase(c.id()).get().id()));
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------- updating

    /**
     * Updates an active announcement as work goes on: its cause, area, expected restore time, and a progress note for
     * the log. Each change is a line of the announcement's log.
     *
     * @throws AnnouncementRefused with every problem, or when nothing differs, the announcement is closed, or someone
     *                             else changed it since {@code version}
     */
    public Announcement update(long id, int version, Command command, Account by, Instant now) {
        Announcement a = managed(id, by);
        if (!a.active()) {
            throw AnnouncementRefused.conflict("announcement.closed", id);
        }
        List<AnnouncementRefused.Problem> problems = new ArrayList<>();
        Area area = area(command, by, problems);
        String cause = cause(command.cause(), problems);
        Instant restore = restore(command.expectedRestoreAt(), a.startedAt(), problems, now);
        String note = note(command.note(), problems);
        if (!problems.isEmpty()) {
            throw new AnnouncementRefused(problems);
        }
        if (a.version() != version) {
            throw AnnouncementRefused.conflict("announcement.changed", id);
        }
        String actor = CaseDesk.actor(by);
        List<KeyedText> lines = new ArrayList<>();
        if (!cause.equals(a.cause())) {
            lines.add(KeyedText.of("announcement.log.cause", a.cause(), cause));
        }
        if (!restore.equals(a.expectedRestoreAt())) {
            lines.add(KeyedText.of("announcement.log.restore", format(a.expectedRestoreAt()), format(restore)));
        }
        if (!area.stations().equals(a.stations()) || !area.patterns().equals(a.patterns())) {
            Map<String, String> names = unitNames();
            lines.add(KeyedText.of("announcement.log.area", new Area(a.stations(), a.patterns()).describe(names),
                    area.describe(names)));
        }
        if (note != null) {
            lines.add(KeyedText.of("announcement.log.note", note));
        }
        if (lines.isEmpty()) {
            throw new AnnouncementRefused(List.of(new AnnouncementRefused.Problem(null,
                    "announcement.nothingChanged")));
        }
        Announcement changed = new Announcement(a.id(), cause, a.startedAt(), restore, a.unit(), a.caseId(),
                a.caseNo(), a.state(), area.stations(), area.patterns(), a.postedAt(), a.postedBy(), null, null, null,
                a.version());
        Announcement saved = transaction.execute(status -> {
            if (!store.update(changed)) {
                throw AnnouncementRefused.conflict("announcement.changed", id);
            }
            lines.forEach(line -> store.addEvent(id, now, actor, line));
            return store.find(id).orElseThrow();
        });
        activeCache = null;
        return saved;
    }

    // ---------------------------------------------------------------------------------------------- answering

    /**
     * 按公告答复: registers a caller's hotline or walk-in case answered from an active announcement, in one
     * transaction: registered and accepted by the agent, dispatched to the announcement's unit, contacted in the call,
     * answered with the announcement (its cause and expected restore time), and linked under its complex case; the
     * call counted for the announcement.
     *
     * @param repeatOf the earlier case this one repeats (the intake's repeat warning), or null
     * @throws AnnouncementRefused when the announcement is no longer active or {@code repeatOf} names no case
     */
    public Case answer(long id, RegisterCommand command, Account agent, Instant now, String repeatOf) {
        if (!mayAnswer(agent)) {
            throw new org.warmline.cases.CaseForbidden("announcement.forbidden", "Only agents answer calls.");
        }
        Announcement a = store.find(id).orElseThrow(() -> new AnnouncementNotFound(id));
        if (!a.active()) {
            throw AnnouncementRefused.conflict("announcement.closed", id);
        }
        String answer = texts.show(KeyedText.of("announcement.answer", a.cause(), format(a.expectedRestoreAt()),
                a.caseNo()), Notifications.OUTSIDE);
        String actor = CaseDesk.actor(agent);
        Case answered = transaction.execute(status -> {
            Case c;
            try {
                c = desk.registerByAgent(command, agent, now, repeatOf);
            } catch (CaseNotFound unknown) {
                throw new AnnouncementRefused(List.of(new AnnouncementRefused.Problem("repeatOf",
                        "intake.repeat.unknown")));
            }
            c = desk.dispatch(c.id(), c.version(), agent, now, a.unit(), null);
            c = desk.contact(c.id(), c.version(), agent, now);
            c = desk.giveSolution(c.id(), c.version(), agent, now, answer);
            desk.linkUnder(a.caseId(), List.of(c.id()), agent, now);
            store.addCall(a.id(), c.id(), now, actor);
            return c;
        });
        return desk.find(answered.id()).orElse(answered);
    }

    // ---------------------------------------------------------------------------------------------- closing

    /**
     * Closes an active announcement: heat came back at {@code restoredAt}. The announcement is closed first (one
     * transaction); then every case linked under its complex case, and the complex case itself, is texted and moved
     * on as the class comment says, each in its own transaction.
     *
     * @throws AnnouncementRefused for a restore time before the start or in the future, a closed announcement, or
     *                             someone else's change since {@code version}
     */
    public Closing close(long id, int version, String restoredAt, Account by, Instant now) {
        Announcement a = managed(id, by);
        if (!a.active()) {
            throw AnnouncementRefused.conflict("announcement.closed", id);
        }
        List<AnnouncementRefused.Problem> problems = new ArrayList<>();
        Instant restored = restoredAt == null || restoredAt.isBlank() ? now
                : time(restoredAt, "restoredAt", problems, now);
        if (restored != null && restored.isAfter(now)) {
            problems.add(new AnnouncementRefused.Problem("restoredAt", "announcement.restoredAt.future"));
        } else if (restored != null && restored.isBefore(a.startedAt())) {
            problems.add(new AnnouncementRefused.Problem("restoredAt", "announcement.restoredAt.beforeStart",
                    format(a.startedAt())));
        }
        if (!problems.isEmpty()) {
            throw new AnnouncementRefused(problems);
        }
        if (a.version() != version) {
            throw AnnouncementRefused.conflict("announcement.changed", id);
        }
        String actor = CaseDesk.actor(by);
        Announcement closing = new Announcement(a.id(), a.cause(), a.startedAt(), a.expectedRestoreAt(), a.unit(),
                a.caseId(), a.caseNo(), Announcement.State.CLOSED, a.stations(), a.patterns(), a.postedAt(),
                a.postedBy(), now, actor, restored, a.version());
        transaction.executeWithoutResult(status -> {
            if (!store.update(closing)) {
                throw AnnouncementRefused.conflict("announcement.changed", id);
            }
        });
        activeCache = null;

        String solution = texts.show(KeyedText.of("announcement.restored.solution", format(restored), a.caseNo()),
                Notifications.OUTSIDE);
        String sms = smsSignature + texts.show(KeyedText.of("announcement.sms.restored", a.cause(),
                format(restored)), Notifications.OUTSIDE);
        int moved = 0;
        int left = 0;
        int done = 0;
        int failed = 0;
        int sent = 0;
        List<String> leftCases = new ArrayList<>();
        Set<String> texted = new LinkedHashSet<>();
        List<Case> linked = new ArrayList<>(desk.children(a.caseId()));
        desk.find(a.caseId()).ifPresent(linked::add);
        for (Case listed : linked) {
            Set<String> mine = new LinkedHashSet<>();
            try {
                Moved result = transaction.execute(status -> moveOn(listed, by, now, solution, sms, texted, mine));
                switch (result.outcome()) {
                    case MOVED -> moved++;
                    case LEFT -> {
                        left++;
                        leftCases.add(listed.caseNo());
                    }
                    default -> done++;
                }
                if (result.texted()) {
                    sent++;
                }
            } catch (CaseChanged | TransitionRefused | CaseNotFound e) {
                texted.removeAll(mine); // its text was rolled back with it
                failed++;
                leftCases.add(listed.caseNo());
                log.warn("announcement {}: case {} not moved on: {}", id, listed.caseNo(), e.toString());
            }
        }
        int movedOn = moved;
        int stayed = left + failed;
        int textsSent = sent;
        transaction.executeWithoutResult(status -> store.addEvent(id, now, actor, KeyedText.of("announcement.log.closed",
                format(restored), movedOn, stayed, textsSent)));
        log.info("announcement {} closed by {}: {} cases on to callback, {} left, {} already done, {} texts", id, actor,
                moved, left + failed, done, sent);
        return new Closing(store.find(id).orElseThrow(), moved, left, done, failed, sent, List.copyOf(leftCases));
    }

    /** What closing did to one linked case. */
    private enum Outcome { MOVED, LEFT, DONE }

    /** What closing did to one linked case, and whether its citizen was texted. */
    private record Moved(Outcome outcome, boolean texted) {
    }

    /**
     * One linked case at closing, in the caller's transaction: its citizen texted the restore message (once per phone,
     * not for a withdrawn case), then moved on to callback as far as its state allows.
     */
    private Moved moveOn(Case listed, Account by, Instant now, String solution, String sms, Set<String> texted,
                         Set<String> mine) {
        Case c = desk.find(listed.id()).orElseThrow(() -> new CaseNotFound(listed.caseNo()));
        if (c.version() != listed.version()) {
            throw new CaseChanged(c.id(), c.caseNo());
        }
        boolean text = c.state() != CaseState.WITHDRAWN && text(c, sms, now, texted, mine);
        Outcome outcome;
        switch (c.state()) {
            case IN_PROGRESS -> {
                c = desk.giveSolution(c.id(), c.version(), by, now, solution);
                desk.complete(c.id(), c.version(), by, now, true);
                outcome = Outcome.MOVED;
            }
            case SOLUTION_GIVEN -> {
                desk.complete(c.id(), c.version(), by, now, true);
                outcome = Outcome.MOVED;
            }
            case SUBMITTED, ACCEPTED, DISPATCHED -> outcome = Outcome.LEFT;
            default -> outcome = Outcome.DONE;
        }
        return new Moved(outcome, text);
    }

    /** Texts the case's citizen the restore message, with a history line, unless their phone was texted already. */
    private boolean text(Case c, String sms, Instant now, Set<String> texted, Set<String> mine) {
        String phone = PhoneNumbers.normalize(c.citizenPhone());
        if (phone == null || !Notifications.textable(c.citizenPhone()) || texted.contains(phone)) {
            return false;
        }
        if (!notifications.textCitizen(c.citizenPhone(), sms, c.id(), now)) {
            return false;
        }
        texted.add(phone);
        mine.add(phone);
        cases.appendHistory(List.of(HistoryEntry.saying(c.id(), now, CaseDesk.SYSTEM, Case.Action.MESSAGE.name(),
                KeyedText.of("history.message.sms", PhoneMask.mask(c.citizenPhone()), sms))));
        return true;
    }

    // ---------------------------------------------------------------------------------------------- checks

    /** The area of a command, checked: stations of kind STATION (in a manager's subtree) and patterns that name a place. */
    private record Area(List<String> stations, List<String> patterns) {

        String describe(Map<String, String> unitNames) {
            List<String> parts = new ArrayList<>();
            stations.forEach(s -> parts.add(unitNames.getOrDefault(s, s)));
            parts.addAll(patterns);
            return String.join("、", parts);
        }
    }

    private Area area(Command command, Account by, List<AnnouncementRefused.Problem> problems) {
        Map<String, Unit> units = new LinkedHashMap<>();
        organization.units().forEach(u -> units.put(u.code(), u));
        List<String> stations = new ArrayList<>();
        if (command.stations().size() > MAX_STATIONS) {
            problems.add(new AnnouncementRefused.Problem("stations", "announcement.station.tooMany", MAX_STATIONS));
        }
        for (String code : command.stations()) {
            Unit u = units.get(code);
            if (u == null) {
                problems.add(new AnnouncementRefused.Problem("stations", "announcement.station.unknown", code));
            } else if (u.kind() != UnitKind.STATION) {
                problems.add(new AnnouncementRefused.Problem("stations", "announcement.station.notStation", u.name()));
            } else if (by.role() == Role.UNIT_MANAGER && !access.subtree(by.unitCode()).contains(code)) {
                problems.add(new AnnouncementRefused.Problem("stations", "announcement.station.outOfScope", u.name()));
            } else {
                stations.add(code);
            }
        }
        List<String> patterns = new ArrayList<>();
        if (command.patterns().size() > MAX_PATTERNS) {
            problems.add(new AnnouncementRefused.Problem("patterns", "announcement.pattern.tooMany", MAX_PATTERNS));
        }
        for (String pattern : command.patterns()) {
            Optional<AddressPattern.Refusal> refusal = AddressPattern.check(pattern);
            if (refusal.isPresent()) {
                problems.add(new AnnouncementRefused.Problem("patterns", "announcement.pattern." + refusal.get().name(),
                        pattern, AddressPattern.MAX_LENGTH, AddressPattern.MIN_NAME));
            } else {
                patterns.add(pattern);
            }
        }
        if (command.stations().isEmpty() && command.patterns().isEmpty()) {
            problems.add(new AnnouncementRefused.Problem("stations", "announcement.area.empty"));
        }
        return new Area(List.copyOf(stations), List.copyOf(patterns));
    }

    private static String cause(String text, List<AnnouncementRefused.Problem> problems) {
        String cause = text == null ? "" : text.strip();
        if (cause.isEmpty()) {
            problems.add(new AnnouncementRefused.Problem("cause", "announcement.cause.required"));
        } else if (cause.length() > CAUSE_MAX) {
            problems.add(new AnnouncementRefused.Problem("cause", "announcement.cause.tooLong", CAUSE_MAX));
        } else if (!TextRules.oneLine(cause)) {
            problems.add(new AnnouncementRefused.Problem("cause", "announcement.text.invalid"));
        }
        return cause;
    }

    private static String note(String text, List<AnnouncementRefused.Problem> problems) {
        String note = text == null || text.isBlank() ? null : text.strip();
        if (note != null && note.length() > NOTE_MAX) {
            problems.add(new AnnouncementRefused.Problem("note", "announcement.note.tooLong", NOTE_MAX));
        } else if (note != null && !TextRules.oneLine(note)) {
            problems.add(new AnnouncementRefused.Problem("note", "announcement.text.invalid"));
        }
        return note;
    }

    private Instant restore(String text, Instant started, List<AnnouncementRefused.Problem> problems, Instant now) {
        Instant restore = time(text, "expectedRestoreAt", problems, now.plus(AHEAD).plus(LONGEST));
        if (restore != null && started != null) {
            if (!restore.isAfter(started)) {
                problems.add(new AnnouncementRefused.Problem("expectedRestoreAt", "announcement.restore.beforeStart",
                        format(started)));
            } else if (restore.isAfter(started.plus(LONGEST))) {
                problems.add(new AnnouncementRefused.Problem("expectedRestoreAt", "announcement.restore.tooLate",
                        LONGEST.toDays()));
            }
        }
        return restore;
    }

    /** An instant as typed (ISO-8601, the desk's zone), from 2000 up to {@code latest}; null with a problem otherwise. */
    private Instant time(String text, String field, List<AnnouncementRefused.Problem> problems, Instant latest) {
        if (text == null || text.isBlank()) {
            problems.add(new AnnouncementRefused.Problem(field, "announcement." + field + ".required"));
            return null;
        }
        try {
            Instant at = Instants.parse(text, zone);
            if (at.isBefore(Instants.EARLIEST.atStartOfDay(zone).toInstant()) || at.isAfter(latest)) {
                problems.add(new AnnouncementRefused.Problem(field, "announcement.time.range", text.strip()));
                return null;
            }
            return at;
        } catch (DateTimeException e) {
            problems.add(new AnnouncementRefused.Problem(field, "announcement.time.invalid", text.strip()));
            return null;
        }
    }

    private String unit(String code, Account by, List<AnnouncementRefused.Problem> problems) {
        String unit = code == null ? "" : code.strip();
        if (unit.isEmpty()) {
            problems.add(new AnnouncementRefused.Problem("unit", "announcement.unit.required"));
        } else if (!access.unitExists(unit)) {
            problems.add(new AnnouncementRefused.Problem("unit", "announcement.unit.unknown", unit));
        } else if (by.role() == Role.UNIT_MANAGER && !access.subtree(by.unitCode()).contains(unit)) {
            problems.add(new AnnouncementRefused.Problem("unit", "announcement.unit.outOfScope",
                    unitNames().getOrDefault(unit, unit)));
        }
        return unit;
    }

    private void requirePoster(Account by) {
        if (!mayPost(by)) {
            throw new org.warmline.cases.CaseForbidden("announcement.forbidden",
                    "Only agents and unit managers post announcements.");
        }
    }

    /** The announcement, for an account that may update and close it. */
    private Announcement managed(long id, Account by) {
        Announcement a = store.find(id).orElseThrow(() -> new AnnouncementNotFound(id));
        if (!mayManage(by, a)) {
            throw new org.warmline.cases.CaseForbidden("announcement.forbidden",
                    "Only agents and the managers of its unit update an announcement.");
        }
        return a;
    }

    private Map<String, String> unitNames() {
        Map<String, String> names = new LinkedHashMap<>();
        organization.units().forEach(u -> names.put(u.code(), u.name()));
        return names;
    }

    /** An instant as the log and the texts write it: minutes, in the desk's zone. */
    String format(Instant at) {
        return at == null ? "" : MINUTES.format(at.atZone(zone));
    }

    /** The desk's zone (datetime-local fields). */
    ZoneId zone() {
        return zone;
    }

    /** Today in the desk's zone. */
    LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }
}
