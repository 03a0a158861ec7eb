package org.warmline.assessing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.calendar.Period;
import org.warmline.ledger.Adjustment;
import org.warmline.records.ManualRecords;
import org.warmline.security.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Publishing freezes a period's result (versioned); a unit manager appeals a deduction of their subtree within the
 * window; the assessor upholds (an adjustment gives the points back) or rejects (with a reason); every step is kept.
 * Through the services and through the pages, with the permissions of each role.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:assessing-publish;DB_CLOSE_DELAY=-1",
        "warmline.assessment.appeal-window=5d"})
@AutoConfigureMockMvc
class PublishingAndAppealsTest extends AssessingFixture {

    private static final Instant AS_OF = Instant.parse("2026-03-10T00:00:00Z");

    @Autowired
    Publications publications;
    @Autowired
    Appeals appeals;
    @Autowired
    LiveAssessment live;
    @Autowired
    ManualRecords records;

    private static RequestPostProcessor as(Account account) {
        return user(account.username()).roles(account.role().name());
    }

    private ResultDocument liveResult(String period) {
        return ResultDocument.parse(LiveAssessment.json(live.assess(live.period(period), AS_OF,
                Locale.SIMPLIFIED_CHINESE)));
    }

    /** The first deduction with points of a subject in a result: item and index. */
    @SuppressWarnings("unchecked")
    private static Map.Entry<String, Integer> firstDeduction(ResultDocument result, String subject) {
        Map<String, Object> items = (Map<String, Object>) result.subject(subject).orElseThrow().get("items");
        for (Map.Entry<String, Object> item : items.entrySet()) {
            Map<String, Object> value = (Map<String, Object>) item.getValue();
            List<Map<String, Object>> deductions = (List<Map<String, Object>>) value.get("deductions");
            BigDecimal room = ResultDocument.decimal(value.get("max")).subtract(ResultDocument.decimal(value.get("score")));
            for (int i = 0; i < deductions.size(); i++) {
                BigDecimal points = ResultDocument.decimal(deductions.get(i).get("points"));
                if (points.signum() > 0 && points.compareTo(room) <= 0) {
                    return Map.entry(item.getKey(), i);
                }
            }
        }
        throw new AssertionError("no deduction of " + subject);
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal score(ResultDocument result, String subject, String item) {
        Map<String, Object> items = (Map<String, Object>) result.subject(subject).orElseThrow().get("items");
        return ResultDocument.decimal(((Map<String, Object>) items.get(item)).get("score"));
    }

    @Test
    void publishingFreezesTheResultAndPublishingAgainMakesANewVersion() {
        Period period = live.period("2026-02");
        assertThatThrownBy(() -> publications.publish(period, AS_OF, account(Caller.MANAGER_B01), Instant.now()))
                .isInstanceOf(AssessmentRefused.class).extracting("status").isEqualTo(403);
        assertThatThrownBy(() -> publications.publish(period, AS_OF, account(Caller.ADMIN), Instant.now()))
                .isInstanceOf(AssessmentRefused.class);

        String liveJson = new String(LiveAssessment.json(live.assess(period, AS_OF, Locale.SIMPLIFIED_CHINESE)),
                StandardCharsets.UTF_8);
        Publication first = publications.publish(period, AS_OF, account(Caller.ASSESSOR), Instant.now());
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.resultZh()).isEqualTo(liveJson);
        assertThat(first.resultEn()).contains("\"period\" : \"2026-02\"").isNotEqualTo(first.resultZh());
        assertThat(first.scheme()).isEqualTo("default");
        assertThat(first.asOf()).isEqualTo(AS_OF);
        assertThat(first.publishedBy()).isEqualTo(account(Caller.ASSESSOR).username());

        // the data changes: the live result follows, the published one does not
        records.addAdjustment(new Adjustment("B02S1", "2026-02", "keywork.other", new BigDecimal("-2"), "测试扣分",
                "考核办", 0), "test", Instant.now());
        assertThat(publications.latest("2026-02").orElseThrow().resultZh()).isEqualTo(liveJson);
        assertThat(new String(LiveAssessment.json(live.assess(period, AS_OF, Locale.SIMPLIFIED_CHINESE)),
                StandardCharsets.UTF_8)).isNotEqualTo(liveJson).contains("测试扣分");

        Publication second = publications.publish(period, AS_OF, account(Caller.ASSESSOR), Instant.now());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.resultZh()).contains("测试扣分");
        assertThat(publications.latest("2026-02").orElseThrow().id()).isEqualTo(second.id());
        assertThat(publications.versions("2026-02")).extracting(Publication::version).containsExactly(2, 1);
    }

    @Test
    void aManagerAppealsWithinTheWindowAndTheAssessorUpholdsOrRejects() {
        Account manager = account(Caller.MANAGER_B01);
        Account assessor = account(Caller.ASSESSOR);
        Instant now = Instant.now();
        assertThatThrownBy(() -> appeals.file(manager, "2026-01", "B01", "handling.response", 0, "理由", now))
                .isInstanceOf(AssessmentRefused.class).extracting("key").isEqualTo("assessing.appeal.notPublished");
        Publication published = publications.publish(live.period("2026-01"), AS_OF, assessor, now);
        ResultDocument before = ResultDocument.parse(published.resultZh());
        var deduction = firstDeduction(before, "B01S1");
        String item = deduction.getKey();

        // not a manager, outside the subtree, no reason, closed window, no such deduction
        assertThatThrownBy(() -> appeals.file(assessor, "2026-01", "B01S1", item, deduction.getValue(), "理由", now))
                .extracting("status").isEqualTo(403);
        assertThatThrownBy(() -> appeals.file(account(Caller.MANAGER_B02), "2026-01", "B01S1", item,
                deduction.getValue(), "理由", now)).extracting("status").isEqualTo(404);
        assertThatThrownBy(() -> appeals.file(manager, "2026-01", "B01S1", item, deduction.getValue(), "  ", now))
                .extracting("key").isEqualTo("assessing.appeal.reasonRequired");
        assertThatThrownBy(() -> appeals.file(manager, "2026-01", "B01S1", item, deduction.getValue(), "理由",
                now.plus(Duration.ofDays(6)))).extracting("key").isEqualTo("assessing.appeal.windowClosed");
        assertThatThrownBy(() -> appeals.file(manager, "2026-01", "B01S1", item, 999, "理由", now))
                .extracting("key").isEqualTo("assessing.appeal.noDeduction");

        Appeal appeal = appeals.file(manager, "2026-01", "B01S1", item, deduction.getValue(), "已按时联系,系统录入延误",
                now);
        assertThat(appeal.state()).isEqualTo(Appeal.State.OPEN);
        assertThat(appeal.points()).isPositive();
        assertThatThrownBy(() -> appeals.file(manager, "2026-01", "B01S1", item, deduction.getValue(), "再次", now))
                .extracting("key").isEqualTo("assessing.appeal.duplicate");
        assertThatThrownBy(() -> appeals.uphold(manager, appeal.id(), null, now)).extracting("status").isEqualTo(403);

        BigDecimal scoreBefore = score(liveResult("2026-01"), "B01S1", item);
        Appeal upheld = appeals.uphold(assessor, appeal.id(), "核实属实", now);
        assertThat(upheld.state()).isEqualTo(Appeal.State.UPHELD);
        assertThat(upheld.adjustmentId()).isNotNull();
        Adjustment adjustment = records.adjustments().stream()
                .filter(a -> a.reason().equals("已按时联系,系统录入延误")).findFirst().orElseThrow();
        assertThat(adjustment.subject()).isEqualTo("B01S1");
        assertThat(adjustment.period()).isEqualTo("2026-01");
        assertThat(adjustment.item()).isEqualTo(item);
        assertThat(adjustment.points()).isEqualByComparingTo(appeal.points());
        assertThat(adjustment.assessor()).isEqualTo(assessor.username());
        assertThat(score(liveResult("2026-01"), "B01S1", item))
                .isEqualByComparingTo(scoreBefore.add(appeal.points()));
        assertThatThrownBy(() -> appeals.reject(assessor, appeal.id(), "晚了", now))
                .extracting("key").isEqualTo("assessing.appeal.decided");

        // a second appeal, rejected: the reason is required, the score does not move
        var other = firstDeduction(before, "B01");
        Appeal second = appeals.file(manager, "2026-01", "B01", other.getKey(), other.getValue(), "不认可", now);
        assertThatThrownBy(() -> appeals.reject(assessor, second.id(), " ", now))
                .extracting("key").isEqualTo("assessing.appeal.rejectReasonRequired");
        BigDecimal b01Before = score(liveResult("2026-01"), "B01", other.getKey());
        Appeal rejected = appeals.reject(assessor, second.id(), "扣分依据充分", now);
        assertThat(rejected.state()).isEqualTo(Appeal.State.REJECTED);
        assertThat(rejected.decisionNote()).isEqualTo("扣分依据充分");
        assertThat(score(liveResult("2026-01"), "B01", other.getKey())).isEqualByComparingTo(b01Before);

        assertThat(appeals.steps(appeal.id())).extracting(Appeal.Step::action).containsExactly("FILED", "UPHELD");
        assertThat(appeals.steps(second.id())).extracting(Appeal.Step::action).containsExactly("FILED", "REJECTED");
        assertThat(appeals.steps(second.id()).get(1).note()).isEqualTo("扣分依据充分");
        // a rejected deduction may be appealed again; an upheld one may not
        assertThat(appeals.file(manager, "2026-01", "B01", other.getKey(), other.getValue(), "补充材料", now).state())
                .isEqualTo(Appeal.State.OPEN);
    }

    @Test
    void thePagesShowTheFrozenResultAndCarryTheAppealFlow() throws Exception {
        Account assessor = account(Caller.ASSESSOR);
        Account manager = account(Caller.MANAGER_B01);
        mvc.perform(get("/assessments").param("period", "2026-Q1").with(as(assessor)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"live-note\"")))
                .andExpect(content().string(containsString("id=\"ranking\"")))
                .andExpect(content().string(containsString("id=\"publish\"")))
                .andExpect(content().string(containsString("/dist/echarts.min.js")));
        mvc.perform(get("/assessments").param("period", "2026-13").with(as(assessor)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"period-error\"")));
        mvc.perform(get("/assessments").with(as(account(Caller.HANDLER)))).andExpect(status().isForbidden());
        mvc.perform(get("/assessments").with(as(account(Caller.AGENT)))).andExpect(status().isForbidden());
        mvc.perform(post("/assessments/2026-Q1/publish").with(as(manager)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("failure", "assessing.error.forbidden"));
        mvc.perform(post("/assessments/2026-Q1/publish").with(as(assessor)))
                .andExpect(status().isForbidden()); // no CSRF token

        mvc.perform(post("/assessments/2026-Q1/publish").with(as(assessor)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/assessments?period=2026-Q1"))
                .andExpect(flash().attribute("message", "assessing.published"));
        // the published page: frozen, with the window; the manager sees their subtree, with case links and appeal forms
        mvc.perform(get("/assessments").param("period", "2026-Q1").param("kind", "BRANCH").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"published-note\"")))
                .andExpect(content().string(containsString("id=\"subject-B01\"")))
                .andExpect(content().string(not(containsString("id=\"subject-B02\""))));
        ResultDocument published = ResultDocument.parse(publications.latest("2026-Q1").orElseThrow().resultZh());
        var deduction = firstDeduction(published, "B01S1");
        mvc.perform(get("/assessments/2026-Q1/subjects/B01S1").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"appeal-form")))
                .andExpect(content().string(containsString("href=\"/cases/C2026")));
        mvc.perform(get("/assessments/2026-Q1/subjects/B02S1").with(as(manager))).andExpect(status().isNotFound());

        mvc.perform(post("/assessments/2026-Q1/subjects/B01S1/appeals").with(as(manager)).with(csrf())
                        .param("item", deduction.getKey()).param("index", deduction.getValue().toString())
                        .param("reason", ""))
                .andExpect(flash().attribute("failure", "assessing.appeal.reasonRequired"));
        mvc.perform(post("/assessments/2026-Q1/subjects/B01S1/appeals").with(as(manager)).with(csrf())
                        .param("item", deduction.getKey()).param("index", deduction.getValue().toString())
                        .param("reason", "<b>记录</b>有误"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "assessing.appeal.filed"));
        Appeal appeal = appeals.ofPeriod("2026-Q1").get(0);
        mvc.perform(get("/assessments/2026-Q1/appeals").with(as(assessor)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"appeal-" + appeal.id() + "\"")))
                .andExpect(content().string(containsString("&lt;b&gt;记录&lt;/b&gt;有误")))
                .andExpect(content().string(containsString("class=\"btn btn-success btn-sm text-nowrap uphold\"")));
        mvc.perform(post("/assessments/appeals/" + appeal.id() + "/uphold").with(as(manager)).with(csrf()))
                .andExpect(flash().attribute("failure", "assessing.error.forbidden"));
        mvc.perform(post("/assessments/appeals/" + appeal.id() + "/uphold").with(as(assessor)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "assessing.appeal.upheld"));
        assertThat(appeals.find(appeal.id()).orElseThrow().state()).isEqualTo(Appeal.State.UPHELD);
        mvc.perform(get("/assessments/2026-Q1/appeals").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("申诉成立")));
        mvc.perform(get("/assessments/trend").param("year", "2026").param("subject", "B01").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"months\":[\"2026-01\"")))
                .andExpect(content().string(containsString("B01 ")));
    }
}
