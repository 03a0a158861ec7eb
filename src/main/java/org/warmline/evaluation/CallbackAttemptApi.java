package org.warmline.evaluation;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseNotFound;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.web.OpenApiConfiguration;

/**
 * {@code /api/cases/{caseNo}/callback-attempts}: the callbacks of a completed case that did not reach the citizen, with
 * the case API's permissions (out of the caller's scope 404, a role that may not evaluate 403).
 */
@RestController
@RequestMapping(path = "/api/cases/{caseNo}/callback-attempts", produces = "application/json")
@Tag(name = "cases")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
@ApiResponse(responseCode = "401", description = "no or invalid token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "no such case in the caller's scope",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class CallbackAttemptApi {

    /** A callback attempt that did not reach the citizen: its outcome and when (default now). */
    record CallbackAttempt(@NotNull Integer version, @NotNull CallbackOutcome outcome, @PastOrPresent Instant at) {
    }

    /** The attempts of a round, when the next may be made (null: none any more) and whether they are used up. */
    record CallbackRound(List<CallbackAttempts.Attempt> attempts, Instant nextAllowed, boolean exhausted) {

        static CallbackRound of(CallbackAttempts.Round round) {
            return new CallbackRound(round.attempts(), round.nextAllowed(), round.exhausted());
        }
    }

    private final CallbackAttempts attempts;
    private final CaseAccess access;
    private final CurrentUser currentUser;

    CallbackAttemptApi(CallbackAttempts attempts, CaseAccess access, CurrentUser currentUser) {
        this.attempts = attempts;
        this.access = access;
        this.currentUser = currentUser;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Record a callback that did not reach the citizen (AGENT)",
            description = "NO_ANSWER, POWERED_OFF, REJECTED or WRONG_NUMBER, at (default now) at least the set "
                    + "interval after the previous attempt; after the set number of attempts the case leaves the "
                    + "callback queue. 409 when the case is not COMPLETED, the attempts are used up or too soon.")
    @ApiResponse(responseCode = "201", description = "recorded: the case's attempts of this round")
    ResponseEntity<CallbackRound> attempt(@PathVariable String caseNo, @Valid @RequestBody CallbackAttempt body) {
        Account account = currentUser.required();
        Case c = visible(account, caseNo);
        access.check(account, c, Case.Action.EVALUATE);
        Instant now = Instant.now();
        var round = attempts.record(c.id(), body.version(), account, body.at() == null ? now : body.at(),
                body.outcome(), now);
        return ResponseEntity.status(201).body(CallbackRound.of(round));
    }

    @GetMapping
    @Operation(summary = "The callback attempts of the case's current round")
    CallbackRound round(@PathVariable String caseNo) {
        return CallbackRound.of(attempts.round(visible(currentUser.required(), caseNo)));
    }

    private Case visible(Account account, String caseNo) {
        return access.find(account, caseNo).orElseThrow(() -> new CaseNotFound(caseNo));
    }
}
