package org.warmline.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAttachments;
import org.warmline.files.FileKind;
import org.warmline.files.TestFiles;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every endpoint × every caller, with the expected status: the API has the pages' permissions (docs/desk.md). Each
 * cell makes a fresh case in the state the action needs, dispatched to T1 / S01 — so "in" is B1's manager and S01,
 * "out" is B2's manager and S03 — except the actions on a case not yet dispatched (accept, answer, dispatch), which no
 * manager or handler can see. Out of scope is 404, never 403; a role that may not act on a case it sees is 403; no
 * token is 401. Every status other than 200/201 comes as application/problem+json.
 */
class ApiAuthorizationMatrixTest extends ApiFixture {

    /** endpoint | ADMIN ASSESSOR AGENT MANAGER_IN MANAGER_OUT HANDLER_IN HANDLER_OUT NONE */
    private static final String TABLE = """
            list              200 200 200 200 200 200 200 401
            get               200 200 200 200 404 200 404 401
            history           200 200 200 200 404 200 404 401
            get-unknown       404 404 404 404 404 404 404 401
            register          403 403 201 403 403 403 403 401
            online            403 403 201 403 403 403 403 401
            register-foreign  403 403 409 403 403 403 403 401
            accept            403 403 200 404 404 404 404 401
            answer            403 403 200 404 404 404 404 401
            dispatch          403 403 200 404 404 404 404 401
            dispatch-foreign  403 403 409 404 404 404 404 401
            dispatch-agent    403 403 409 404 404 404 404 401
            reassign          403 403 403 200 404 403 404 401
            reassign-subtree  403 403 403 200 404 403 404 401
            reassign-foreign  403 403 403 409 404 403 404 401
            reassign-agent    403 403 403 409 404 403 404 401
            reassign-nobody   403 403 403 409 404 403 404 401
            reassign-outside  403 403 403 403 404 403 404 401
            contact           403 403 403 200 404 200 404 401
            survey            403 403 403 200 404 200 404 401
            solution          403 403 403 200 404 200 404 401
            complete          403 403 403 200 404 200 404 401
            evaluate          403 403 200 403 404 403 404 401
            review            403 403 200 403 404 403 404 401
            rehandle          403 403 200 403 404 403 404 401
            explain           403 403 200 403 404 403 404 401
            close             403 403 200 403 404 403 404 401
            withdraw          403 403 200 403 404 403 404 401
            acceptance        403 403 403 200 404 200 404 401
            attempt           403 403 201 403 404 403 404 401
            attempts          200 200 200 200 404 200 404 401
            notifications     200 200 200 200 200 200 200 401
            notification-read 404 404 404 404 404 404 404 401
            notifications-read 204 204 204 204 204 204 204 401
            health            200 200 200 200 200 200 200 200
            prometheus        200 403 403 403 403 403 403 401
            files             200 200 200 200 404 200 404 401
            file-add          403 403 201 201 404 201 404 401
            file              200 200 200 200 404 200 404 401
            file-preview      200 200 200 200 404 200 404 401
            file-other-case   404 404 404 404 404 404 404 401
            notes             200 200 200 200 404 200 404 401
            note-add          403 403 201 201 404 201 404 401
            contacts          200 200 200 200 404 200 404 401
            contact-add       403 403 403 200 404 200 404 401
            correct           403 403 200 200 404 403 404 401
            """;

    /**
     * The assessment's warnings naming a case of T1, live and published: shown (Y) or answered without a trace of the
     * case (-), or the status answered instead.
     * view | ADMIN ASSESSOR AGENT MANAGER_IN MANAGER_OUT HANDLER_IN HANDLER_OUT NONE
     */
    private static final String DERIVED = """
            assessment-live           Y   Y   403 Y   -   403 403 401
            assessment-published      Y   Y   403 Y   -   403 403 401
            """;

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
    void theAssessmentsWarningsShowOnlyWhatTheCallerCouldOpen(String view, Caller caller, String expected)
            throws Exception {
        boolean live = view.endsWith("live");
        String caseNo = inconsistentCase(live ? LIVE_MONTH : FROZEN_MONTH);
        MockHttpServletRequestBuilder request = live ? get("/api/assessments/{p}", LIVE_MONTH)
                : get("/api/assessments/{p}/published", FROZEN_MONTH);
        var response = mvc.perform(as(caller, request)).andReturn().getResponse();
        if (!expected.equals("Y") && !expected.equals("-")) {
            org.assertj.core.api.Assertions.assertThat(response.getStatus()).isEqualTo(Integer.parseInt(expected));
            return;
        }
        org.assertj.core.api.Assertions.assertThat(response.getStatus()).isEqualTo(200);
        String json = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        List<String> warnings = com.jayway.jsonpath.JsonPath.read(json, "$.warnings");
        if (expected.equals("Y")) {
            org.assertj.core.api.Assertions.assertThat(warnings).anySatisfy(w ->
                    org.assertj.core.api.Assertions.assertThat(w).contains(caseNo));
        } else {
            org.assertj.core.api.Assertions.assertThat(json).doesNotContain(caseNo);
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

    private static MockHttpServletRequestBuilder action(Case c, String action, String body) {
        return post("/api/cases/{no}/{action}", c.caseNo(), action).contentType(MediaType.APPLICATION_JSON)
                .content(body.replace("$v", Integer.toString(c.version())));
    }

    private final Map<String, Function<ApiAuthorizationMatrixTest, MockHttpServletRequestBuilder>> endpoints = Map
            .ofEntries(
            Map.entry("list", t -> get("/api/cases")),
            Map.entry("get", t -> get("/api/cases/{no}", t.dispatched().caseNo())),
            Map.entry("history", t -> get("/api/cases/{no}/history", t.dispatched().caseNo())),
            Map.entry("get-unknown", t -> get("/api/cases/{no}", "NO-SUCH-CASE")),
            Map.entry("register", t -> post("/api/cases").contentType(MediaType.APPLICATION_JSON).content("""
                    {"channel":"HOTLINE","category":"COMPLAINT","topic":"室温不达标","citizenName":"王女士",
                     "citizenPhone":"13812345678","address":"幸福小区","demand":"卧室室温16度",
                     "submittedAt":"%s"}""".formatted(Instant.now().minusSeconds(600)))),
            Map.entry("register-foreign", t -> post("/api/cases").contentType(MediaType.APPLICATION_JSON).content("""
                    {"channel":"HOTLINE","category":"COMPLAINT","topic":"室温不达标","citizenName":"王女士",
                     "citizenPhone":"13812345678","address":"幸福小区","demand":"卧室室温16度",
                     "submittedAt":"%s","unit":"T1","handler":"S03"}""".formatted(Instant.now().minusSeconds(600)))),
            Map.entry("online", t -> post("/api/cases/online").header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(MediaType.APPLICATION_JSON).content("""
                    {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
                     "demand":"暖气不热"}""")),
            Map.entry("accept", t -> action(t.submittedOnline(Category.COMPLAINT), "accept", "{\"version\":$v}")),
            Map.entry("answer", t -> action(t.submittedOnline(Category.CONSULTATION), "answer",
                    "{\"version\":$v,\"solution\":\"停暖时间为3月15日\"}")),
            Map.entry("dispatch", t -> action(t.submittedOnline(Category.COMPLAINT), "dispatch",
                    "{\"version\":$v,\"unit\":\"T1\",\"handler\":\"S01\"}")),
            Map.entry("dispatch-foreign", t -> action(t.submittedOnline(Category.COMPLAINT), "dispatch",
                    "{\"version\":$v,\"unit\":\"T1\",\"handler\":\"S03\"}")),
            Map.entry("dispatch-agent", t -> action(t.submittedOnline(Category.COMPLAINT), "dispatch",
                    "{\"version\":$v,\"unit\":\"HQ\",\"handler\":\"A01\"}")),
            Map.entry("reassign", t -> action(t.dispatched(), "reassign", "{\"version\":$v,\"unit\":\"T2\"}")),
            // the handler named must be a steward of the unit or a unit below it: S01 of T1 under B1 may take B1's
            // cases; S03 (the other branch), A01 (an agent) and an unknown code may not; T3 is outside B1's subtree
            Map.entry("reassign-subtree", t -> action(t.dispatched(), "reassign",
                    "{\"version\":$v,\"unit\":\"B1\",\"handler\":\"S01\"}")),
            Map.entry("reassign-foreign", t -> action(t.dispatched(), "reassign",
                    "{\"version\":$v,\"unit\":\"T2\",\"handler\":\"S03\"}")),
            Map.entry("reassign-agent", t -> action(t.dispatched(), "reassign",
                    "{\"version\":$v,\"unit\":\"T2\",\"handler\":\"A01\"}")),
            Map.entry("reassign-nobody", t -> action(t.dispatched(), "reassign",
                    "{\"version\":$v,\"unit\":\"T2\",\"handler\":\"NOBODY\"}")),
            Map.entry("reassign-outside", t -> action(t.dispatched(), "reassign",
                    "{\"version\":$v,\"unit\":\"T3\",\"handler\":\"S03\"}")),
            Map.entry("contact", t -> action(t.dispatched(), "contact", "{\"version\":$v}")),
            Map.entry("survey", t -> action(t.inProgress(), "survey", "{\"version\":$v}")),
            Map.entry("solution", t -> action(t.inProgress(), "solution", "{\"version\":$v,\"solution\":\"更换阀门\"}")),
            Map.entry("complete", t -> action(t.solutionGiven(), "complete", "{\"version\":$v,\"resolved\":true}")),
            Map.entry("evaluate", t -> action(t.completed(), "evaluate", "{\"version\":$v,\"level\":\"SATISFIED\"}")),
            Map.entry("review", t -> action(t.evaluated(EvaluationLevel.UNSATISFIED), "review",
                    "{\"version\":$v,\"finding\":\"SERVICE_PROBLEM\"}")),
            Map.entry("rehandle", t -> action(t.reviewed(ReviewFinding.SERVICE_PROBLEM), "rehandle",
                    "{\"version\":$v}")),
            Map.entry("explain", t -> action(t.reviewed(ReviewFinding.MISUNDERSTANDING), "explain",
                    "{\"version\":$v,\"explanation\":\"室温测量位置有误，已当面说明\"}")),
            Map.entry("close", t -> action(t.evaluated(EvaluationLevel.SATISFIED), "close", "{\"version\":$v}")),
            Map.entry("withdraw", t -> action(t.dispatched(), "withdraw", "{\"version\":$v,\"reason\":\"重复登记\"}")),
            Map.entry("acceptance", t -> action(t.completedComplex(), "acceptance",
                    "{\"version\":$v,\"accepted\":true}")),
            Map.entry("attempt", t -> action(t.completed(), "callback-attempts",
                    "{\"version\":$v,\"outcome\":\"NO_ANSWER\"}")),
            Map.entry("attempts", t -> get("/api/cases/{no}/callback-attempts", t.completed().caseNo())),
            Map.entry("notifications", t -> get("/api/notifications")),
            Map.entry("notification-read", t -> post("/api/notifications/{id}/read", Long.MAX_VALUE)),
            Map.entry("notifications-read", t -> post("/api/notifications/read")),
            Map.entry("health", t -> get("/actuator/health")),
            Map.entry("prometheus", t -> get("/actuator/prometheus")),
            Map.entry("files", t -> get("/api/cases/{no}/attachments", t.shared("files").caseNo())),
            Map.entry("file-add", t -> post("/api/cases/{no}/attachments", t.shared("file-add").caseNo())
                    .with(filePart("file", "现场.jpg", "image/jpeg", TestFiles.jpeg(32, 24)))),
            Map.entry("file", t -> get("/api/cases/{no}/attachments/{id}", t.withPhoto()[0], t.withPhoto[1])),
            Map.entry("file-preview", t -> get("/api/cases/{no}/attachments/{id}/preview", t.withPhoto()[0],
                    t.withPhoto[1])),
            Map.entry("file-other-case", t -> get("/api/cases/{no}/attachments/{id}", t.shared("other").caseNo(),
                    t.withPhoto()[1])),
            Map.entry("notes", t -> get("/api/cases/{no}/notes", t.shared("notes").caseNo())),
            Map.entry("note-add", t -> post("/api/cases/{no}/notes", t.shared("note-add").caseNo())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"用户晚上7点后在家\"}")),
            Map.entry("contacts", t -> get("/api/cases/{no}/contacts", t.shared("contacts").caseNo())),
            Map.entry("contact-add", t -> action(t.shared("contact-add"), "contacts",
                    "{\"version\":$v,\"outcome\":\"NO_ANSWER\"}")),
            Map.entry("correct", t -> action(t.dispatched(), "correct",
                    "{\"version\":$v,\"reason\":\"类别选错\",\"category\":\"SUGGESTION\"}")));

    @org.springframework.beans.factory.annotation.Autowired
    CaseAttachments attachments;
    /** The last {@link #withPhoto()}: case number and file id. */
    private String[] withPhoto;

    private void withPhotoResult(String[] photo) {
        withPhoto = photo;
    }

    /** One dispatched case per endpoint for the rows that change nothing of it (so the table makes few cases). */
    private static final java.util.Map<String, Case> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicReference<String[]> PHOTO =
            new java.util.concurrent.atomic.AtomicReference<>();

    private Case shared(String endpoint) {
        return SHARED.computeIfAbsent(endpoint, e -> dispatched());
    }

    /** A dispatched case with a photo: its number and the photo's id (kept in {@link #withPhoto} too). */
    private String[] withPhoto() {
        if (PHOTO.get() != null) {
            withPhotoResult(PHOTO.get());
            return PHOTO.get();
        }
        Case c = shared("photo");
        try (CaseAttachments.Prepared p = attachments.prepare(new java.io.ByteArrayInputStream(
                TestFiles.jpeg(64, 48)), "温度计.jpg", FileKind.ALL)) {
            withPhoto = new String[] {c.caseNo(), Long.toString(attachments.add(c.id(), p, "S01", false,
                    Instant.now()).id())};
            PHOTO.set(withPhoto);
            return withPhoto;
        } catch (org.warmline.files.FileRefused e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void eachEndpointAnswersEachCallerAsThePagesWould(String endpoint, Caller caller, int expected) throws Exception {
        MockHttpServletRequestBuilder request = endpoints.get(endpoint).apply(this);
        var result = mvc.perform(as(caller, request)).andExpect(status().is(expected));
        if (expected >= 400) {
            result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }
}
