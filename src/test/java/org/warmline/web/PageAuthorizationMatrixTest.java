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
import org.warmline.cases.CaseAttachments;
import org.warmline.files.FileKind;
import org.warmline.files.TestFiles;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every page endpoint × every role × inside / outside the data scope, with the status the pages answer (docs/desk.md
 * "Roles and data scope"), the pages' counterpart of {@code ApiAuthorizationMatrixTest}. The cases are those of
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
            intake-save-foreign       403 403 200 403 403 403 403 302
            reveal-phone              403 403 302 302 404 302 404 302
            do-unknown-action         404 404 404 404 404 404 404 302
            do-accept                 403 403 302 404 404 404 404 302
            do-answer                 403 403 302 404 404 404 404 302
            do-dispatch               403 403 302 404 404 404 404 302
            do-dispatch-foreign       403 403 422 404 404 404 404 302
            do-dispatch-agent         403 403 422 404 404 404 404 302
            do-reassign               403 403 403 302 404 403 404 302
            do-reassign-subtree       403 403 403 302 404 403 404 302
            do-reassign-foreign       403 403 403 422 404 403 404 302
            do-reassign-agent         403 403 403 422 404 403 404 302
            do-reassign-nobody        403 403 403 422 404 403 404 302
            do-reassign-outside       403 403 403 403 404 403 404 302
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
            case-print                200 200 200 200 404 200 404 302
            case-note                 403 403 302 302 404 302 404 302
            case-contact              403 403 403 302 404 302 404 302
            case-correct              403 403 302 302 404 403 404 302
            case-attach               403 403 302 302 404 302 404 302
            case-file                 200 200 200 200 404 200 404 302
            case-file-preview         200 200 200 200 404 200 404 302
            case-file-unknown         404 404 404 404 404 404 404 302
            cases-export              200 200 200 200 200 200 200 302
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

    /**
     * Views derived from cases: whether each shows what comes of a case of T1 (Y: it does; -: answered, without a trace
     * of it: no case number, building or topic of it) or the status it answers instead. The dashboard's cluster alert
     * of three T1 households; the assessment's warnings naming a T1 case, live and published, on the page and in the
     * result workbook (its summary sheet).
     * view | ADMIN ASSESSOR AGENT MANAGER_IN MANAGER_OUT HANDLER_IN HANDLER_OUT NONE
     */
    private static final String DERIVED = """
            dashboard-clusters        Y   Y   Y   Y   -   Y   -   302
            assessment-live           Y   Y   403 Y   -   403 403 302
            assessment-frozen         Y   Y   403 Y   -   403 403 302
            result-xlsx-live          Y   Y   403 Y   -   403 403 302
            result-xlsx-frozen        Y   Y   403 Y   -   403 403 302
            """;

    @Autowired
    AccountStore accounts;
    @Autowired
    CaseAttachments attachments;

    /** One dispatched case per endpoint for the rows that change nothing of it (so the table makes few cases). */
    private static final java.util.Map<String, Case> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicReference<String[]> PHOTO =
            new java.util.concurrent.atomic.AtomicReference<>();

    private Case shared(String endpoint) {
        return SHARED.computeIfAbsent(endpoint, e -> dispatched());
    }

    /** A dispatched case with a photo: its number and the photo's id. */
    private String[] withPhoto() {
        if (PHOTO.get() != null) {
            return PHOTO.get();
        }
        Case c = shared("photo");
        try (CaseAttachments.Prepared p = attachments.prepare(new java.io.ByteArrayInputStream(
                TestFiles.jpeg(64, 48)), "温度计.jpg", FileKind.ALL)) {
            PHOTO.set(new String[] {c.caseNo(), Long.toString(attachments.add(c.id(), p, "S01", false,
                    Instant.now()).id())});
            return PHOTO.get();
        } catch (org.warmline.files.FileRefused e) {
            throw new AssertionError(e);
        }
    }

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

    static Stream<Arguments> derived() {
        List<Arguments> cells = new ArrayList<>();
        for (String line : DERIVED.strip().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            for (int i = 0; i < Caller.values().length; i++) {
                cells.add(Arguments.of(cols[0], Caller.values()[i], cols[i + 1]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("derived")
    void eachDerivedViewShowsOnlyWhatTheViewerCouldOpen(String view, Caller caller, String expected) throws Exception {
        List<String> traces;
        MockHttpServletRequestBuilder request;
        switch (view) {
            case "dashboard-clusters" -> {
                traces = clusterInT1();
                request = get("/dashboard");
            }
            case "assessment-live", "assessment-frozen" -> {
                String month = view.endsWith("live") ? LIVE_MONTH : FROZEN_MONTH;
                traces = List.of(inconsistentCase(month));
                request = get("/assessments").param("period", month);
            }
            default -> {
                String month = view.endsWith("live") ? LIVE_MONTH : FROZEN_MONTH;
                traces = List.of(inconsistentCase(month));
                request = get("/assessments/{p}/result.xlsx", month);
            }
        }
        if (caller != Caller.NONE) {
            request.with(user(account(caller).username()).roles(account(caller).role().name()));
        }
        var response = mvc.perform(request).andReturn().getResponse();
        if (!expected.equals("Y") && !expected.equals("-")) {
            assertThat(response.getStatus()).isEqualTo(Integer.parseInt(expected));
            return;
        }
        assertThat(response.getStatus()).isEqualTo(200);
        String shown = view.startsWith("result-xlsx") ? workbookText(response.getContentAsByteArray())
                : response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        if (expected.equals("Y")) {
            assertThat(shown).contains(traces);
        } else {
            assertThat(traces).noneSatisfy(trace -> assertThat(shown).contains(trace));
        }
    }

    /** Every text of a workbook's summary sheet (its first), and of every other sheet after it. */
    private static String workbookText(byte[] xlsx) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            for (var sheet : book) {
                for (var row : sheet) {
                    for (var cell : row) {
                        text.append(cell.toString()).append('\n');
                    }
                }
            }
        }
        return text.toString();
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

    /** A post of the case page's work forms ({@code notes}, {@code contacts}, {@code correct}) with the version. */
    private static MockHttpServletRequestBuilder work(Case c, String path, String... params) {
        MockHttpServletRequestBuilder request = post("/cases/{no}/" + path, c.caseNo())
                .param("version", Integer.toString(c.version()));
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
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
            // a handler of the other branch: the form comes back with the reason, nothing is saved
            Map.entry("intake-save-foreign", t -> post("/cases/new").param("channel", "WALK_IN")
                    .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenName", "王女士")
                    .param("citizenPhone", PHONE).param("address", "幸福小区3号楼").param("demand", "暖气不热")
                    .param("submittedAt", INPUT.format(Instant.now().minus(1, ChronoUnit.HOURS)))
                    .param("unit", "T1").param("handler", "S03")),
            Map.entry("reveal-phone", t -> post("/cases/{no}/reveal-phone", t.dispatched().caseNo())),
            Map.entry("do-unknown-action", t -> act(t.dispatched(), "delete")),
            Map.entry("do-accept", t -> act(t.submittedOnline(Category.COMPLAINT), "accept")),
            Map.entry("do-answer", t -> act(t.submittedOnline(Category.CONSULTATION), "answer",
                    "text", "停暖时间为3月15日")),
            Map.entry("do-dispatch", t -> act(t.submittedOnline(Category.COMPLAINT), "dispatch", "unit", "T1",
                    "handler", "S01")),
            Map.entry("do-dispatch-foreign", t -> act(t.submittedOnline(Category.COMPLAINT), "dispatch", "unit", "T1",
                    "handler", "S03")),
            Map.entry("do-dispatch-agent", t -> act(t.submittedOnline(Category.COMPLAINT), "dispatch", "unit", "HQ",
                    "handler", "A01")),
            Map.entry("do-reassign", t -> act(t.dispatched(), "reassign", "unit", "T2")),
            Map.entry("do-reassign-subtree", t -> act(t.dispatched(), "reassign", "unit", "B1", "handler", "S01")),
            Map.entry("do-reassign-foreign", t -> act(t.dispatched(), "reassign", "unit", "T2", "handler", "S03")),
            Map.entry("do-reassign-agent", t -> act(t.dispatched(), "reassign", "unit", "T2", "handler", "A01")),
            Map.entry("do-reassign-nobody", t -> act(t.dispatched(), "reassign", "unit", "T2", "handler", "NOBODY")),
            Map.entry("do-reassign-outside", t -> act(t.dispatched(), "reassign", "unit", "T3", "handler", "S03")),
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
            Map.entry("case-print", t -> get("/cases/{no}/print", t.shared("print").caseNo())),
            Map.entry("case-note", t -> post("/cases/{no}/notes", t.shared("note").caseNo()).param("text", "晚上再联系")),
            Map.entry("case-contact", t -> work(t.shared("contact"), "contacts", "outcome", "NO_ANSWER")),
            Map.entry("case-correct", t -> work(t.dispatched(), "correct", "category", "SUGGESTION",
                    "reason", "类别选错")),
            Map.entry("case-attach", t -> post("/cases/{no}/attachments", t.shared("attach").caseNo())
                    .with(filePart("files", "现场.jpg", "image/jpeg", TestFiles.jpeg(32, 24)))),
            Map.entry("case-file", t -> {
                String[] photo = t.withPhoto();
                return get("/cases/{no}/attachments/{id}", photo[0], photo[1]);
            }),
            Map.entry("case-file-preview", t -> {
                String[] photo = t.withPhoto();
                return get("/cases/{no}/attachments/{id}/preview", photo[0], photo[1]);
            }),
            Map.entry("case-file-unknown", t -> {
                String[] photo = t.withPhoto();
                return get("/cases/{no}/attachments/{id}", t.shared("other").caseNo(), photo[1]);
            }),
            Map.entry("cases-export", t -> get("/cases/export.xlsx").param("text", "幸福小区")),
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
