package org.warmline.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.cases.Case;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The case API's behaviour: intake, idempotency, optimistic locking, problem details, masking, OpenAPI. */
class CaseApiTest extends ApiFixture {

    @Autowired
    JdbcClient jdbc;

    private static String register(String submittedAt, String extra) {
        return """
                {"channel":"HOTLINE","category":"COMPLAINT","topic":"室温不达标","citizenName":"王女士",
                 "citizenPhone":"13812345678","address":"幸福小区3-2-501","demand":"卧室室温16度",
                 "submittedAt":"%s"%s}""".formatted(submittedAt, extra);
    }

    @Test
    void anAgentRegistersAPastHotlineCaseAndDispatchesItInOneGo() throws Exception {
        Instant submitted = Instant.now().minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String location = mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON)
                        .content(register(submitted.toString(), ",\"unit\":\"T1\",\"handler\":\"S01\""))))
                .andExpect(status().isCreated())
                .andExpect(header().exists("ETag"))
                .andExpect(jsonPath("$.state").value("DISPATCHED"))
                .andExpect(jsonPath("$.unit").value("T1"))
                .andExpect(jsonPath("$.handler").value("S01"))
                .andExpect(jsonPath("$.submittedAt").value(submitted.toString()))
                .andExpect(jsonPath("$.citizenPhone").value(PHONE))
                .andExpect(jsonPath("$.clocks[*].kind", hasItem("CONTACT")))
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).startsWith("/api/cases/");
        mvc.perform(as(Caller.HANDLER_IN, get(location))).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DISPATCHED"));
        mvc.perform(as(Caller.AGENT, get(location + "/history"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].action", hasItem("DISPATCH")))
                // what a line says, in the caller's language, beside its message key and arguments
                .andExpect(jsonPath("$[0].action").value("REGISTER"))
                .andExpect(jsonPath("$[0].note").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$[0].text").value("渠道:热线"))
                .andExpect(jsonPath("$[0].textKey").value("history.channel"))
                .andExpect(jsonPath("$[0].textArgs[0]").value("#channel.HOTLINE"));
        mvc.perform(as(Caller.AGENT, get(location + "/history")).header("Accept-Language", "en"))
                .andExpect(jsonPath("$[0].text").value("channel: Hotline"));
    }

    @Test
    void theSameIdempotencyKeyTwiceGivesOneCase() throws Exception {
        String key = "12345-" + UUID.randomUUID();
        String body = """
                {"channel":"GOV_HOTLINE","externalTicket":"GD2026-0001","category":"COMPLAINT","topic":"室温不达标",
                 "citizenPhone":"13812345678","demand":"暖气不热"}""";
        String first = mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("SUBMITTED"))
                .andExpect(jsonPath("$.externalTicket").value("GD2026-0001"))
                .andReturn().getResponse().getHeader("Location");
        String second = mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getHeader("Location");
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from petition_case where idempotency_key = ?")
                .param(org.warmline.cases.CaseDesk.scopedKey(account(Caller.AGENT), key))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void preferReturnMinimalAnswersWithTheNumberVersionAndStateOnly() throws Exception {
        String key = "wechat-" + UUID.randomUUID();
        String body = """
                {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标",
                 "citizenPhone":"13812345678","demand":"暖气不热"}""";
        var created = mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", key)
                        .header("Prefer", "respond-async, RETURN=\"minimal\"; x=1")
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Preference-Applied", "return=minimal"))
                .andExpect(header().exists("ETag"))
                .andExpect(jsonPath("$.state").value("SUBMITTED"))
                .andExpect(jsonPath("$.version").isNumber())
                .andExpect(jsonPath("$.clocks").doesNotExist())
                .andExpect(jsonPath("$.citizenPhone").doesNotExist())
                .andReturn().getResponse();
        String caseNo = com.jayway.jsonpath.JsonPath.read(created.getContentAsString(), "$.caseNo");
        assertThat(created.getHeader("Location")).isEqualTo("/api/cases/" + caseNo);
        // the repeat answers minimal too (200, the same case); without the preference, the whole case
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", key)
                        .header("Prefer", "return=minimal").contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNo").value(caseNo))
                .andExpect(jsonPath("$.clocks").doesNotExist());
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", key)
                        .header("Prefer", "return=representation").contentType(MediaType.APPLICATION_JSON)
                        .content(body)))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Preference-Applied"))
                .andExpect(jsonPath("$.caseNo").value(caseNo))
                .andExpect(jsonPath("$.clocks").isArray());
    }

    @Test
    void anOnlineSubmissionWithoutAnIdempotencyKeyIsABadRequest() throws Exception {
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
                         "demand":"暖气不热"}""")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", " ")
                        .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
                         "demand":"暖气不热"}""")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be empty"));
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", "k".repeat(201))
                        .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
                         "demand":"暖气不热"}""")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.errors[0].message").value("长度须在 0 到 200 之间"));
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", "k".repeat(200))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
                         "demand":"暖气不热"}""")))
                .andExpect(status().isCreated());
    }

    @Test
    void twoUpdatesWithTheSameVersionAre200Then409WithTheCurrentVersion() throws Exception {
        Case c = dispatched();
        String body = "{\"version\":" + c.version() + "}";
        mvc.perform(as(Caller.HANDLER_IN, post("/api/cases/{no}/contact", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + (c.version() + 1) + "\""))
                .andExpect(jsonPath("$.state").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.version").value(c.version() + 1));
        mvc.perform(as(Caller.MANAGER_IN, post("/api/cases/{no}/contact", c.caseNo())
                        .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:changed"))
                .andExpect(jsonPath("$.title").value("The case changed"))
                .andExpect(jsonPath("$.detail", containsString(c.caseNo())))
                .andExpect(jsonPath("$.currentVersion").value(c.version() + 1))
                .andExpect(jsonPath("$.currentState").value("IN_PROGRESS"));
    }

    @Test
    void aRefusedTransitionIs409InTheRequestsLanguage() throws Exception {
        Case c = dispatched();
        String body = "{\"version\":" + c.version() + "}";
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/close", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:refused"))
                .andExpect(jsonPath("$.code").value("case.refused.state"))
                .andExpect(jsonPath("$.detail", containsString("已派单")));
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/close", c.caseNo()).header("Accept-Language", "en-US")
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The case is dispatched; it cannot be closed."));
    }

    @Test
    void anExplanationIsRequiredAndKeptOnTheHistoryAsOnTheCasePage() throws Exception {
        Case c = reviewed(org.warmline.ledger.ReviewFinding.MISUNDERSTANDING);
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/explain", c.caseNo()).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + c.version() + "}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("explanation"));
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/explain", c.caseNo()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + c.version() + ",\"explanation\":\"<b>测温点</b>在窗边，已当面说明\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CLOSED"));
        assertThat(jdbc.sql("select note from case_history where case_id = (select id from petition_case where case_no = ?)"
                        + " and action = 'EXPLAIN' and note is not null").param(c.caseNo()).query(String.class).list())
                .containsExactly("<b>测温点</b>在窗边，已当面说明");
    }

    @Test
    void validationErrorsListEachFieldInChineseByDefaultAndInEnglish() throws Exception {
        String body = """
                {"channel":"HOTLINE","category":"COMPLAINT","topic":" ","demand":"%s","citizenPhone":"138abc"}"""
                .formatted("x".repeat(4001));
        mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:invalid"))
                .andExpect(jsonPath("$.title").value("请求内容有误"))
                .andExpect(jsonPath("$.errors[?(@.field == 'topic')].message").value("不能为空"))
                .andExpect(jsonPath("$.errors[?(@.field == 'submittedAt')].message").value("不能为空"))
                .andExpect(jsonPath("$.errors[?(@.field == 'demand')].message").value("长度须在 0 到 4000 之间"))
                .andExpect(jsonPath("$.errors[?(@.field == 'citizenPhone')].message")
                        .value("须为电话号码:7 到 15 位数字,只能另含空格、-、括号和开头的 +"));
        mvc.perform(as(Caller.AGENT, post("/api/cases").header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[?(@.field == 'topic')].message").value("must not be empty"))
                .andExpect(jsonPath("$.errors[?(@.field == 'demand')].message")
                        .value("length must be between 0 and 4000"));
        mvc.perform(as(Caller.HANDLER_IN, post("/api/cases/{no}/contact", dispatched().caseNo())
                        .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON).content("{}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
    }

    @Test
    void malformedJsonIsA400ProblemWithoutInternals() throws Exception {
        for (String body : new String[] {"{\"channel\": ", "{\"channel\":\"FAX\"}", "[1,2]", ""}) {
            mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON).content(body)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:warmline:problem:malformed"))
                    .andExpect(jsonPath("$.detail", not(containsString("Exception"))))
                    .andExpect(jsonPath("$.detail", not(containsString("jackson"))));
        }
        mvc.perform(as(Caller.AGENT, get("/api/cases").param("page", "x")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(as(Caller.AGENT, get("/api/cases").param("size", "1000")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(as(Caller.AGENT, get("/api/no-such-thing")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void htmlInTextFieldsIsKeptAsPlainText() throws Exception {
        String html = "<script>alert('x')</script><b>热</b>&amp;";
        mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON).content(
                        register(Instant.now().minusSeconds(60).toString(), "")
                                .replace("卧室室温16度", html.replace("'", "\\u0027")))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.demand").value(html));
    }

    @Test
    void phonesAreMaskedForWhoeverDoesNotWorkTheCase() throws Exception {
        Case c = dispatched(); // unit T1, handler S01
        // who works the case (CaseAccess.worksOn, as the pages): agents, and managers and handlers in scope
        for (Caller caller : new Caller[] {Caller.AGENT, Caller.HANDLER_IN, Caller.MANAGER_IN}) {
            mvc.perform(as(caller, get("/api/cases/{no}", c.caseNo()))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.citizenPhone").value(PHONE))
                    .andExpect(jsonPath("$.phoneMasked").value(false));
        }
        for (Caller caller : new Caller[] {Caller.ADMIN, Caller.ASSESSOR}) {
            mvc.perform(as(caller, get("/api/cases/{no}", c.caseNo()))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.citizenPhone").value(MASKED))
                    .andExpect(jsonPath("$.phoneMasked").value(true));
        }
        mvc.perform(as(Caller.ASSESSOR, get("/api/cases").param("q", c.caseNo()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].citizenPhone").value(MASKED));
        mvc.perform(as(Caller.MANAGER_IN, post("/api/cases/{no}/contact", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + c.version() + "}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.citizenPhone").value(PHONE));
    }

    @Test
    void aFullPhoneInAnApiResponseIsLoggedAsARevealAndAMaskedOneIsNot() throws Exception {
        Case c = dispatched(); // unit T1, handler S01
        java.util.function.Supplier<List<String>> reveals = () -> jdbc.sql("select actor from case_history "
                        + "where case_id = ? and action = 'PHONE_REVEALED' order by id")
                .param(c.id().value()).query(String.class).list();
        assertThat(reveals.get()).isEmpty();

        mvc.perform(as(Caller.ASSESSOR, get("/api/cases/{no}", c.caseNo()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.phoneMasked").value(true));
        mvc.perform(as(Caller.ADMIN, get("/api/cases").param("q", c.caseNo()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].phoneMasked").value(true));
        mvc.perform(as(Caller.ASSESSOR, get("/api/cases/{no}/history", c.caseNo()))).andExpect(status().isOk());
        assertThat(reveals.get()).as("masked answers log nothing").isEmpty();

        mvc.perform(as(Caller.HANDLER_IN, get("/api/cases/{no}", c.caseNo()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.citizenPhone").value(PHONE));
        assertThat(reveals.get()).containsExactly(account(Caller.HANDLER_IN).staffCode());
        mvc.perform(as(Caller.AGENT, get("/api/cases").param("q", c.caseNo()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].citizenPhone").value(PHONE));
        assertThat(reveals.get()).hasSize(2);
        assertThat(desk.find(c.id()).orElseThrow().version()).as("a reveal does not change the case")
                .isEqualTo(c.version());

        // the intake's own answer echoes the number just sent: not a reveal
        String location = mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON)
                        .content(register(Instant.now().minusSeconds(60).toString(), ""))))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.citizenPhone").value(PHONE))
                .andReturn().getResponse().getHeader("Location");
        String caseNo = location.substring(location.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select count(*) from case_history h join petition_case p on p.id = h.case_id "
                + "where p.case_no = ? and h.action = 'PHONE_REVEALED'").param(caseNo).query(Long.class).single())
                .isZero();
    }

    @Test
    void listsKeepToTheDataScopeAndSortByTheNearestDeadline() throws Exception {
        Case inT1 = dispatched();
        mvc.perform(as(Caller.MANAGER_OUT, get("/api/cases").param("size", "100")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].unit", everyItem(is("T3"))));
        mvc.perform(as(Caller.HANDLER_OUT, get("/api/cases").param("q", inT1.caseNo())))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(as(Caller.HANDLER_IN, get("/api/cases").param("q", inT1.caseNo())))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(as(Caller.MANAGER_IN, get("/api/cases").param("unit", "B1").param("state", "DISPATCHED")
                        .param("q", inT1.caseNo()).param("size", "100")))
                .andExpect(jsonPath("$.items[*].caseNo", hasItem(inT1.caseNo())))
                .andExpect(jsonPath("$.items[*].state", everyItem(is("DISPATCHED"))));
        String json = mvc.perform(as(Caller.AGENT, get("/api/cases").param("size", "100")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var deadlines = com.jayway.jsonpath.JsonPath.<java.util.List<String>>read(json,
                "$.items[?(@.nearestDeadline != null)].nearestDeadline");
        assertThat(deadlines).isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
    }

    @Test
    void aManagerReassignsOnlyWithinTheSubtree() throws Exception {
        Case c = dispatched();
        mvc.perform(as(Caller.MANAGER_IN, post("/api/cases/{no}/reassign", c.caseNo())
                        .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + c.version() + ",\"unit\":\"T3\"}")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("case.forbidden.unit"));
        mvc.perform(as(Caller.MANAGER_IN, post("/api/cases/{no}/reassign", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + c.version() + ",\"unit\":\"NOPE\"}")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("case.refused.unknown-unit"));
    }

    @Test
    void theOpenApiDescriptionIsPublicAndListsTheEndpointsAndTheBearerScheme() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/cases'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cases'].get").exists())
                .andExpect(jsonPath("$.paths['/api/cases/online'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cases/{caseNo}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/cases/{caseNo}/history'].get").exists())
                .andExpect(jsonPath("$.paths['/api/cases/{caseNo}/dispatch'].post").exists())
                .andExpect(jsonPath("$.paths['/api/cases/{caseNo}/withdraw'].post").exists())
                .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/login']").doesNotExist());
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    }
}
