package org.warmline.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseId;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.KeyedText;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.Notice;
import org.warmline.notifications.Notifications;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

/**
 * Takes the escalation due (see {@link EscalationPlan}) and reads it back. Each level a late clock reaches is taken
 * once, in its own transaction: a row of {@code escalation} (unique per case, clock and step: the last line of defence
 * should two runs ever overlap), an {@code ESCALATED} line in the case history (actor {@value #ACTOR}; the clock and
 * the level, in the viewer's language), a notice to every UNIT_MANAGER account of the level's unit and a
 * {@link CaseEscalated} event (the webhooks' {@code case.escalated}). After the top,
 * each further allowance that passes is a reminder to the top's managers — a notice only, no history line — at most one
 * per case, working day and recipient (table {@code escalation_reminder}, unique per case, account and day), and only
 * on working days.
 */
@Service
public class Escalations {

    /** The actor of the history lines written by escalation. */
    public static final String ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    private final CaseRepository cases;
    private final CaseClocks clocks;
    private final OrganizationStore organization;
    private final AccountStore accounts;
    private final Notifications notifications;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final AtomicLong conflicts = new AtomicLong();

    /** Escalations counting their steps in a registry of their own and publishing no events (tests, tools). */
    public Escalations(CaseRepository cases, CaseClocks clocks, OrganizationStore organization, AccountStore accounts,
                       Notifications notifications, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(cases, clocks, organization, accounts, notifications, jdbc, transactions, new SimpleMeterRegistry(),
                event -> { });
    }

    @Autowired
    public Escalations(CaseRepository cases, CaseClocks clocks, OrganizationStore organization, AccountStore accounts,
                       Notifications notifications, JdbcClient jdbc, PlatformTransactionManager transactions,
                       MeterRegistry meters, ApplicationEventPublisher events) {
        this.cases = cases;
        this.clocks = clocks;
        this.organization = organization;
        this.accounts = accounts;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.meters = meters;
        this.events = events;
    }

    /** What one run did: the levels reached and the reminders sent (one per recipient). */
    public record Run(List<Escalation> steps, int reminders) {
    }

    /**
     * Takes every step due at {@code now} for every open case with a red clock.
     *
     * @return the steps taken by this call
     */
    public List<Escalation> run(Instant now) {
        return runWithReminders(now).steps();
    }

    /** Takes every step and sends every reminder due at {@code now}. */
    public Run runWithReminders(Instant now) {
        List<Case> late = cases.openPastDeadline(now);
        if (late.isEmpty()) {
            return new Run(List.of(), 0);
        }
        Map<String, Unit> units = new LinkedHashMap<>();
        organization.units().forEach(u -> units.put(u.code(), u));
        WorkingCalendar calendar = clocks.calendar();
        boolean workingDay = calendar.isWorkingDay(calendar.date(now.toEpochMilli()));
        List<Escalation> taken = new ArrayList<>();
        int reminders = 0;
        for (Case c : late) {
            List<EscalationPlan.LateClock> red = clocks.at(c, now).clocks().stream()
                    .filter(k -> k.colour() == CaseClocks.Colour.RED)
                    .map(k -> new EscalationPlan.LateClock(k.kind(), k.start(), k.deadline(),
                            clocks.inWorkingTime(c, k.kind())))
                    .toList();
            if (red.isEmpty()) {
                continue;
            }
            List<String> chain = unitChain(c.unit(), units);
            Set<String> done = new HashSet<>();
            ofCase(c.id()).forEach(e -> done.add(e.clock() + "/" + e.step()));
            for (EscalationPlan.Step step : EscalationPlan.steps(red, now, chain, calendar)) {
                if (done.contains(step.clock() + "/" + step.step())) {
                    continue;
                }
                try {
                    taken.add(transaction.execute(status -> take(c, step, units, now)));
                } catch (DuplicateKeyException raced) {
                    conflicts.incrementAndGet();
                    log.debug("escalation step already taken: {} {} {}", c.caseNo(), step.clock(), step.step());
                }
            }
            if (workingDay && !chain.isEmpty()) {
                Optional<EscalationPlan.Reminder> due = EscalationPlan.lastReminderDue(red, now, chain, calendar);
                if (due.isPresent()) {
                    reminders += remind(c, due.get(), units.get(chain.get(chain.size() - 1)), calendar, now);
                }
            }
        }
        return new Run(taken, reminders);
    }

    private Escalation take(Case c, EscalationPlan.Step step, Map<String, Unit> units, Instant now) {
        jdbc.sql("insert into escalation (case_id, clock, step, level_unit, escalated_at) values (?, ?, ?, ?, ?)")
                .params(c.id().value(), step.clock().name(), step.step(), step.levelUnit(), time(now))
                .update();
        Unit level = step.levelUnit() == null ? null : units.get(step.levelUnit());
        String levelName = level == null ? "-" : level.name();
        KeyedText.Key clock = KeyedText.key("case.clock." + step.clock().name());
        cases.appendHistory(List.of(new HistoryEntry(c.id(), now, ACTOR, Case.Action.ESCALATED.name(), "level_unit",
                null, step.levelUnit(), null,
                KeyedText.of("history.escalated", clock, step.levelUnit() == null ? "" : step.levelUnit(),
                        levelName))));
        if (level != null) {
            List<Account> managers = accounts.byRoleAndUnit(Role.UNIT_MANAGER, level.code());
            notifications.send(new Notice(managers, now,
                    KeyedText.of("notification.escalated", c.caseNo(), clock, levelName), c.id(), c.caseNo()));
        }
        Counter.builder("warmline.escalation.steps").description("escalation levels reached")
                .tag("clock", step.clock().name()).register(meters).increment();
        events.publishEvent(new CaseEscalated(c.id(), c.caseNo(), step.clock(), step.step(), step.levelUnit(), now));
        return new Escalation(c.id(), step.clock(), step.step(), step.levelUnit(), now);
    }

    /**
     * A reminder to the top's managers, unless one was sent for the case since the reminder came due; each recipient
     * at most once a working day (the unique key holds across instances).
     *
     * @return the reminders sent (one per recipient)
     */
    private int remind(Case c, EscalationPlan.Reminder due, Unit top, WorkingCalendar calendar, Instant now) {
        if (top == null) {
            return 0;
        }
        OffsetDateTime last = jdbc.sql("select max(reminded_at) from escalation_reminder where case_id = ?")
                .param(c.id().value()).query(OffsetDateTime.class).optional().orElse(null);
        if (last != null && !last.toInstant().isBefore(due.dueAt())) {
            return 0;
        }
        LocalDate day = calendar.date(now.toEpochMilli());
        int sent = 0;
        for (Account manager : accounts.byRoleAndUnit(Role.UNIT_MANAGER, top.code())) {
            try {
                sent += transaction.execute(status -> {
                    jdbc.sql("insert into escalation_reminder (case_id, account_id, reminder_day, reminded_at) "
                                    + "values (?, ?, ?, ?)")
                            .params(c.id().value(), manager.id(), day, time(now)).update();
                    notifications.send(new Notice(List.of(manager), now,
                            KeyedText.of("notification.reminder", c.caseNo(),
                                    KeyedText.key("case.clock." + due.clock().name()), top.name()),
                            c.id(), c.caseNo()));
                    return 1;
                });
            } catch (DuplicateKeyException already) {
                conflicts.incrementAndGet();
            }
        }
        if (sent > 0) {
            Counter.builder("warmline.escalation.reminders").description("reminders after the top")
                    .register(meters).increment(sent);
        }
        return sent;
    }

    /**
     * The unit chain of a case's unit: the unit, its ancestors, then the HQ customer service unit (the first unit of
     * kind HQ_SERVICE) when the tree above does not reach it. A case without a unit goes straight to HQ.
     */
    static List<String> unitChain(String unit, Map<String, Unit> units) {
        List<String> chain = new ArrayList<>();
        String at = unit;
        while (at != null && units.containsKey(at) && !chain.contains(at)) {
            chain.add(at);
            at = units.get(at).parent();
        }
        boolean reachesHq = chain.stream().anyMatch(code -> units.get(code).kind() == UnitKind.HQ_SERVICE);
        if (!reachesHq) {
            units.values().stream().filter(u -> u.kind() == UnitKind.HQ_SERVICE).findFirst()
                    .ifPresent(hq -> chain.add(hq.code()));
        }
        return chain;
    }

    /** The unit chain of a unit as stored now (see {@link #unitChain(String, Map)}). */
    public List<String> unitChain(String unit) {
        Map<String, Unit> units = new LinkedHashMap<>();
        organization.units().forEach(u -> units.put(u.code(), u));
        return unitChain(unit, units);
    }

    /** The steps taken for a case, in order (by clock, then step). */
    public List<Escalation> ofCase(CaseId caseId) {
        return jdbc.sql("select case_id, clock, step, level_unit, escalated_at from escalation where case_id = ? "
                        + "order by escalated_at, clock, step")
                .param(caseId.value())
                .query((rs, row) -> new Escalation(new CaseId(rs.getLong("case_id")),
                        CaseClocks.Kind.valueOf(rs.getString("clock")), rs.getInt("step"), rs.getString("level_unit"),
                        rs.getObject("escalated_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** How many steps or reminders this instance found already taken by an overlapping run when it tried them. */
    long conflicts() {
        return conflicts.get();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
