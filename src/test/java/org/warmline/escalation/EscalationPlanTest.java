package org.warmline.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.warmline.cases.CaseClocks.Kind;
import org.warmline.escalation.EscalationPlan.LateClock;
import org.warmline.escalation.EscalationPlan.Step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.escalation.EscalationFixture.CALENDAR;
import static org.warmline.escalation.EscalationFixture.SHANGHAI;

/**
 * The escalation steps with the default scheme's allowances (docs/desk.md "Escalation"): step 1 at the deadline, one
 * more level per further allowance, until the top; after it, reminders.
 */
class EscalationPlanTest {

    private static final List<String> CHAIN = List.of("T1", "B1", "HQ");
    private static final List<String> LONG_CHAIN = List.of("T1", "S1", "B1", "HQ");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static LateClock clock(Kind kind, String start, Duration allowance) {
        return new LateClock(kind, at(start), at(start).plus(allowance), false);
    }

    private static List<Step> steps(LateClock clock, String now, List<String> chain) {
        return EscalationPlan.steps(List.of(clock), at(now), chain, CALENDAR);
    }

    @Test
    void acceptanceEscalatesAtTheDeadlineThenEveryThirtyMinutes() {
        LateClock acceptance = clock(Kind.ACCEPTANCE, "2025-03-03T08:00", Duration.ofMinutes(30));
        assertThat(steps(acceptance, "2025-03-03T08:30:00", CHAIN)).isEmpty();
        assertThat(steps(acceptance, "2025-03-03T08:30:00.999", CHAIN)).isEmpty();
        assertThat(steps(acceptance, "2025-03-03T08:30:01", CHAIN))
                .containsExactly(new Step(Kind.ACCEPTANCE, 1, at("2025-03-03T08:30"), "B1"));
        assertThat(steps(acceptance, "2025-03-03T09:00:00", CHAIN)).hasSize(1);
        assertThat(steps(acceptance, "2025-03-03T09:00:01", CHAIN)).extracting(Step::step, Step::levelUnit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "B1"), org.assertj.core.groups.Tuple.tuple(2, "HQ"));
        // the top is the end: further allowances are reminders, not steps
        assertThat(steps(acceptance, "2025-03-03T10:00:01", CHAIN)).extracting(Step::levelUnit)
                .containsExactly("B1", "HQ");
        assertThat(EscalationPlan.lastReminderDue(List.of(acceptance), at("2025-03-03T09:00:01"), CHAIN, CALENDAR))
                .isEmpty();
        assertThat(EscalationPlan.lastReminderDue(List.of(acceptance), at("2025-03-03T09:30:00.999"), CHAIN,
                CALENDAR)).isEmpty();
        assertThat(EscalationPlan.lastReminderDue(List.of(acceptance), at("2025-03-03T10:00:01"), CHAIN, CALENDAR))
                .contains(new EscalationPlan.Reminder(Kind.ACCEPTANCE, at("2025-03-03T10:00")));
    }

    @Test
    void aCaseNinetyDaysLateHasAtMostTheChainsDepthOfStepsPerClock() {
        List<LateClock> clocks = List.of(clock(Kind.ACCEPTANCE, "2025-03-03T08:00", Duration.ofMinutes(30)),
                clock(Kind.HANDLING, "2025-03-03T08:00", Duration.ofHours(24)),
                new LateClock(Kind.HANDLING, at("2025-03-03T08:00"), CALENDAR.addWorkingDays(at("2025-03-03T08:00"), 3),
                        true));
        Instant ninetyDaysLater = at("2025-06-01T08:00");
        for (List<String> chain : List.of(CHAIN, LONG_CHAIN, List.of("HQ"), List.<String>of())) {
            List<Step> steps = EscalationPlan.steps(clocks, ninetyDaysLater, chain, CALENDAR);
            assertThat(steps).hasSize(clocks.size() * EscalationPlan.depth(chain));
            assertThat(steps).extracting(Step::step).allMatch(k -> k <= EscalationPlan.depth(chain));
            // one step per level: no level twice for a clock
            assertThat(steps.stream().map(s -> s.clock() + "/" + s.dueAt() + "/" + s.levelUnit()).distinct())
                    .hasSize(steps.size());
        }
        // the reminder due is the latest further allowance passed: the 30-minute clock's
        assertThat(EscalationPlan.lastReminderDue(clocks, ninetyDaysLater, CHAIN, CALENDAR)).get()
                .satisfies(r -> assertThat(r.clock()).isEqualTo(Kind.ACCEPTANCE))
                .satisfies(r -> assertThat(r.dueAt()).isEqualTo(at("2025-06-01T07:30")));
    }

    @Test
    void contactEscalatesEveryTwoHours() {
        LateClock contact = clock(Kind.CONTACT, "2025-03-03T08:00", Duration.ofHours(2));
        assertThat(steps(contact, "2025-03-03T14:00:01", LONG_CHAIN)).extracting(Step::dueAt, Step::levelUnit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2025-03-03T10:00"), "S1"),
                        org.assertj.core.groups.Tuple.tuple(at("2025-03-03T12:00"), "B1"),
                        org.assertj.core.groups.Tuple.tuple(at("2025-03-03T14:00"), "HQ"));
    }

    @Test
    void handlingByTheHourEscalatesEveryAllowanceOfItsClass() {
        LateClock consultation = clock(Kind.HANDLING, "2025-03-03T08:00", Duration.ofHours(4));
        assertThat(steps(consultation, "2025-03-03T16:00:01", LONG_CHAIN)).extracting(Step::dueAt)
                .containsExactly(at("2025-03-03T12:00"), at("2025-03-03T16:00"));
        LateClock complaint = clock(Kind.HANDLING, "2025-03-03T08:00", Duration.ofHours(24));
        assertThat(steps(complaint, "2025-03-05T08:00:00", CHAIN)).extracting(Step::dueAt)
                .containsExactly(at("2025-03-04T08:00"));
        assertThat(steps(complaint, "2025-03-05T08:00:01", CHAIN)).hasSize(2);
    }

    @Test
    void handlingInWorkingDaysEscalatesEveryThreeWorkingDaysOfWorkingTime() {
        // Thursday 10:00 + 3 working days = Tuesday 10:00; + 3 more = Friday 10:00; + 3 more = Wednesday 10:00
        Instant start = at("2025-03-06T10:00");
        Instant deadline = CALENDAR.addWorkingDays(start, 3);
        assertThat(deadline).isEqualTo(at("2025-03-11T10:00"));
        LateClock complex = new LateClock(Kind.HANDLING, start, deadline, true);
        assertThat(steps(complex, "2025-03-14T10:00:00", LONG_CHAIN)).hasSize(1);
        assertThat(steps(complex, "2025-03-17T09:00", LONG_CHAIN)).extracting(Step::dueAt)
                .containsExactly(at("2025-03-11T10:00"), at("2025-03-14T10:00"));
        assertThat(steps(complex, "2025-03-19T10:00:01", LONG_CHAIN)).extracting(Step::dueAt)
                .containsExactly(at("2025-03-11T10:00"), at("2025-03-14T10:00"), at("2025-03-19T10:00"));
        // with two levels above, the third allowance is a reminder due on the Wednesday
        assertThat(EscalationPlan.lastReminderDue(List.of(complex), at("2025-03-19T10:00:01"), CHAIN, CALENDAR))
                .contains(new EscalationPlan.Reminder(Kind.HANDLING, at("2025-03-19T10:00")));
    }

    @Test
    void reviewEscalatesEveryTwentyFourHours() {
        LateClock review = clock(Kind.REVIEW, "2025-03-03T08:00", Duration.ofHours(24));
        assertThat(steps(review, "2025-03-06T08:00:01", LONG_CHAIN)).extracting(Step::step).containsExactly(1, 2, 3);
    }

    @Test
    void eachClockHasItsOwnSteps() {
        List<Step> steps = EscalationPlan.steps(List.of(clock(Kind.CONTACT, "2025-03-03T08:00", Duration.ofHours(2)),
                clock(Kind.HANDLING, "2025-03-03T08:00", Duration.ofHours(4))), at("2025-03-03T12:30"), CHAIN, CALENDAR);
        assertThat(steps).extracting(Step::clock, Step::step).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.CONTACT, 1), org.assertj.core.groups.Tuple.tuple(Kind.CONTACT, 2),
                org.assertj.core.groups.Tuple.tuple(Kind.HANDLING, 1));
    }

    @Test
    void aCaseWithoutUnitGoesToTheTopAndAnEmptyChainToNoUnit() {
        LateClock acceptance = clock(Kind.ACCEPTANCE, "2025-03-03T08:00", Duration.ofMinutes(30));
        assertThat(steps(acceptance, "2025-03-03T09:00:01", List.of("HQ"))).extracting(Step::levelUnit)
                .containsExactly("HQ");
        assertThat(steps(acceptance, "2025-03-03T08:31", List.of())).extracting(Step::levelUnit)
                .containsExactly((String) null);
    }

    @Test
    void theUnitChainEndsAtTheHqServiceUnit() {
        var units = new java.util.LinkedHashMap<String, org.warmline.ledger.Unit>();
        for (var u : List.of(new org.warmline.ledger.Unit("HQ", "总部", org.warmline.ledger.UnitKind.HQ_SERVICE, null),
                new org.warmline.ledger.Unit("B1", "分公司", org.warmline.ledger.UnitKind.BRANCH, null),
                new org.warmline.ledger.Unit("S1", "站", org.warmline.ledger.UnitKind.STATION, "B1"),
                new org.warmline.ledger.Unit("T1", "班组", org.warmline.ledger.UnitKind.TEAM, "S1"),
                new org.warmline.ledger.Unit("B2", "分公司二", org.warmline.ledger.UnitKind.BRANCH, "HQ"))) {
            units.put(u.code(), u);
        }
        assertThat(Escalations.unitChain("T1", units)).containsExactly("T1", "S1", "B1", "HQ");
        assertThat(Escalations.unitChain("B2", units)).containsExactly("B2", "HQ");
        assertThat(Escalations.unitChain("HQ", units)).containsExactly("HQ");
        assertThat(Escalations.unitChain(null, units)).containsExactly("HQ");
    }
}
