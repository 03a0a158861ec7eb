package org.warmline.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmline.api.ApiFixture;
import org.warmline.cases.Case;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every page endpoint × every role × inside / outside the data scope, with the status the pages answer (spec/workflow.md
 * "People and what they may do"), the pages' counterpart of {@code ApiAuthorizationMatrixTest}. The cases are those of
 * the API's fixture: a fresh case per cell in the state the action needs, dispatched to T1 / S01, so "in" is B1's
 * manager and S01, "out" is B2's manager and S03; a case not yet dispatched (accept, answer, dispatch) is in no manager's
 * or handler's scope. Out of scope is 404, never 403; a role that may not do it is 403; a done action redirects (302);
 * nobody signed in is sent to the login page (302 to /login), for GET and POST alike. The administration pages are for
 * administrators only.
 */
class PageAuthorizationMatrixTest extends ApiFixture {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** endpoint | ADMIN ASSESSOR AGENT MANAGER_IN MANAGER_OUT HANDLER_IN HANDLER_OUT NONE */
    private static final String TABLE = """
            cases                     200 200 200 200 200 200 200 302
            case                      200 200 200 200 404 200 404 302
            case-unknown              404 404 404 404 404 404 404 302
            intake-form               403 403 200 403 403 403 403 302
            intake-caller             403 403 200 403 403 403 403 302
            intake-routing            403 403 200 403 403 403 403 302
            intake-save               403 403 302 403 403 403 403 302
            reveal-phone              403 403 302 302 404 302 404 302
            do-unknown-action         404 404 404 404 404 404 404 302
            do-accept                 403 403 302 404 404 404 404 302
            do-answer                 403 403 302 404 404 404 404 302
            do-dispatch               403 403 302 404 404 404 404 302
            do-reassign               403 403 403 302 404 403 404 302
            do-contact                403 403 403 302 404 302 404 302
            do-survey                 403 403 403 302 404 302 404 302
            do-solution               403 403 403 302 404 302 404 302
            do-complete               403 403 403 302 404 302 404 302
            do-evaluate               403 403 302 403 404 403 404 302
            do-review                 403 403 302 403 404 403 404 302
            do-rehandle               403 403 302 403 404 403 404 302
            do-explain                403 403 302 403 404 403 404 302
            do-close                  403 403 302 403 404 403 404 302
            do-withdraw               403 403 302 403 404 403 404 302
            do-confirm                403 403 403 302 404 302 404 302
            callback-attempt          403 403 302 403 404 403 404 302
            notifications             200 200 200 200 200 200 200 302
            notification-open-unknown 404 404 404 404 404 404 404 302
            notification-read-unknown 404 404 404 404 404 404 404 302
            notifications-read-all    302 302 302 302 302 302 302 302
            notifications-contact     302 302 302 302 302 302 302 302
            my-work                   200 200 200 200 200 200 200 302
            dashboard                 200 200 200 200 200 200 200 302
            clusters-link             403 403 302 403 403 403 403 302
            admin-units               200 403 403 403 403 403 403 302
            admin-units-save          200 403 403 403 403 403 403 302
            admin-staff               200 403 403 403 403 403 403 302
            admin-staff-save          200 403 403 403 403 403 403 302
            admin-routing             200 403 403 403 403 403 403 302
            admin-routing-save        200 403 403 403 403 403 403 302
            admin-routing-propose     200 403 403 403 403 403 403 302
            admin-import              200 403 403 403 403 403 403 302
            admin-accounts            200 403 403 403 403 403 403 302
            admin-accounts-create     200 403 403 403 403 403 403 302
            admin-accounts-edit       302 403 403 403 403 403 403 302
            admin-accounts-password   302 403 403 403 403 403 403 302
            admin-accounts-enabled    302 403 403 403 403 403 403 302
            admin-accounts-token      302 403 403 403 403 403 403 302
            admin-accounts-revoke     302 403 403 403 403 403 403 302
            what-if                   200 200 403 403 403 403 403 302
            what-if-xlsx              200 200 403 403 403 403 403 302
            admin-webhooks            200 403 403 403 403 403 403 302
            admin-webhooks-save       200 403 403 403 403 403 403 302
            admin-webhook-unknown     404 403 403 403 403 403 403 302
            admin-webhook-pause       404 403 403 403 403 403 403 302
            admin-webhook-redeliver   404 403 403 403 403 403 403 302
            """;

    @Autowired
    AccountStore accounts;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            Caller[] callers = Caller.values();
            if (cols.length != callers.length + 1) {
                throw new IllegalStateException("bad row: " + line);
            }
            for (int i = 0; i < callers.length; i++) {
                cells.add(Arguments.of(cols[0], callers[i], Integer.parseInt(cols[i + 1])));
            }
        }
        return cells.stream();
    }

    private static MockHttpServletRequestBuilder act(Case c, String action, String... params) {
        MockHttpServletRequestBuilder request = post("/cases/{no}/do/{action}", c.caseNo(), action)
                .param("version", Integer.toString(c.version()));
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }

    private static MockHttpServletRequestBuilder attempt(Case c) {
        return post("/callbacks/{no}/attempt", c.caseNo()).param("version", Integer.toString(c.version()))
                .param("outcome", "NO_ANSWER");
    }

    /** A throwaway account for the account actions (never one of the fixture's). */
    private String throwaway() {
        String username = "tmp-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "secret password", Role.AGENT, null, null);
        return username;
    }

    private final Map<String, Function<PageAuthorizationMatrixTest, MockHttpServletRequestBuilder>> endpoints = Map
            .ofEntries(
            Map.entry("cases", t -> get("/cases")),
            Map.entry("case", t -> get("/cases/{no}", t.dispatched().caseNo())),
            Map.entry("case-unknown", t -> get("/cases/{no}", "NO-SUCH-CASE")),
            Map.entry("intake-form", t -> get("/cases/new")),
            Map.entry("intake-caller", t -> get("/cases/new/caller").param("citizenPhone", PHONE)
                    .param("topic", "TEMPERATURE")),
            Map.entry("intake-routing", t -> get("/cases/new/routing").param("address", "幸福小区")),
            Map.entry("intake-save", t -> post("/cases/new").param("channel", "WALK_IN")
                    .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenName", "王女士")
                    .param("citizenPhone", PHONE).param("address", "幸福小区3号楼").param("demand", "暖气不热")
                    .param("submittedAt", INPUT.format(Instant.now().minus(1, ChronoUnit.HOURS)))),
            Map.entry("reveal-phone", t -> post("/cases/{no}/reveal-phone", t.dispatched().caseNo())),
            Map.entry("do-unknown-action", t -> act(t.dispatched(), "delete")),
            Map.entry("do-accept", t -> act(t.submittedOnline(Category.COMPLAINT), "accept")),
            Map.entry("do-answer", t -> act(t.submittedOnline(Category.CONSULTATION), "answer",
                    "text", "停暖时间为3月15日")),
            Map.entry("do-dispatch", t -> act(t.submittedOnline(Category.COMPLAINT), "dispatch", "unit", "T1",
                    "handler", "S01")),
            Map.entry("do-reassign", t -> act(t.dispatched(), "reassign", "unit", "T2")),
            Map.entry("do-contact", t -> act(t.dispatched(), "contact")),
            Map.entry("do-survey", t -> act(t.inProgress(), "survey")),
            Map.entry("do-solution", t -> act(t.inProgress(), "solution", "text", "更换阀门")),
            Map.entry("do-complete", t -> act(t.solutionGiven(), "complete", "resolved", "true")),
            Map.entry("do-evaluate", t -> act(t.completed(), "evaluate", "level", "SATISFIED")),
            Map.entry("do-review", t -> act(t.evaluated(EvaluationLevel.UNSATISFIED), "review",
                    "finding", "SERVICE_PROBLEM")),
            Map.entry("do-rehandle", t -> act(t.reviewed(ReviewFinding.SERVICE_PROBLEM), "rehandle")),
            Map.entry("do-explain", t -> act(t.reviewed(ReviewFinding.MISUNDERSTANDING), "explain", "text", "误解已解释")),
            Map.entry("do-close", t -> act(t.evaluated(EvaluationLevel.SATISFIED), "close")),
            Map.entry("do-withdraw", t -> act(t.dispatched(), "withdraw", "text", "重复登记")),
            Map.entry("do-confirm", t -> act(t.completedComplex(), "confirm", "accepted", "true")),
            Map.entry("callback-attempt", t -> attempt(t.completed())),
            Map.entry("notifications", t -> get("/notifications")),
            Map.entry("notification-open-unknown", t -> get("/notifications/{id}/open", Long.MAX_VALUE)),
            Map.entry("notification-read-unknown", t -> post("/notifications/{id}/read", Long.MAX_VALUE)),
            Map.entry("notifications-read-all", t -> post("/notifications/read-all")),
            Map.entry("notifications-contact", t -> post("/notifications/contact").param("email", "a@example.com")
                    .param("mobile", "13900001111")),
            Map.entry("my-work", t -> get("/my-work")),
            Map.entry("dashboard", t -> get("/dashboard")),
            Map.entry("clusters-link", t -> post("/clusters/link").param("cases", t.dispatched().caseNo())
                    .param("cases", t.dispatched().caseNo())),
            Map.entry("admin-units", t -> get("/admin/units")),
            Map.entry("admin-units-save", t -> post("/admin/units")),
            Map.entry("admin-staff", t -> get("/admin/staff")),
            Map.entry("admin-staff-save", t -> post("/admin/staff")),
            Map.entry("admin-routing", t -> get("/admin/routing")),
            Map.entry("admin-routing-save", t -> post("/admin/routing")),
            Map.entry("admin-routing-propose", t -> get("/admin/routing/propose").param("address", "幸福小区")),
            Map.entry("admin-import", t -> get("/admin/import")),
            Map.entry("admin-accounts", t -> get("/admin/accounts")),
            Map.entry("admin-accounts-create", t -> post("/admin/accounts")),
            Map.entry("admin-accounts-edit", t -> post("/admin/accounts/edit").param("username", t.throwaway())
                    .param("role", "ASSESSOR").param("enabled", "true")),
            Map.entry("admin-accounts-password", t -> post("/admin/accounts/password")
                    .param("username", t.throwaway())),
            Map.entry("admin-accounts-enabled", t -> post("/admin/accounts/enabled")
                    .param("username", t.throwaway()).param("enabled", "false")),
            Map.entry("admin-accounts-token", t -> post("/admin/accounts/token").param("username", t.throwaway())),
            Map.entry("admin-accounts-revoke", t -> post("/admin/accounts/token/revoke")
                    .param("username", t.throwaway())),
            Map.entry("what-if", t -> get("/assessments/what-if").param("version", "default")
                    .param("period", "2026-01")),
            Map.entry("what-if-xlsx", t -> get("/assessments/what-if.xlsx").param("version", "default")
                    .param("period", "2026-01")),
            Map.entry("admin-webhooks", t -> get("/admin/webhooks")),
            Map.entry("admin-webhooks-save", t -> post("/admin/webhooks")),
            Map.entry("admin-webhook-unknown", t -> get("/admin/webhooks/{id}", Long.MAX_VALUE)),
            Map.entry("admin-webhook-pause", t -> post("/admin/webhooks/{id}/enabled", Long.MAX_VALUE)
                    .param("enabled", "false")),
            Map.entry("admin-webhook-redeliver", t -> post("/admin/webhooks/deliveries/{id}/redeliver",
                    Long.MAX_VALUE)));

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void eachPageAnswersEachRoleInAndOutOfScopeAsTheSpecSays(String endpoint, Caller caller, int expected)
            throws Exception {
        MockHttpServletRequestBuilder request = endpoints.get(endpoint).apply(this).with(csrf());
        if (caller != Caller.NONE) {
            request.with(user(account(caller).username()).roles(account(caller).role().name()));
        }
        var result = mvc.perform(request).andExpect(status().is(expected));
        if (caller == Caller.NONE) {
            result.andExpect(redirectedUrl("/login"));
        }
    }
}
