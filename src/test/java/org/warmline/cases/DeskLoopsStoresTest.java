package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the desk does by itself, and the exact counts, on H2 and PostgreSQL: EVALUATED cases close after the set days
 * (idempotently), consultations settle when their follow-up window passes or are not resolved when asked again (and
 * linked), a repeat is linked at intake, and the cases are counted by the colour of their worst clock exactly as the
 * clocks colour them one by one.
 */
class DeskLoopsStoresTest {

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(DeskFixture.SHANGHAI).toInstant();
    }

    private static Case complaint(DeskFixture f, Instant submitted, Category category) {
        return f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, category, false, "TEMPERATURE", "王女士",
                "13800001111", "幸福小区", "不热", null, submitted, null), DeskFixture.AGENT, submitted);
    }

    private static Case completed(DeskFixture f, Instant submitted) {
        Case c = complaint(f, submitted, Category.COMPLAINT);
        c = f.desk.dispatch(c.id(), c.version(), DeskFixture.AGENT, submitted.plusSeconds(60), "T1", "S01");
        c = f.desk.contact(c.id(), c.version(), DeskFixture.STEWARD, submitted.plusSeconds(600));
        c = f.desk.giveSolution(c.id(), c.version(), DeskFixture.STEWARD, submitted.plusSeconds(1200), "修好");
        return f.desk.complete(c.id(), c.version(), DeskFixture.STEWARD, submitted.plusSeconds(1800), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void evaluatedCasesCloseByThemselvesAfterTheSetDaysOnce(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case old = completed(f, at("2026-01-05T09:00"));
        old = f.desk.evaluate(old.id(), old.version(), DeskFixture.AGENT, at("2026-01-06T09:00"),
                EvaluationLevel.SATISFIED, EvaluationChannel.PHONE, null, true);
        Case recent = completed(f, at("2026-01-10T09:00"));
        recent = f.desk.evaluate(recent.id(), recent.version(), DeskFixture.AGENT, at("2026-01-11T09:00"),
                EvaluationLevel.BASIC, EvaluationChannel.PHONE, null, true);
        Case review = completed(f, at("2026-01-04T09:00"));
        f.desk.evaluate(review.id(), review.version(), DeskFixture.AGENT, at("2026-01-05T09:00"),
                EvaluationLevel.UNSATISFIED, EvaluationChannel.PHONE, null, false);

        Instant now = at("2026-01-13T10:00");
        assertThat(f.desk.closeEvaluated(now, Duration.ofDays(7))).extracting(Case::caseNo)
                .containsExactly(old.caseNo());
        Case closed = f.desk.find(old.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(f.desk.history(old.id())).last()
                .satisfies(h -> assertThat(h.actor()).isEqualTo(CaseDesk.SYSTEM))
                .satisfies(h -> assertThat(h.after()).isEqualTo("CLOSED"));
        // again: nothing; the dissatisfied case under review is never closed
        assertThat(f.desk.closeEvaluated(now, Duration.ofDays(7))).isEmpty();
        assertThat(f.desk.closeEvaluated(at("2026-02-13T10:00"), Duration.ofDays(7))).extracting(Case::caseNo)
                .containsExactly(recent.caseNo());
        assertThat(f.desk.find(review.id()).orElseThrow().state()).isEqualTo(CaseState.REVIEW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aConsultationIsResolvedWhenItsWindowPassesWithoutAFollowUp(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case asked = complaint(f, at("2026-01-05T09:00"), Category.CONSULTATION);
        asked = f.desk.answerOnTheSpot(asked.id(), asked.version(), DeskFixture.AGENT, at("2026-01-05T09:05"), "已答复");
        assertThat(asked.resolution()).isEqualTo(Resolution.PENDING);
        assertThat(asked.handlerResolved()).isTrue();
        assertThat(asked.resolved()).isFalse();
        // not before the seventh day
        assertThat(f.desk.settleFollowUpWindows(at("2026-01-12T09:04"))).isEmpty();
        assertThat(f.desk.settleFollowUpWindows(at("2026-01-12T09:06"))).extracting(Case::caseNo)
                .containsExactly(asked.caseNo());
        Case settled = f.desk.find(asked.id()).orElseThrow();
        assertThat(settled.resolved()).isTrue();
        assertThat(settled.resolutionSource()).isEqualTo(Resolution.Source.NO_FOLLOW_UP);
        assertThat(f.desk.settleFollowUpWindows(at("2026-01-20T09:00"))).isEmpty();
        // an answer in the callback is refused for a consultation: nothing changes
        Case evaluated = f.desk.find(asked.id()).orElseThrow();
        assertThatThrownBy(() -> f.desk.evaluate(evaluated.id(), evaluated.version(), DeskFixture.AGENT,
                at("2026-01-20T09:00"), EvaluationLevel.SATISFIED, EvaluationChannel.PHONE, null, false))
                .isInstanceOf(TransitionRefused.class);
        assertThat(f.desk.find(asked.id()).orElseThrow().state()).isEqualTo(CaseState.COMPLETED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aFollowUpWithinTheWindowMakesTheConsultationUnresolvedAndLinksThem(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case asked = complaint(f, at("2026-01-05T09:00"), Category.CONSULTATION);
        asked = f.desk.answerOnTheSpot(asked.id(), asked.version(), DeskFixture.AGENT, at("2026-01-05T09:05"), "已答复");
        // an online follow-up is matched when the window is settled; the intake itself stays one statement
        Case online = f.desk.registerOnline(new OnlineCommand("wx-follow-up", Channel.WECHAT, null,
                Category.COMPLAINT, false, "TEMPERATURE", "王女士", "138 0000 1111", "幸福小区", "还是不明白", null,
                at("2026-01-08T20:00")), at("2026-01-08T20:00"));
        assertThat(f.desk.find(asked.id()).orElseThrow().resolution()).isEqualTo(Resolution.PENDING);
        assertThat(f.desk.settleFollowUpWindows(at("2026-01-13T00:00"))).extracting(Case::caseNo)
                .containsExactly(asked.caseNo());
        Case unresolved = f.desk.find(asked.id()).orElseThrow();
        assertThat(unresolved.resolution()).isEqualTo(Resolution.UNRESOLVED);
        assertThat(unresolved.resolutionSource()).isEqualTo(Resolution.Source.FOLLOW_UP);
        assertThat(f.desk.find(online.id()).orElseThrow().followUpOf()).isEqualTo(asked.id());
        assertThat(f.desk.relatedLater(asked.id())).extracting(Case::caseNo).containsExactly(online.caseNo());

        // an agent's registration is matched at once; a different topic or a later day is no follow-up
        Case registered = complaint(f, at("2026-02-02T09:00"), Category.CONSULTATION);
        Case other = f.desk.answerOnTheSpot(registered.id(), registered.version(), DeskFixture.AGENT,
                at("2026-02-02T09:05"), "答复");
        f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "BILLING", "王女士",
                "13800001111", "幸福小区", "另一件事", null, at("2026-02-03T09:00"), null), DeskFixture.AGENT,
                at("2026-02-03T09:00"));
        assertThat(f.desk.find(other.id()).orElseThrow().resolution()).isEqualTo(Resolution.PENDING);
        Case again = complaint(f, at("2026-02-04T09:00"), Category.CONSULTATION);
        assertThat(f.desk.find(other.id()).orElseThrow().resolution()).isEqualTo(Resolution.UNRESOLVED);
        assertThat(again.followUpOf()).isEqualTo(other.id());
        assertThat(f.desk.find(again.id()).orElseThrow().followUpOf()).isEqualTo(other.id());
        assertThat(f.desk.history(again.id())).anySatisfy(h -> assertThat(h.text())
                .isEqualTo(KeyedText.of("history.related.followUp", other.caseNo())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aRepeatIsLinkedAtIntakeToAnEarlierCaseOnly(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case first = complaint(f, at("2026-01-05T09:00"), Category.COMPLAINT);
        Case repeat = f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false,
                "TEMPERATURE", "王女士", "13800001111", "幸福小区", "又不热了", null, at("2026-01-09T09:00"), null),
                DeskFixture.AGENT, at("2026-01-09T09:00"), first.caseNo());
        assertThat(repeat.repeatOf()).isEqualTo(first.id());
        assertThat(f.desk.history(repeat.id())).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("RELATE");
            assertThat(h.text()).isEqualTo(KeyedText.of("history.related.repeat", first.caseNo()));
        });
        long before = f.jdbc.sql("select count(*) from petition_case").query(Long.class).single();
        assertThatThrownBy(() -> f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false,
                "TEMPERATURE", "王女士", "13800001111", "幸福小区", "更早", null, at("2026-01-01T09:00"), null),
                DeskFixture.AGENT, at("2026-01-09T10:00"), repeat.caseNo())).isInstanceOf(TransitionRefused.class);
        assertThatThrownBy(() -> f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false,
                "TEMPERATURE", "王女士", "13800001111", "幸福小区", "无此单", null, at("2026-01-09T09:00"), null),
                DeskFixture.AGENT, at("2026-01-09T10:00"), "W-NONE")).isInstanceOf(CaseNotFound.class);
        assertThat(f.jdbc.sql("select count(*) from petition_case").query(Long.class).single()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void casesAreCountedByTheColourOfTheirWorstClockExactlyAsTheClocksColourThem(String db,
                                                                               Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Instant t0 = at("2026-01-05T09:00");
        for (int i = 0; i < 40; i++) {
            Case c = complaint(f, t0.plus(Duration.ofMinutes(7L * i)), Category.values()[i % 3]);
            if (i % 4 == 1) {
                c = f.desk.dispatch(c.id(), c.version(), DeskFixture.AGENT, c.submittedAt().plusSeconds(600), "T1",
                        null);
            }
            if (i % 8 == 3) {
                f.desk.withdraw(c.id(), c.version(), DeskFixture.AGENT, c.submittedAt().plusSeconds(60), "重复");
            }
        }
        Set<CaseState> open = EnumSet.complementOf(EnumSet.of(CaseState.CLOSED, CaseState.WITHDRAWN));
        CaseQuery query = CaseQuery.all().withStates(open);
        for (Instant now = t0; now.isBefore(t0.plus(Duration.ofHours(30))); now = now.plus(Duration.ofMinutes(23))) {
            long red = 0;
            long amber = 0;
            long none = 0;
            long total = 0;
            for (Case c : f.desk.search(query.page(500, 0)).cases()) {
                total++;
                var colour = f.desk.clocks(c, now).clocks().stream().map(CaseClocks.Clock::colour)
                        .max(java.util.Comparator.naturalOrder()).orElse(null);
                if (colour == null) {
                    none++;
                } else if (colour == CaseClocks.Colour.RED) {
                    red++;
                } else if (colour == CaseClocks.Colour.AMBER) {
                    amber++;
                }
            }
            CaseRepository.ClockCounts counts = f.desk.clockCounts(query, now);
            assertThat(counts).as("at " + now).isEqualTo(new CaseRepository.ClockCounts(total, red, amber, none));
            long lateByUnit = f.desk.countBy(query, "unit", true, now).values().stream().mapToLong(Long::longValue)
                    .sum();
            assertThat(lateByUnit).isEqualTo(red);
        }
    }
}
