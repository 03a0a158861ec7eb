package org.warmline.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmline.cases.Case;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a hostile probe of the desk sent, and what it now gets: instants out of range or as numbers, a non-ASCII
 * Idempotency-Key, periods that are not periods, topics off the list, phones without digits, control and direction
 * characters in one-line fields, and one idempotency key with two bodies — each a 400 (or 404, 422) in the caller's
 * language that names the field, with nothing stored; never a 500, never taken silently.
 */
class HostileInputTest extends ApiFixture {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountStore accountStore;

    private static String online(String fields) {
        return "{\"channel\":\"WECHAT\",\"category\":\"COMPLAINT\",\"topic\":\"LEAK\",\"citizenPhone\":\"13812345678\","
                + "\"demand\":\"暖气漏水\"" + fields + "}";
    }

    private ResultActions sendOnline(String key, String body, String... headers) throws Exception {
        MockHttpServletRequestBuilder request = post("/api/cases/online").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return mvc.perform(as(Caller.AGENT, request));
    }

    private long casesOfKey(String key) {
        return jdbc.sql("select count(*) from petition_case where idempotency_key like ?").param("%:" + key)
                .query(Long.class).single();
    }

    private ResultActions refused(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").isNotEmpty());
    }

    @Test
    void instantsAreIsoTextFrom2000ToADayAheadElseA400NamingTheField() throws Exception {
        for (String value : new String[] {"\"-999999999-01-01T00:00:00Z\"", "1e300", "0", "\"1999-12-31T23:59:59+08:00\"",
                "\"" + Instant.now().plus(2, ChronoUnit.DAYS) + "\"", "\"yesterday\""}) {
            String key = UUID.randomUUID().toString();
            refused(sendOnline(key, online(",\"submittedAt\":" + value)), "submittedAt")
                    .andExpect(jsonPath("$.errors[0].message", containsString("ISO-8601")))
                    .andExpect(jsonPath("$.errors[0].message", containsString("2000-01-01")));
            assertThat(casesOfKey(key)).as(value).isZero();
        }
        refused(sendOnline(UUID.randomUUID().toString(), online(",\"occurredAt\":\"+999999999-12-31T23:59:59Z\""),
                "Accept-Language", "en"), "occurredAt")
                .andExpect(jsonPath("$.errors[0].message", containsString("must be an ISO-8601 time as text")));
        refused(mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON).content("""
                {"channel":"HOTLINE","category":"COMPLAINT","topic":"LEAK","citizenPhone":"13812345678",
                 "demand":"漏水","submittedAt":"-999999999-01-01T00:00:00Z"}"""))), "submittedAt");
        refused(mvc.perform(as(Caller.AGENT, get("/api/cases").param("from", "-999999999-01-01T00:00:00Z"))), "from");
        refused(mvc.perform(as(Caller.AGENT, get("/api/cases").param("to", "1e300"))), "to");

        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-11").param("asOf", "-999999999-01-01T00:00:00Z")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"))
                .andExpect(jsonPath("$.detail", containsString("2000")));
        mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-11").param("asOf", "+999999999-12-31")
                        .header("Accept-Language", "en")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("since 2000")));
    }

    @Test
    void aNonAsciiIdempotencyKeyIsA400() throws Exception {
        String body = online("");
        refused(sendOnline("密钥", body), "Idempotency-Key")
                .andExpect(jsonPath("$.errors[0].message", containsString("ASCII")));
        refused(sendOnline("clé", body, "Accept-Language", "en"), "Idempotency-Key")
                .andExpect(jsonPath("$.errors[0].message", containsString("printable ASCII")));
        // what Spring Security's firewall refuses itself (a control character, as raw UTF-8 read as Latin-1 gives)
        sendOnline("\u00e5\u00af\u0086\u00e9\u0092\u00a5", body).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:rejected"));
    }

    @Test
    void periodsThatAreNotPeriodsAre400NeverA500() throws Exception {
        for (String period : new String[] {"bogus", "2026-13", "2026-Q5", "2026-00"}) {
            mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/{p}", period))).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("period"));
            var assessor = user(account(Caller.ASSESSOR).username()).roles("ASSESSOR");
            mvc.perform(get("/assessments/{p}/result.xlsx", period).with(assessor))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("无法识别“" + period + "”")));
            mvc.perform(get("/assessments/{p}/subjects/B1", period).with(assessor).param("lang", "en"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("cannot read")))
                    .andExpect(content().string(containsString("id=\"signed-in-as\"")));
        }
        var assessor = user(account(Caller.ASSESSOR).username()).roles("ASSESSOR");
        mvc.perform(get("/assessments/trend").param("year", "bogus").with(assessor)).andExpect(status().isBadRequest());
    }

    @Test
    void topicsComeFromTheListOrAreOtherWithAText() throws Exception {
        refused(sendOnline(UUID.randomUUID().toString(), online("").replace("\"LEAK\"",
                "\"" + "随便写的问题类型".repeat(25) + "\"")), "topic")
                .andExpect(jsonPath("$.errors[0].message", containsString("须从列表中选择")));
        refused(sendOnline(UUID.randomUUID().toString(), online(",\"topicText\":\"暖气片异响\"")), "topicText");
        refused(sendOnline(UUID.randomUUID().toString(),
                online(",\"topicText\":\"" + "长".repeat(51) + "\"").replace("\"LEAK\"", "\"OTHER\"")), "topicText");

        String other = sendOnline(UUID.randomUUID().toString(),
                online(",\"topicText\":\"暖气片异响\"").replace("\"LEAK\"", "\"其他\""))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(com.jayway.jsonpath.JsonPath.<String>read(other, "$.topic")).isEqualTo("暖气片异响");
        String listed = sendOnline(UUID.randomUUID().toString(), online("").replace("\"LEAK\"", "\"漏水\""))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(com.jayway.jsonpath.JsonPath.<String>read(listed, "$.topic")).isEqualTo("LEAK");
    }

    @Test
    void phonesHaveSevenToFifteenDigits() throws Exception {
        for (String phone : new String[] {"()-+", "12345", "1234567890123456", "138-abcd-5678", "138+0013+8000"}) {
            refused(sendOnline(UUID.randomUUID().toString(), online("").replace("13812345678", phone)),
                    "citizenPhone").andExpect(jsonPath("$.errors[0].message", containsString("7 到 15 位数字")));
        }
        for (String phone : new String[] {"+86 138 0013 8000", "(010) 6512-3456", "13800138000", "6512345"}) {
            sendOnline(UUID.randomUUID().toString(), online("").replace("13812345678", phone))
                    .andExpect(status().isCreated());
        }
    }

    @Test
    void controlAndDirectionCharactersStayOutOfOneLineFields() throws Exception {
        for (String bad : new String[] {"\\u0000", "\\u001b[31m", "\\u202e", "\\u2066", "a\\rb", "a\\nb", "a\\tb"}) {
            String key = UUID.randomUUID().toString();
            refused(sendOnline(key, online(",\"citizenName\":\"王" + bad + "\"")), "citizenName");
            refused(sendOnline(key, online(",\"address\":\"幸福小区" + bad + "3号楼\"")), "address");
            assertThat(casesOfKey(key)).isZero();
        }
        refused(sendOnline(UUID.randomUUID().toString(), online("").replace("暖气漏水", "暖气\\u0000漏水")), "demand");
        sendOnline(UUID.randomUUID().toString(), online("").replace("暖气漏水", "暖气漏水\\n楼下已渗水\\r\\n请尽快"))
                .andExpect(status().isCreated());

        Case c = dispatched();
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/withdraw", c.caseNo()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + c.version() + ",\"reason\":\"重复\\u202e登记\"}")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
    }

    @Test
    void oneKeyIsTheCallersAndWithAnotherBodyA422() throws Exception {
        String key = UUID.randomUUID().toString();
        String first = sendOnline(key, online("")).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String caseNo = com.jayway.jsonpath.JsonPath.read(first, "$.caseNo");
        sendOnline(key, online("")).andExpect(status().isOk()).andExpect(jsonPath("$.caseNo").value(caseNo));
        sendOnline(key, online("").replace("暖气漏水", "暖气不热")).andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:idempotency-key-reused"))
                .andExpect(jsonPath("$.code").value("case.refused.idempotency-key-reused"))
                .andExpect(jsonPath("$.detail", containsString("Idempotency-Key")))
                .andExpect(jsonPath("$.caseNo").value(caseNo));
        sendOnline(key, online("").replace("暖气漏水", "暖气不热"), "Accept-Language", "en")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail", containsString("was used before")));
        assertThat(casesOfKey(key)).isOne();

        // another account's same key is its own
        String username = "agent2-" + UUID.randomUUID().toString().substring(0, 6);
        accountStore.create(username, "secret password", Role.AGENT, null, null);
        String token = accountStore.newApiToken(username);
        mvc.perform(post("/api/cases/online").header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(online("").replace("暖气漏水", "暖气不热")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.caseNo", org.hamcrest.Matchers.not(caseNo)));
        assertThat(casesOfKey(key)).isEqualTo(2);
    }

    @Test
    void theIntakePageKeepsTheSameRules() throws Exception {
        var agent = user(account(Caller.AGENT).username()).roles("AGENT");
        String now = INPUT.format(Instant.now().minus(1, ChronoUnit.HOURS));
        mvc.perform(post("/cases/new").with(agent).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", "随便写的").param("citizenPhone", "()-+")
                        .param("citizenName", "王\u001b女士").param("address", "幸福小区\u202e3号楼")
                        .param("demand", "暖气\u0000漏水").param("submittedAt", "1999-12-31T08:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("问题类型须从列表中选择")))
                .andExpect(content().string(containsString("电话号码须有 7 到 15 位数字")))
                .andExpect(content().string(containsString("隐藏的文字方向符号")))
                .andExpect(content().string(containsString("时间须在 2000 年以后")));
        mvc.perform(post("/cases/new").with(agent).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", "LEAK").param("topicOther", "暖气片异响")
                        .param("citizenPhone", "13812345678").param("demand", "漏水").param("submittedAt", now))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("只有问题类型为“其他”时才能填写其他问题类型")));
        String location = mvc.perform(post("/cases/new").with(agent).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", "OTHER").param("topicOther", "暖气片异响")
                        .param("citizenPhone", "+86 138 0013 8000").param("demand", "暖气片有异响\r\n夜里吵")
                        .param("submittedAt", now))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String caseNo = location.substring(location.lastIndexOf('/') + 1);
        assertThat(desk.findByCaseNo(caseNo)).get().extracting(Case::topic).isEqualTo("暖气片异响");

        Case c = dispatched();
        mvc.perform(post("/cases/{no}/do/withdraw", c.caseNo()).with(agent).with(csrf())
                        .param("version", "" + c.version()).param("text", "重复\u202e登记"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("隐藏的文字方向符号")));
        assertThat(desk.findByCaseNo(c.caseNo())).get().extracting(Case::state)
                .isEqualTo(org.warmline.cases.CaseState.DISPATCHED);
    }

    @Test
    void aCitizensFormSentAgainWithOtherContentFilesNothingAndSaysSo() throws Exception {
        String key = UUID.randomUUID().toString();
        String phone = "137" + String.format("%08d", (int) (Math.random() * 100_000_000));
        String address = "和平小区" + UUID.randomUUID().toString().substring(0, 6) + "号楼";
        org.springframework.test.web.servlet.request.RequestPostProcessor client = r -> {
            r.setRemoteAddr("10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
            return r;
        };
        mvc.perform(post("/public/new").with(csrf()).with(client).param("channel", "WECHAT")
                        .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenPhone", phone)
                        .param("address", address).param("demand", "暖气不热").param("idempotencyKey", key))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/public/new").with(csrf()).with(client).param("channel", "WECHAT")
                        .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenPhone", phone)
                        .param("address", address).param("demand", "暖气不热,还漏水").param("idempotencyKey", key))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("这份表单已经提交过")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("value=\"" + key + "\""))));
        assertThat(jdbc.sql("select count(*) from petition_case where idempotency_key = ?").param("public:" + key)
                .query(Long.class).single()).isOne();
    }
}
