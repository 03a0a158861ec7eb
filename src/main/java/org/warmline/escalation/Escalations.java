package org.warmline.escalation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseId;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.HistoryEntry;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

/**
 * Takes the escalation steps due (see {@link EscalationPlan}) and reads them back. Each step is taken in its own
 * transaction: a row of {@code escalation} (unique per case, clock and step: the last line of defence should two runs
 * ever overlap), an {@code ESCALATED} line in the case history (actor {@value #ACTOR}, the note naming the clock, step
 * and level) and a notice to every UNIT_MANAGER account of the level's unit. A step is never taken twice.
 */
@Service
public class Escalations {

    /** The actor of the history lines written by escalation. */
    public static final String ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final Map<CaseClocks.Kind, String> CLOCK_NAMES = Map.of(CaseClocks.Kind.ACCEPTANCE, "受理",
            CaseClocks.Kind.CONTACT, "联系", CaseClocks.Kind.HANDLING, "办理", CaseClocks.Kind.REVIEW, "复核");

    private final CaseRepository cases;
    private final CaseClocks clocks;
    private final OrganizationStore organization;
    private final AccountStore accounts;
    private final Notifications notifications;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AtomicLong conflicts = new AtomicLong();

    public Escalations(CaseRepository cases, CaseClocks clocks, OrganizationStore organization, AccountStore accounts,
                       Notifications notifications, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.cases = cases;
        this.clocks = clocks;
        this.organization = organization;
        this.accounts = accounts;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Takes every step due at {@code now} for every open case with a red clock.
     *
     * @return the steps taken by this call
     */
    public List<Escalation> run(Instant now) {
        List<Case> late = cases.openPastDeadline(now);
        if (late.isEmpty()) {
            return List.of();
        }
        Map<String, Unit> units = new LinkedHashMap<>();
        organization.units().forEach(u -> units.put(u.code(), u));
        List<Escalation> taken = new ArrayList<>();
        for (Case c : late) {
            List<EscalationPlan.LateClock> red = clocks.at(c, now).clocks().stream()
                    .filter(k -> k.colour() == CaseClocks.Colour.RED)
                    .map(k -> new EscalationPlan.LateClock(k.kind(), k.start(), k.deadline(),
                            clocks.inWorkingTime(c, k.kind())))
                    .toList();
            if (red.isEmpty()) {
                continue;
            }
            Set<String> done = new HashSet<>();
            ofCase(c.id()).forEach(e -> done.add(e.clock() + "/" + e.step()));
            for (EscalationPlan.Step step : EscalationPlan.steps(red, now, unitChain(c.unit(), units),
                    clocks.calendar())) {
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
        }
        return taken;
    }

    private Escalation take(Case c, EscalationPlan.Step step, Map<String, Unit> units, Instant now) {
        jdbc.sql("insert into escalation (case_id, clock, step, level_unit, escalated_at) values (?, ?, ?, ?, ?)")
                .params(c.id().value(), step.clock().name(), step.step(), step.levelUnit(), time(now))
                .update();
        Unit level = step.levelUnit() == null ? null : units.get(step.levelUnit());
        String levelName = level == null ? "-" : level.code() + " " + level.name();
        String note = step.clock().name() + " 超时/late, 第" + step.step() + "次升级/step " + step.step() + " → "
                + levelName;
        cases.appendHistory(List.of(new HistoryEntry(c.id(), now, ACTOR, Case.Action.ESCALATED.name(), "level_unit",
                null, step.levelUnit(), note)));
        if (level != null) {
            List<Account> managers = accounts.byRoleAndUnit(Role.UNIT_MANAGER, level.code());
            String text = "工单 " + c.caseNo() + " " + CLOCK_NAMES.get(step.clock()) + "超时,第" + step.step()
                    + "次升级至" + level.name() + " / Case " + c.caseNo() + ": " + step.clock().name().toLowerCase()
                    + " late, escalation step " + step.step() + " to " + level.code();
            notifications.send(new Notice(managers, now, text, c.id(), c.caseNo()));
        }
        return new Escalation(c.id(), step.clock(), step.step(), step.levelUnit(), now);
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

    /** How many steps this instance found already taken by an overlapping run when it tried to take them. */
    long conflicts() {
        return conflicts.get();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
