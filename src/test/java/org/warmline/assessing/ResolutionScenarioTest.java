package org.warmline.assessing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.Resolution;
import org.warmline.cli.WarmlineCommand;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.LedgerReader;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.security.Account;
import org.warmline.security.Role;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import org.warmline.ledger.CaseColumn;

/**
 * Resolution as scheme 2.3 defines it, end to end: a month of a team's cases whose resolution the citizens decide —
 * complaints confirmed and not in the callback and the survey, one never answered, complex cases accepted on site or
 * refused in the callback, consultations that passed their follow-up window or were asked again — handled through the
 * desk. The live assessment's 2.3 counts exactly the citizens' answers (not the handler's view, which was "resolved"
 * every time); a later answer moves it; and {@code warmline assess} on the exported ledger gives the live JSON, its
 * {@code resolved} column the desk's resolutions.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:resolution-scenario;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ResolutionScenarioTest extends AssessingFixture {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String PERIOD = "2026-03";
    private static final String AS_OF = "2026-04-15T00:00+08:00";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CaseDesk desk;

    private Account agent;
    private Account steward;

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private Case complaint(String day, String phone, boolean complex) {
        Instant submitted = at(day + "T09:00");
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, complex, "TEMPERATURE",
                "王女士", phone, "解决小区" + phone.substring(7) + "号楼", "室温不达标", null, submitted, null), agent,
                submitted.plusSeconds(120));
        c = desk.dispatch(c.id(), c.version(), agent, submitted.plusSeconds(300), "RT1", "RS01");
        c = desk.contact(c.id(), c.version(), steward, submitted.plusSeconds(1800));
        return desk.giveSolution(c.id(), c.version(), steward, submitted.plusSeconds(7200), "调整阀门");
    }

    private Case completed(Case c, String day) {
        return desk.complete(c.id(), c.version(), steward, at(day + "T14:00"), true);
    }

    private Case consultation(String day, String phone, String topic) {
        Instant submitted = at(day + "T10:00");
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, topic,
                "李先生", phone, "解决小区", "咨询", null, submitted, null), agent, submitted.plusSeconds(60));
        return desk.answerOnTheSpot(c.id(), c.version(), agent, submitted.plusSeconds(300), "已答复");
    }

    private JsonNode live() throws Exception {
        return JSON.readTree(liveText());
    }

    private String liveText() throws Exception {
        return mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/" + PERIOD + "?asOf=" + AS_OF))
                        .header("Accept-Language", "zh"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static JsonNode item(JsonNode result, String subject) {
        for (JsonNode s : result.get("subjects")) {
            if (s.get("code").asString().equals(subject)) {
                return s.get("items").get("handling.resolution");
            }
        }
        throw new AssertionError("no subject " + subject);
    }

    @Test
    void theLiveAssessmentFollowsTheCitizensAnswersAndAssessOnTheExportAgrees() throws Exception {
        organization.saveAll(List.of(new Unit("RT1", "解决班组", UnitKind.TEAM, "B01")),
                List.of(new Staff("RS01", "解管家", Post.STEWARD, "RT1")));
        agent = account(Caller.AGENT);
        steward = accountStore.create("rs01-" + java.util.UUID.randomUUID().toString().substring(0, 6), "secret password",
                Role.HANDLER, "RS01", "RT1");

        Case confirmed = completed(complaint("2026-03-02", "13900000001", false), "2026-03-02");
        confirmed = desk.evaluate(confirmed.id(), confirmed.version(), agent, at("2026-03-03T10:00"),
                EvaluationLevel.SATISFIED, EvaluationChannel.PHONE, "暖和了", true);
        Case denied = completed(complaint("2026-03-05", "13900000002", false), "2026-03-05");
        desk.evaluate(denied.id(), denied.version(), agent, at("2026-03-06T10:00"), EvaluationLevel.BASIC,
                EvaluationChannel.PHONE, "还是凉", false);
        Case surveyed = completed(complaint("2026-03-09", "13900000003", false), "2026-03-09");
        desk.evaluateOnline(surveyed.id(), surveyed.version(), at("2026-03-10T20:00"), EvaluationLevel.SATISFIED,
                null, true);
        Case unanswered = completed(complaint("2026-03-12", "13900000004", false), "2026-03-12");
        Case accepted = complaint("2026-03-16", "13900000005", true);
        desk.completeAccepted(accepted.id(), accepted.version(), steward, at("2026-03-18T14:00"), true);
        Case refused = completed(complaint("2026-03-19", "13900000006", true), "2026-03-20");
        desk.evaluate(refused.id(), refused.version(), agent, at("2026-03-21T10:00"), EvaluationLevel.BASIC,
                EvaluationChannel.PHONE, "整改不彻底", false);
        Case quiet = consultation("2026-03-02", "13900000007", "BILLING");
        Case asked = consultation("2026-03-03", "13900000008", "METERING");
        Case again = consultation("2026-03-05", "13900000008", "METERING");
        desk.settleFollowUpWindows(at("2026-03-31T12:00"));

        assertThat(desk.find(asked.id()).orElseThrow().resolutionSource()).isEqualTo(Resolution.Source.FOLLOW_UP);
        assertThat(desk.find(again.id()).orElseThrow().followUpOf()).isEqualTo(asked.id());
        assertThat(desk.find(quiet.id()).orElseThrow().resolutionSource()).isEqualTo(Resolution.Source.NO_FOLLOW_UP);
        assertThat(desk.find(again.id()).orElseThrow().resolved()).isTrue();

        // the team's six cases: the handler said "resolved" every time; the citizens confirmed three
        JsonNode before = live();
        assertThat(item(before, "RT1").get("judged").asInt()).isEqualTo(6);
        assertThat(item(before, "RT1").get("resolved").asInt()).isEqualTo(3);
        assertThat(item(before, "RS01").get("resolved").asInt()).isEqualTo(3);

        // the silent citizen answers the survey later: the live 2.3 follows
        unanswered = desk.find(unanswered.id()).orElseThrow();
        desk.evaluateOnline(unanswered.id(), unanswered.version(), at("2026-03-25T09:00"), EvaluationLevel.SATISFIED,
                null, true);
        String api = liveText();
        assertThat(item(JSON.readTree(api), "RT1").get("resolved").asInt()).isEqualTo(4);

        // assess on the exported ledger agrees, and its resolved column is the desk's resolutions
        Path dir = Files.createTempDirectory("resolution");
        Path workbook = Files.write(dir.resolve("ledger.xlsx"), mvc.perform(as(Caller.ASSESSOR,
                get("/api/ledger/export?period=" + PERIOD))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WarmlineCommand.run(new String[] {"assess", "--data", workbook.toString(), "--period", PERIOD,
                "--as-of", AS_OF}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).stripTrailing()).isEqualTo(api);

        Map<String, Boolean> exported = new LedgerReader(LiveAssessmentStoresTest.SCHEME, Locale.ENGLISH)
                .read(workbook).data().cases().stream()
                .collect(Collectors.toMap(CaseRecord::caseNo, r -> r.is(CaseColumn.RESOLVED)));
        for (Case c : List.of(confirmed, denied, surveyed, unanswered, accepted, refused, quiet, asked, again)) {
            Case now = desk.find(c.id()).orElseThrow();
            assertThat(exported.get(now.caseNo())).as(now.caseNo())
                    .isEqualTo(now.resolution() == Resolution.RESOLVED);
        }
        assertThat(exported.get(denied.caseNo())).isFalse();
        assertThat(desk.find(denied.id()).orElseThrow().handlerResolved()).isTrue();
    }
}
