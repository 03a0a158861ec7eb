package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.cases.CaseClocks.Colour.AMBER;
import static org.warmline.cases.CaseClocks.Colour.GREEN;
import static org.warmline.cases.CaseClocks.Colour.RED;
import static org.warmline.cases.CaseClocks.Kind.ACCEPTANCE;
import static org.warmline.cases.CaseClocks.Kind.CONTACT;
import static org.warmline.cases.CaseClocks.Kind.HANDLING;
import static org.warmline.cases.CaseClocks.Kind.REVIEW;

/** The desk's clocks with the numbers of docs/assessment.md and docs/desk.md. */
class CaseClocksTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final CaseClocks CLOCKS = new CaseClocks(SchemeLoader.defaultScheme(),
            WorkingCalendar.shipped(SHANGHAI), 0.8);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static Case submitted(Category category, boolean complex, Instant submitted) {
        return Case.submitted(new CaseIntake(Channel.WECHAT, category, complex, "TEMPERATURE", "王女士",
                "13800001111", "幸福小区3-2-501", "室温16度", null, submitted, "T1"), submitted, null, null);
    }

    private static CaseClocks.Colour colour(Case c, CaseClocks.Kind kind, Instant now) {
        return CLOCKS.at(c, now).clock(kind).orElseThrow().colour();
    }

    @Test
    void acceptanceIsAmberFrom24MinutesAndRedOnlyAfter30Minutes00Seconds() {
        Instant t0 = at("2026-01-12T09:00");
        Case c = submitted(Category.COMPLAINT, false, t0);
        assertThat(colour(c, ACCEPTANCE, t0.plusSeconds(23 * 60 + 59))).isEqualTo(GREEN);
        assertThat(colour(c, ACCEPTANCE, t0.plusSeconds(24 * 60))).isEqualTo(AMBER);
        assertThat(colour(c, ACCEPTANCE, t0.plusSeconds(30 * 60))).isEqualTo(AMBER);
        assertThat(colour(c, ACCEPTANCE, t0.plusSeconds(30 * 60).plusMillis(999))).isEqualTo(AMBER);
        assertThat(colour(c, ACCEPTANCE, t0.plusSeconds(30 * 60 + 1))).isEqualTo(RED);
        assertThat(CLOCKS.at(c, t0).clock(ACCEPTANCE).orElseThrow().deadline()).isEqualTo(t0.plusSeconds(1800));
    }

    @Test
    void everyRunningClockIsShownAndTheNearestDeadlineIsTheEarliest() {
        Instant t0 = at("2026-01-12T09:00");
        Case c = submitted(Category.CONSULTATION, false, t0);
        CaseClocks.Reading r = CLOCKS.at(c, t0.plusSeconds(60));
        assertThat(r.clocks()).extracting(CaseClocks.Clock::kind).containsExactly(ACCEPTANCE, HANDLING);
        assertThat(r.clock(HANDLING).orElseThrow().deadline()).isEqualTo(at("2026-01-12T13:00"));
        assertThat(r.nearestDeadline()).contains(t0.plusSeconds(1800));

        // accepted but not dispatched: the assessment takes dispatched_at when set, so the clock runs until dispatch
        c.accept("A01", t0.plusSeconds(300));
        assertThat(CLOCKS.at(c, t0.plusSeconds(600)).clock(ACCEPTANCE)).isPresent();
        c.dispatch("A01", t0.plusSeconds(900), "T1", "S01");
        r = CLOCKS.at(c, t0.plusSeconds(1000));
        assertThat(r.clocks()).extracting(CaseClocks.Clock::kind).containsExactly(CONTACT, HANDLING);
        assertThat(r.clock(CONTACT).orElseThrow().deadline()).isEqualTo(t0.plusSeconds(900).plus(Duration.ofHours(2)));
        assertThat(r.nearestDeadline()).contains(t0.plusSeconds(900).plus(Duration.ofHours(2)));
        c.contact("S01", t0.plusSeconds(2000));
        c.giveSolution("S01", t0.plusSeconds(3000), "已调节阀门");
        assertThat(CLOCKS.at(c, t0.plusSeconds(3001)).clocks()).isEmpty();
        assertThat(CLOCKS.nearestDeadline(c)).isEmpty();
    }

    @Test
    void theSpringFestivalDeadlineIsMeasuredInWorkingTime() {
        Case c = submitted(Category.COMPLAINT, true, at("2026-02-17T10:00"));
        c.dispatch("A01", at("2026-02-17T10:10"), "T1", null);
        c.contact("S01", at("2026-02-17T11:00"));
        CaseClocks.Clock handling = CLOCKS.at(c, at("2026-02-24T00:00")).clock(HANDLING).orElseThrow();
        assertThat(handling.deadline()).isEqualTo(at("2026-02-27T00:00"));
        // a week of holiday has passed in calendar time, none in working time
        assertThat(handling.colour()).isEqualTo(GREEN);
        // 80 % of 3 working days = 57.6 h of working time from 2026-02-24 00:00 = 2026-02-26 09:36
        assertThat(colour(c, HANDLING, at("2026-02-26T09:35:59"))).isEqualTo(GREEN);
        assertThat(colour(c, HANDLING, at("2026-02-26T09:36"))).isEqualTo(AMBER);
        assertThat(colour(c, HANDLING, at("2026-02-27T00:00:00"))).isEqualTo(AMBER);
        assertThat(colour(c, HANDLING, at("2026-02-27T00:00:01"))).isEqualTo(RED);
    }

    @Test
    void theReviewClockRunsFromTheUnsatisfiedEvaluationFor24Hours() {
        Instant t0 = at("2026-01-12T09:00");
        Case c = submitted(Category.CONSULTATION, false, t0);
        c.answerOnTheSpot("A01", t0.plusSeconds(120), "已告知收费标准");
        assertThat(CLOCKS.at(c, t0.plusSeconds(200)).clocks()).isEmpty();
        Instant unsatisfied = at("2026-01-13T10:00");
        c.evaluate("A01", unsatisfied, EvaluationLevel.UNSATISFIED, EvaluationChannel.PHONE, "不满意");
        CaseClocks.Reading r = CLOCKS.at(c, unsatisfied.plus(Duration.ofHours(20)));
        assertThat(r.clocks()).extracting(CaseClocks.Clock::kind).containsExactly(REVIEW);
        assertThat(r.clocks().get(0).colour()).isEqualTo(AMBER);
        assertThat(colour(c, REVIEW, unsatisfied.plus(Duration.ofHours(19)))).isEqualTo(GREEN);
        assertThat(colour(c, REVIEW, unsatisfied.plus(Duration.ofHours(24)).plusSeconds(1))).isEqualTo(RED);
        c.review("A01", unsatisfied.plus(Duration.ofHours(2)), ReviewFinding.MISUNDERSTANDING);
        assertThat(CLOCKS.at(c, unsatisfied.plus(Duration.ofHours(3))).clocks()).isEmpty();
    }

    @Test
    void aWithdrawnCaseHasNoClocks() {
        Instant t0 = at("2026-01-12T09:00");
        Case c = submitted(Category.COMPLAINT, false, t0);
        c.withdraw("A01", t0.plusSeconds(60), "用户撤诉");
        assertThat(CLOCKS.at(c, t0.plusSeconds(7200)).clocks()).isEmpty();
    }
}
