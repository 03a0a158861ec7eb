package org.warmline.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.warmline.cases.Case;
import org.warmline.cases.CaseState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The announcements' and the points at stake's API: bad announcements refused 422 with every reason in the caller's
 * language and nothing stored, a role that may not post 403, an unknown announcement 404; a posted one matched by an
 * address written another way, a call answered from it linked under its case, closing moving the call on to callback
 * and refusing a second closing 409; a case's points at stake in the engine's figures, 404 outside the caller's scope.
 */
class AnnouncementApiTest extends ApiFixture {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private static String posting(String patterns, Instant start, Instant restore) {
        return """
                {"stations": [], "patterns": %s, "cause": "二次网阀门更换", "startedAt": "%s",
                 "expectedRestoreAt": "%s", "unit": "T1"}""".formatted(patterns, INPUT.format(start),
                INPUT.format(restore));
    }

    private long count() {
        return JsonPath.parse(announcementsJson()).read("$.length()", Integer.class);
    }

    private String announcementsJson() {
        try {
            return mvc.perform(as(Caller.AGENT, get("/api/announcements?all=true"))).andReturn().getResponse()
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badAnnouncementsAreRefusedWithEveryReasonInTheCallersLanguageAndNothingStored() throws Exception {
        long before = count();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        mvc.perform(as(Caller.AGENT, post("/api/announcements").contentType(MediaType.APPLICATION_JSON)
                        .content(posting("[]", start, start.minus(Duration.ofHours(2))))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:invalid"))
                .andExpect(jsonPath("$.errors[*].code").value(hasItem("announcement.area.empty")))
                .andExpect(jsonPath("$.errors[*].code").value(hasItem("announcement.restore.beforeStart")))
                .andExpect(jsonPath("$.errors[*].message").value(hasItem(containsString("影响范围不能为空"))));
        mvc.perform(as(Caller.AGENT, post("/api/announcements").contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en")
                        .content(posting("[\"3号楼\"]", start, start.plus(Duration.ofHours(5))))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("patterns"))
                .andExpect(jsonPath("$.errors[0].code").value("announcement.pattern.NO_PLACE"))
                .andExpect(jsonPath("$.detail").value(containsString("3号楼")));
        mvc.perform(as(Caller.HANDLER_IN, post("/api/announcements").contentType(MediaType.APPLICATION_JSON)
                        .content(posting("[\"光明小区\"]", start, start.plus(Duration.ofHours(5))))))
                .andExpect(status().isForbidden());
        assertThat(count()).isEqualTo(before);
        mvc.perform(as(Caller.AGENT, get("/api/announcements/987654321")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:not-found"))
                .andExpect(jsonPath("$.detail").value("没有这条公告。"));
    }

    @Test
    void aCallAnsweredFromAnAnnouncementIsLinkedAndMovedOnToCallbackWhenItCloses() throws Exception {
        String community = "春天花园" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9]", "");
        Instant start = Instant.now().minus(Duration.ofHours(1));
        String posted = mvc.perform(as(Caller.AGENT, post("/api/announcements")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(posting("[\"" + community + "12号楼\"]", start, start.plus(Duration.ofHours(5))))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        long id = JsonPath.parse(posted).read("$.id", Long.class);
        String parent = JsonPath.parse(posted).read("$.caseNo", String.class);

        // the same building written with full-width digits, 幢 and the unit spelled out
        mvc.perform(as(Caller.AGENT, get("/api/announcements/match").param("address",
                        "滨河区" + community + "１２幢３单元６０２")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].announcement.id").value(id))
                .andExpect(jsonPath("$[0].reason").value("PATTERN"));
        mvc.perform(as(Caller.AGENT, get("/api/announcements/match").param("address", community + "13号楼")))
                .andExpect(jsonPath("$.length()").value(0));

        String call = mvc.perform(as(Caller.AGENT, post("/api/announcements/" + id + "/calls")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"channel": "HOTLINE", "citizenName": "孙先生", "citizenPhone": "13987654321",
                                 "address": "%s12号楼3单元602"}""".formatted(community))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("SOLUTION_GIVEN"))
                .andExpect(jsonPath("$.parentCaseNo").value(parent))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        String caseNo = JsonPath.parse(call).read("$.caseNo", String.class);
        mvc.perform(as(Caller.AGENT, post("/api/announcements/" + id + "/calls")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\": \"HOTLINE\", \"citizenPhone\": \"13987654322\", \"repeatOf\": \"NOPE1\"}")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("repeatOf"));

        int version = JsonPath.parse(mvc.perform(as(Caller.AGENT, get("/api/announcements/" + id))).andReturn()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).read("$.version",
                Integer.class);
        mvc.perform(as(Caller.AGENT, post("/api/announcements/" + id + "/close").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": " + version + "}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.announcement.state").value("CLOSED"))
                .andExpect(jsonPath("$.movedOn").value(greaterThan(0)));
        Case moved = desk.findByCaseNo(caseNo).orElseThrow();
        assertThat(moved.state()).isEqualTo(CaseState.COMPLETED);
        mvc.perform(as(Caller.AGENT, post("/api/announcements/" + id + "/close").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": " + (version + 1) + "}")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:announcement-state"));
    }

    @Test
    void aCasesPointsAtStakeAreTheEnginesAndOnlyForThoseWhoSeeIt() throws Exception {
        Case c = dispatched();
        mvc.perform(as(Caller.MANAGER_IN, get("/api/cases/" + c.caseNo() + "/stakes")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNo").value(c.caseNo()))
                .andExpect(jsonPath("$.points", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.clocks[*].clock").value(hasItem("CONTACT")))
                .andExpect(jsonPath("$.clocks[?(@.clock == 'CONTACT')].losses[*].subject").value(hasItem("T1")))
                .andExpect(jsonPath("$.clocks[?(@.clock == 'CONTACT')].losses[*].subject").value(hasItem("S01")));
        mvc.perform(as(Caller.MANAGER_OUT, get("/api/cases/" + c.caseNo() + "/stakes")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:warmline:problem:not-found"));
    }
}
