package org.warmline.assessment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.ledger.CaseColumn.*;

/** A first end-to-end look at the engine on a tiny hand-made ledger. */
class EngineSmokeTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static long t(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(ZONE).toInstant().toEpochMilli();
    }

    @Test
    void acceptedSeventyFiveMinutesAfterSubmissionLosesTwoPointsForAgentAndHqOnly() {
        long submitted = t("2026-01-05 08:00");
        CaseRecord late = CaseRecord.builder().row(2)
                .set(CASE_NO, "C1").set(CHANNEL, Channel.HOTLINE).set(CATEGORY, Category.COMPLAINT)
                .set(TOPIC, "TEMPERATURE").set(CITIZEN_NAME, "张三").set(CITIZEN_PHONE, "13800138000")
                .set(ADDRESS, "城东路1号").set(DEMAND, "室温低")
                .at(OCCURRED_AT, t("2026-01-05 07:00")).at(SUBMITTED_AT, submitted).at(RECORDED_AT, submitted)
                .at(ACCEPTED_AT, t("2026-01-05 09:15")).set(ACCEPTED_BY, "A1").at(DISPATCHED_AT, t("2026-01-05 09:15"))
                .set(UNIT, "B1").set(HANDLER, "W1").at(CONTACTED_AT, t("2026-01-05 10:00"))
                .set(SOLUTION, "调整阀门").at(SOLUTION_AT, t("2026-01-05 12:00")).at(COMPLETED_AT, t("2026-01-05 13:00"))
                .set(RESOLVED, true).set(EVALUATION, EvaluationLevel.SATISFIED)
                .set(EVALUATION_CHANNEL, EvaluationChannel.PHONE).at(EVALUATED_AT, t("2026-01-05 15:00"))
                .set(EVALUATION_COMMENT, "满意")
                .build();
        DataSet data = new DataSet(
                List.of(new Unit("HQ", "客户服务部", UnitKind.HQ_SERVICE, null), new Unit("B1", "城东分公司", UnitKind.BRANCH, null)),
                List.of(new Staff("A1", "李客服", Post.AGENT, "HQ"), new Staff("W1", "王管家", Post.STEWARD, "B1")),
                List.of(late), List.of(), List.of(), List.of(), List.of(), List.of());
        AssessmentEngine engine = new AssessmentEngine(SchemeLoader.defaultScheme(), WorkingCalendar.shipped(ZONE),
                Locale.ENGLISH);
        AssessmentResult result = engine.assess(data, Period.parse("2026-01", 1), Instant.ofEpochMilli(t("2026-02-05 00:00")));

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ResultJson.write(result, json, true);
        System.out.println(json.toString(StandardCharsets.UTF_8));

        SubjectResult agent = subject(result, "A1");
        ItemResult response = agent.items().get(ItemCode.HANDLING_RESPONSE);
        assertThat(response.deductions()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("response.late-acceptance");
            assertThat(e.points()).isEqualByComparingTo("2");
            assertThat(e.reason()).contains("1 h 15 min").contains("45 min late");
        });
        assertThat(subject(result, "HQ").items().get(ItemCode.HANDLING_RESPONSE).deductions()).hasSize(1);
        assertThat(subject(result, "B1").items().get(ItemCode.HANDLING_RESPONSE).deductions()).isEmpty();
        assertThat(subject(result, "W1").items().get(ItemCode.HANDLING_RESPONSE).deductions()).isEmpty();
        assertThat(agent.items()).hasSize(8);
        assertThat(subject(result, "B1").items()).hasSize(13);
    }

    static SubjectResult subject(AssessmentResult result, String code) {
        return result.subjects().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }
}
