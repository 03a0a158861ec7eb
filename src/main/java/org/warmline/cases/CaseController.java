package org.warmline.cases;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import org.warmline.cases.CaseViews.CaseView;
import org.warmline.cases.CaseViews.HistoryView;
import org.warmline.cases.CaseViews.PageView;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.scheme.Scheme;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.web.ApiInstants;
import org.warmline.web.ApiLocale;
import org.warmline.web.InvalidInput;
import org.warmline.web.OpenApiConfiguration;

/**
 * {@code /api/cases}: intake, list, detail, history and every transition of a case. Each request is checked against the
 * account's data scope first (a case outside it is 404, as if it did not exist), then against its role (403), then the
 * desk applies the transition with optimistic locking on the {@code version} the caller saw (409 when it changed or
 * when the transition is refused).
 */
@RestController
@RequestMapping(path = "/api/cases", produces = "application/json")
@Tag(name = "cases", description = "工单 / petition cases")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
@ApiResponse(responseCode = "400", description = "invalid request (problem detail with field errors)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "no or invalid token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "the account's role may not do this",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class CaseController {

    private static final String NOT_FOUND = "404";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int IDEMPOTENCY_KEY_MAX = 200;
    private static final String CONFLICT = "409";

    private final CaseDesk desk;
    private final CaseAccess access;
    private final CaseViews views;
    private final CurrentUser currentUser;
    private final org.warmline.organization.RoutingRules routing;
    private final ZoneId zone;

    CaseController(CaseDesk desk, CaseAccess access, CaseViews views, CurrentUser currentUser, Scheme scheme,
                   org.warmline.organization.RoutingRules routing) {
        this.routing = routing;
        this.desk = desk;
        this.access = access;
        this.views = views;
        this.currentUser = currentUser;
        this.zone = ZoneId.of(scheme.zone());
    }

    // ---------------------------------------------------------------------------------------------- intake

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Register a hotline or walk-in case (AGENT)",
            description = "Submitted at submittedAt (may be in the past), recorded and accepted now; dispatched at "
                    + "once when a unit is given, or else by the routing rules when one matches the address. "
                    + "repeatOf links it to the earlier case it repeats.")
    @ApiResponse(responseCode = "201", description = "registered; Location is the case")
    @ApiResponse(responseCode = CONFLICT, description = "refused (channel, submission time, unknown unit)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<CaseView> register(@Valid @RequestBody CaseRequests.Register body) {
        Account agent = currentUser.required();
        access.checkRegister(agent);
        String topic = topic(body.topic(), body.topicText());
        boolean dispatch = notBlank(body.unit()) || notBlank(body.handler());
        if (dispatch && !notBlank(body.unit())) {
            throw new TransitionRefused("case.refused.unit-required", "A responsible unit must be chosen.");
        }
        String unit = body.unit();
        String handler = body.handler();
        if (!dispatch) {
            // as the intake page proposes it: the routing rules decide the unit and steward when one matches
            var proposal = routing.propose(body.address(), null);
            if (proposal.isPresent()) {
                dispatch = true;
                unit = proposal.get().unitCode();
                handler = proposal.get().stewardCode();
            }
        }
        if (dispatch) {
            access.checkTarget(agent, unit, handler);
        }
        Instant now = Instant.now();
        Case c = desk.registerByAgent(new RegisterCommand(body.channel(), body.category(),
                Boolean.TRUE.equals(body.complex()), topic, body.citizenName(), body.citizenPhone(),
                body.address(), body.demand(), body.occurredAt(), body.submittedAt(), null), agent, now,
                body.repeatOf());
        if (dispatch) {
            c = desk.dispatch(c.id(), c.version(), agent, now, unit, handler);
        }
        return ResponseEntity.created(location(c)).eTag(etag(c)).body(views.submitted(c, agent, now));
    }

    @PostMapping(path = "/online", consumes = "application/json")
    @Operation(summary = "Submit an online case or a 12345 transfer (integrations, AGENT role)",
            description = "WECHAT, APP or GOV_HOTLINE (with externalTicket). The same Idempotency-Key (printable ASCII, "
                    + "scoped to the calling account) with the same body again returns the case made the first time "
                    + "(200) instead of a new one (201); with another body it is refused (422).")
    @ApiResponse(responseCode = "201", description = "created: the case as a CaseView, or with `Prefer: "
            + "return=minimal` only its number, version and state (CaseCreated; Location and ETag as always)",
            content = @Content(schema = @Schema(oneOf = {CaseView.class, CaseViews.CaseCreated.class})))
    @ApiResponse(responseCode = "200", description = "the key was seen before with this body: the case made then")
    @ApiResponse(responseCode = "422", description = "the key was used before with another body: nothing filed",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = CONFLICT, description = "refused (channel, missing 12345 ticket)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<?> online(
            @Parameter(description = "a key unique to this submission, e.g. the 12345 ticket or the WeChat message id", required = true,
                    schema = @Schema(minLength = 1, maxLength = IDEMPOTENCY_KEY_MAX))
            @RequestHeader("Idempotency-Key") String idempotencyKey,
            @Parameter(description = "`return=minimal` (RFC 7240): answer with the case's number, version and state "
                    + "only, for integrations that submit in bulk and do not need the whole case with its clocks")
            @RequestHeader(value = "Prefer", required = false) String prefer,
            @Valid @RequestBody CaseRequests.Online body) {
        // checked here rather than by constraint annotations: those switch on method validation for the whole call,
        // which costs the busiest endpoint of the API a measurable share of its time (docs/benchmarks.md)
        InvalidInput.checkKey(IDEMPOTENCY_KEY, idempotencyKey, IDEMPOTENCY_KEY_MAX);
        Account account = currentUser.required();
        access.checkRegister(account);
        String topic = topic(body.topic(), body.topicText());
        Instant now = Instant.now();
        CaseDesk.OnlineIntake intake = desk.submitOnline(new OnlineCommand(CaseDesk.scopedKey(account, idempotencyKey),
                body.channel(),
                body.externalTicket(), body.category(), Boolean.TRUE.equals(body.complex()), topic,
                body.citizenName(), body.citizenPhone(), body.address(), body.demand(), body.occurredAt(),
                body.submittedAt()), now);
        Case c = intake.caseFiled();
        ResponseEntity.BodyBuilder response = intake.created() ? ResponseEntity.created(location(c))
                : ResponseEntity.ok().location(location(c));
        response.eTag(etag(c));
        if (CaseViews.minimal(prefer)) {
            return response.header("Preference-Applied", "return=minimal").body(CaseViews.created(c));
        }
        return response.body(views.submitted(c, account, now));
    }

    // ---------------------------------------------------------------------------------------------- reading

    @GetMapping
    @Operation(summary = "List the cases in the caller's scope, nearest deadline first",
            description = "unit includes the unit's subtree; q is a part of the case number, name, address, demand, "
                    + "solution or notes; from/to bound the submission time (ISO-8601 instants, to exclusive).")
    PageView list(@RequestParam(required = false) Set<CaseState> state,
                  @RequestParam(required = false) @Size(max = 64) String unit,
                  @RequestParam(required = false) @Size(max = 64) String handler,
                  @RequestParam(required = false) @Size(max = 40) String phone,
                  @RequestParam(required = false) @Size(max = 100) String q,
                  @Parameter(schema = @Schema(type = "string", format = "date-time"))
                  @RequestParam(required = false) @Size(max = 40) String from,
                  @Parameter(schema = @Schema(type = "string", format = "date-time"))
                  @RequestParam(required = false) @Size(max = 40) String to,
                  @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                  @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Account account = currentUser.required();
        CaseQuery query = new CaseQuery(state, notBlank(unit) ? Set.of(unit.trim()) : Set.of(), handler, phone, q,
                ApiInstants.parameter("from", from, zone), ApiInstants.parameter("to", to, zone), size, page * size);
        return views.of(desk.search(access.scoped(account, query)), account, Instant.now());
    }

    @GetMapping("/{caseNo}")
    @Operation(summary = "A case with its running clocks; ETag is its version")
    @ApiResponse(responseCode = "200", description = "the case")
    @ApiResponse(responseCode = NOT_FOUND, description = "no such case in the caller's scope",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<CaseView> get(@PathVariable String caseNo) {
        Account account = currentUser.required();
        Case c = visible(account, caseNo);
        return ResponseEntity.ok().eTag(etag(c)).body(views.of(c, account, Instant.now()));
    }

    @GetMapping("/{caseNo}/history")
    @Operation(summary = "A case's history: who did what when, each field before and after",
            description = "note is a text as a person wrote it; text what the line says in the language of "
                    + "Accept-Language (Chinese by default), with its message textKey and textArgs.")
    @ApiResponse(responseCode = NOT_FOUND, description = "no such case in the caller's scope",
            content = @Content(mediaType = "application/problem+json"))
    List<HistoryView> history(@PathVariable String caseNo, HttpServletRequest request) {
        Account account = currentUser.required();
        Case c = visible(account, caseNo);
        return views.history(c, desk.history(c.id()), account, Instant.now(), ApiLocale.of(request));
    }

    // ---------------------------------------------------------------------------------------------- transitions

    @PostMapping(path = "/{caseNo}/accept", consumes = "application/json")
    @Operation(summary = "Accept an online case (AGENT)")
    ResponseEntity<CaseView> accept(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Version body) {
        return act(caseNo, Case.Action.ACCEPT, (a, c) -> desk.accept(c.id(), body.version(), a, Instant.now()));
    }

    @PostMapping(path = "/{caseNo}/answer", consumes = "application/json")
    @Operation(summary = "Answer a consultation on the spot (AGENT)")
    ResponseEntity<CaseView> answer(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Solution body) {
        return act(caseNo, Case.Action.ANSWER,
                (a, c) -> desk.answerOnTheSpot(c.id(), body.version(), a, Instant.now(), body.solution()));
    }

    @PostMapping(path = "/{caseNo}/dispatch", consumes = "application/json")
    @Operation(summary = "Dispatch to a unit and optionally a handler (AGENT; UNIT_MANAGER within the subtree)")
    ResponseEntity<CaseView> dispatch(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Dispatch body) {
        return act(caseNo, Case.Action.DISPATCH, (a, c) -> {
            access.checkTarget(a, body.unit(), body.handler());
            return desk.dispatch(c.id(), body.version(), a, Instant.now(), body.unit(), body.handler());
        });
    }

    @PostMapping(path = "/{caseNo}/reassign", consumes = "application/json")
    @Operation(summary = "Reassign to another unit or handler within the subtree (UNIT_MANAGER)")
    ResponseEntity<CaseView> reassign(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Dispatch body) {
        return act(caseNo, Case.Action.REASSIGN, (a, c) -> {
            access.checkTarget(a, body.unit(), body.handler());
            return desk.reassign(c.id(), body.version(), a, Instant.now(), body.unit(), body.handler());
        });
    }

    @PostMapping(path = "/{caseNo}/contact", consumes = "application/json")
    @Operation(summary = "Record contact with the citizen (HANDLER, UNIT_MANAGER)")
    ResponseEntity<CaseView> contact(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Version body) {
        return act(caseNo, Case.Action.CONTACT, (a, c) -> desk.contact(c.id(), body.version(), a, Instant.now()));
    }

    @PostMapping(path = "/{caseNo}/survey", consumes = "application/json")
    @Operation(summary = "Record the site survey (HANDLER, UNIT_MANAGER)")
    ResponseEntity<CaseView> survey(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Version body) {
        return act(caseNo, Case.Action.SURVEY, (a, c) -> desk.survey(c.id(), body.version(), a, Instant.now()));
    }

    @PostMapping(path = "/{caseNo}/solution", consumes = "application/json")
    @Operation(summary = "Record the solution (HANDLER, UNIT_MANAGER)")
    ResponseEntity<CaseView> solution(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Solution body) {
        return act(caseNo, Case.Action.SOLUTION,
                (a, c) -> desk.giveSolution(c.id(), body.version(), a, Instant.now(), body.solution()));
    }

    @PostMapping(path = "/{caseNo}/complete", consumes = "application/json")
    @Operation(summary = "Complete the case (HANDLER, UNIT_MANAGER)",
            description = "resolved is the handler's own view (kept and shown; the resolution is the citizen's, "
                    + "pending until confirmed); onSiteAccepted records a complex case's on-site acceptance at once.")
    ResponseEntity<CaseView> complete(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Complete body) {
        return act(caseNo, Case.Action.COMPLETE,
                (a, c) -> Boolean.TRUE.equals(body.onSiteAccepted())
                        ? desk.completeAccepted(c.id(), body.version(), a, Instant.now(), body.resolved())
                        : desk.complete(c.id(), body.version(), a, Instant.now(), body.resolved()));
    }

    @PostMapping(path = "/{caseNo}/acceptance", consumes = "application/json")
    @Operation(summary = "Record the citizen's on-site acceptance of a complex case's rectification "
            + "(HANDLER, UNIT_MANAGER)", description = "After completion; refused for a case that is not complex.")
    ResponseEntity<CaseView> acceptance(@PathVariable String caseNo,
                                        @Valid @RequestBody CaseRequests.Acceptance body) {
        return act(caseNo, Case.Action.CONFIRM,
                (a, c) -> desk.confirmOnSite(c.id(), body.version(), a, Instant.now(), body.accepted()));
    }

    @PostMapping(path = {"/{caseNo}/evaluate", "/{caseNo}/evaluation"}, consumes = "application/json")
    @Operation(summary = "Record the evaluation from a callback (PHONE, default) or the online survey (AGENT)",
            description = "Also at /evaluation. UNSATISFIED puts the case under review (24 h clock). resolved is the "
                    + "citizen's answer whether the problem was resolved (complex: whether they accept the "
                    + "rectification): it decides the case's resolution; refused for a consultation.")
    ResponseEntity<CaseView> evaluate(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Evaluate body) {
        EvaluationChannel channel = body.channel() == null ? EvaluationChannel.PHONE : body.channel();
        return act(caseNo, Case.Action.EVALUATE, (a, c) -> desk.evaluate(c.id(), body.version(), a, Instant.now(),
                body.level(), channel, body.comment(), body.resolved()));
    }

    @PostMapping(path = "/{caseNo}/review", consumes = "application/json")
    @Operation(summary = "Review a dissatisfied evaluation (AGENT)")
    ResponseEntity<CaseView> review(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Review body) {
        return act(caseNo, Case.Action.REVIEW,
                (a, c) -> desk.review(c.id(), body.version(), a, Instant.now(), body.finding()));
    }

    @PostMapping(path = "/{caseNo}/rehandle", consumes = "application/json")
    @Operation(summary = "Send a reviewed case back to handling (service problem) (AGENT)")
    ResponseEntity<CaseView> rehandle(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Version body) {
        return act(caseNo, Case.Action.REHANDLE, (a, c) -> desk.rehandle(c.id(), body.version(), a, Instant.now()));
    }

    @PostMapping(path = "/{caseNo}/explain", consumes = "application/json")
    @Operation(summary = "Record the explanation given (misunderstanding) (AGENT)")
    ResponseEntity<CaseView> explain(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Explanation body) {
        return act(caseNo, Case.Action.EXPLAIN,
                (a, c) -> desk.explain(c.id(), body.version(), a, Instant.now(), body.explanation()));
    }

    @PostMapping(path = "/{caseNo}/close", consumes = "application/json")
    @Operation(summary = "Close an evaluated case (AGENT)")
    ResponseEntity<CaseView> close(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Version body) {
        return act(caseNo, Case.Action.CLOSE, (a, c) -> desk.close(c.id(), body.version(), a, Instant.now()));
    }

    @PostMapping(path = "/{caseNo}/withdraw", consumes = "application/json")
    @Operation(summary = "Withdraw a case, with the reason (AGENT)")
    ResponseEntity<CaseView> withdraw(@PathVariable String caseNo, @Valid @RequestBody CaseRequests.Withdraw body) {
        return act(caseNo, Case.Action.WITHDRAW,
                (a, c) -> desk.withdraw(c.id(), body.version(), a, Instant.now(), body.reason()));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private interface Transition {
        Case apply(Account account, Case current);
    }

    /** Scope (404), role (403), then the transition (409 when refused or when the version is stale). */
    private ResponseEntity<CaseView> act(String caseNo, Case.Action action, Transition transition) {
        Account account = currentUser.required();
        Case current = visible(account, caseNo);
        access.check(account, current, action);
        Case changed = transition.apply(account, current);
        return ResponseEntity.ok().eTag(etag(changed)).body(views.of(changed, account, Instant.now()));
    }

    private Case visible(Account account, String caseNo) {
        return access.find(account, caseNo).orElseThrow(() -> new CaseNotFound(caseNo));
    }

    private static URI location(Case c) {
        return URI.create("/api/cases/" + UriUtils.encodePathSegment(c.caseNo(), StandardCharsets.UTF_8));
    }

    private static String etag(Case c) {
        return "\"" + c.version() + "\"";
    }

    /** The topic to keep ({@link TopicChoice}): a topic of the list, or OTHER with its text; a 400 otherwise. */
    private static String topic(String topic, String text) {
        TopicChoice.problem(topic, text).ifPresent(problem -> {
            throw InvalidInput.field(problem == TopicChoice.Problem.TEXT_WITHOUT_OTHER
                    || problem == TopicChoice.Problem.TEXT_INVALID ? "topicText" : "topic", problem.key());
        });
        return TopicChoice.kept(topic, text);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
