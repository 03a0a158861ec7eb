package org.warmline.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.warmline.cases.Case;
import org.warmline.cases.CaseState;
import org.warmline.cases.KeyedText;
import org.warmline.cases.Resolution;
import org.warmline.ledger.Category;
import org.warmline.notifications.Notice;
import org.warmline.notifications.Notifications;
import org.warmline.organization.RoutingRule;
import org.warmline.organization.RoutingRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API of the loops the desk closes: the caller's notifications in their language, the citizen's answer deciding a
 * case's resolution (and refused where it is not asked), the on-site acceptance of a complex case, callback attempts
 * refused in the wrong state with nothing changed, routing of API and online intake, and the operations endpoints.
 */
class DeskLoopsApiTest extends ApiFixture {

    @Autowired
    Notifications notifications;

    @Autowired
    RoutingRules routing;

    private static String json(String body, Case c) {
        return body.replace("$v", Integer.toString(c.version()));
    }

    @Test
    void theCallersNotificationsInTheirLanguageReadOnlyByThem() throws Exception {
        Case c = dispatched();
        notifications.send(new Notice(List.of(account(Caller.MANAGER_IN)), Instant.now(),
                KeyedText.of("notification.escalated", c.caseNo(), KeyedText.key("case.clock.CONTACT"), "城东分公司"),
                c.id(), c.caseNo()));
        long id = notifications.unread(account(Caller.MANAGER_IN).id()).get(0).id();
        mvc.perform(as(Caller.MANAGER_IN, get("/api/notifications?unread=true")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].text").value("工单 " + c.caseNo() + " 联系时限已超时,已升级至城东分公司,请督办。"))
                .andExpect(jsonPath("$.items[0].key").value("notification.escalated"))
                .andExpect(jsonPath("$.items[0].caseNo").value(c.caseNo()))
                .andExpect(jsonPath("$.unread").isNumber());
        mvc.perform(as(Caller.MANAGER_IN, get("/api/notifications?unread=true").header("Accept-Language", "en")))
                .andExpect(jsonPath("$.items[0].text").value("Case " + c.caseNo()
                        + ": Contact time limit passed; escalated to 城东分公司."));
        // another account's notification is 404 and stays unread
        mvc.perform(as(Caller.MANAGER_OUT, post("/api/notifications/{id}/read", id))).andExpect(status().isNotFound());
        assertThat(notifications.byId(id, account(Caller.MANAGER_IN).id()).orElseThrow().unread()).isTrue();
        mvc.perform(as(Caller.MANAGER_IN, post("/api/notifications/{id}/read", id))).andExpect(status().isNoContent());
        assertThat(notifications.byId(id, account(Caller.MANAGER_IN).id()).orElseThrow().unread()).isFalse();
        mvc.perform(as(Caller.MANAGER_IN, post("/api/notifications/{id}/read", id))).andExpect(status().isNoContent());
        mvc.perform(as(Caller.MANAGER_IN, post("/api/notifications/read"))).andExpect(status().isNoContent());
        assertThat(notifications.unreadCount(account(Caller.MANAGER_IN).id())).isZero();
    }

    @Test
    void theCitizensAnswerDecidesTheResolutionAndIsRefusedWhereItIsNotAsked() throws Exception {
        Case c = completed();
        mvc.perform(as(Caller.AGENT, get("/api/cases/{no}", c.caseNo())))
                .andExpect(jsonPath("$.resolved").value(false))
                .andExpect(jsonPath("$.handlerResolved").value(true))
                .andExpect(jsonPath("$.resolution").value("PENDING"));
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/evaluation", c.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("{\"version\":$v,\"level\":\"BASIC\",\"resolved\":false}", c))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved").value(false))
                .andExpect(jsonPath("$.resolution").value("UNRESOLVED"))
                .andExpect(jsonPath("$.resolutionSource").value("CALLBACK"));

        // a consultation's resolution is not asked: its follow-up window decides
        Case consultation = accepted(Category.CONSULTATION);
        consultation = desk.answerOnTheSpot(consultation.id(), consultation.version(), account(Caller.AGENT),
                Instant.now(), "供暖期为11月15日至次年3月15日");
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/evaluation", consultation.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("{\"version\":$v,\"level\":\"SATISFIED\",\"resolved\":true}", consultation))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("case.refused.resolution-follow-up"));
        Case unchanged = desk.find(consultation.id()).orElseThrow();
        assertThat(unchanged.state()).isEqualTo(CaseState.COMPLETED);
        assertThat(unchanged.resolution()).isEqualTo(Resolution.PENDING);
    }

    @Test
    void aComplexCaseIsResolvedByTheCitizensAcceptanceOnSite() throws Exception {
        Case complex = completedComplex();
        mvc.perform(as(Caller.HANDLER_IN, post("/api/cases/{no}/acceptance", complex.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(json("{\"version\":$v,\"accepted\":true}", complex))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved").value(true))
                .andExpect(jsonPath("$.resolutionSource").value("ON_SITE"));
        Case plain = completed();
        mvc.perform(as(Caller.HANDLER_IN, post("/api/cases/{no}/acceptance", plain.caseNo())
                        .contentType(MediaType.APPLICATION_JSON).content(json("{\"version\":$v,\"accepted\":true}", plain))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("case.refused.on-site-complex-only"));
        assertThat(desk.find(plain.id()).orElseThrow().resolution()).isEqualTo(Resolution.PENDING);
    }

    @Test
    void aCallbackAttemptOnACaseInTheWrongStateIsRefusedAndChangesNothing() throws Exception {
        Case open = dispatched();
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/callback-attempts", open.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("{\"version\":$v,\"outcome\":\"NO_ANSWER\"}", open))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("callback.refused.state"))
                .andExpect(jsonPath("$.detail").value("只有已办结的工单才能回访,此工单已派单。"));
        mvc.perform(as(Caller.AGENT, get("/api/cases/{no}/callback-attempts", open.caseNo())))
                .andExpect(jsonPath("$.attempts").isEmpty());
        Case done = completed();
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/callback-attempts", done.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("{\"version\":$v,\"outcome\":\"SOMETIMES\"}", done))))
                .andExpect(status().isBadRequest());
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/callback-attempts", done.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("{\"version\":$v,\"outcome\":\"POWERED_OFF\"}", done))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.attempts[0].outcome").value("POWERED_OFF"))
                .andExpect(jsonPath("$.exhausted").value(false));
        mvc.perform(as(Caller.AGENT, post("/api/cases/{no}/callback-attempts", done.caseNo())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("{\"version\":$v,\"outcome\":\"POWERED_OFF\"}", done))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("callback.refused.tooSoon"));
    }

    @Test
    void theRoutingRulesApplyToApiAndOnlineIntake() throws Exception {
        String estate = "路由花园" + UUID.randomUUID().toString().substring(0, 6);
        long rule = routing.add(1, RoutingRule.MatchKind.ADDRESS_CONTAINS, estate, "T2", null);
        mvc.perform(as(Caller.AGENT, post("/api/cases").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"HOTLINE","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
                         "address":"%s 3号楼","demand":"暖气不热","submittedAt":"%s"}"""
                        .formatted(estate, Instant.now().minusSeconds(60)))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("DISPATCHED"))
                .andExpect(jsonPath("$.unit").value("T2"));
        mvc.perform(as(Caller.AGENT, post("/api/cases/online").header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"GOV_HOTLINE","externalTicket":"12345-%s","category":"COMPLAINT","topic":"室温不达标",
                         "citizenPhone":"13812345678","address":"%s 5号楼","demand":"暖气不热"}"""
                        .formatted(UUID.randomUUID(), estate))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("SUBMITTED"))
                .andExpect(jsonPath("$.routedUnit").value("T2"));
        routing.disable(rule);
    }

    @Test
    void healthIsOpenWithItsDetailsForAdministratorsAndMetricsForAdministratorsOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(as(Caller.ADMIN, get("/actuator/health"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.diskSpace.status").value("UP"));
        mvc.perform(as(Caller.AGENT, get("/actuator/health")))
                .andExpect(jsonPath("$.components").doesNotExist());
        completed();
        mvc.perform(as(Caller.ADMIN, get("/actuator/prometheus"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("warmline_cases_open{colour=\"NONE\",state=\"COMPLETED\"}")))
                .andExpect(content().string(containsString("warmline_callbacks_waiting ")))
                .andExpect(content().string(containsString("warmline_cases_intake_total{channel=\"HOTLINE\"}")))
                .andExpect(content().string(not(containsString(PHONE))));
        mvc.perform(as(Caller.AGENT, get("/actuator/prometheus"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
    }
}
