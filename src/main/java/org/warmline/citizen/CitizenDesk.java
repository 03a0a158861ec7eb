package org.warmline.citizen;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseState;
import org.warmline.cases.OnlineCommand;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.EvaluationLevel;

/**
 * What a citizen does online: submits a case (counted against the abuse limits, then filed through {@link CaseDesk}
 * with a tracking token), follows it by the token, and answers the satisfaction survey of a completed case once.
 */
@Service
class CitizenDesk {

    /** A submission's outcome: the case and its tracking token (null when the same form was sent before). */
    record Submitted(Case caseFiled, String token) {

        boolean created() {
            return token != null;
        }
    }

    /** A case as its tracking link finds it, with whether its survey may be answered now. */
    record Tracked(Case caseFiled, boolean surveyOpen, boolean surveyed) {
    }

    private final CaseDesk desk;
    private final TrackingTokens tokens;
    private final SubmissionLimits limits;
    private final TransactionTemplate transaction;

    CitizenDesk(CaseDesk desk, TrackingTokens tokens, SubmissionLimits limits, PlatformTransactionManager transactions) {
        this.desk = desk;
        this.tokens = tokens;
        this.limits = limits;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Files the form as a case and gives its tracking token. The same form sent twice (its idempotency key) files one
     * case; the second time there is no new token.
     *
     * @throws SubmissionLimits.LimitReached when the phone, address or client has reached today's limit
     */
    Submitted submit(CitizenForm form, String client, Instant now) {
        String key = "public:" + form.getIdempotencyKey();
        limits.count(form.getCitizenPhone(), form.getAddress(), client, now);
        CaseDesk.OnlineIntake intake = desk.submitOnline(new OnlineCommand(key, form.getChannel(), null,
                form.getCategory(), false, form.getTopic() == null ? null : form.getTopic().name(),
                form.getCitizenName(), form.getCitizenPhone(), form.getAddress(), form.getDemand(), null, null), now);
        if (!intake.created()) {
            return new Submitted(intake.caseFiled(), null);
        }
        return new Submitted(intake.caseFiled(), tokens.issue(intake.caseFiled().id(), now));
    }

    /** The case of a valid token at {@code now}; empty for an unknown, altered or expired one. */
    Optional<Tracked> track(String token, Instant now) {
        return tokens.find(token, now).flatMap(t -> desk.find(t.caseId())
                .map(c -> new Tracked(c, t.surveyedAt() == null && c.state() == CaseState.COMPLETED,
                        t.surveyedAt() != null)));
    }

    /**
     * The citizen's answer to the survey (ONLINE evaluation), once per link, only while the case is completed and not
     * yet evaluated. An UNSATISFIED answer puts the case under review (its 24 h clock starts).
     *
     * @return the case after the answer, or empty when the token is not valid
     * @throws TransitionRefused {@code citizen.survey.closed} when the survey is not open (answered, or not completed)
     */
    Optional<Case> answerSurvey(String token, EvaluationLevel level, String comment, Instant now) {
        return answerSurvey(token, level, comment, null, now);
    }

    /** Whether the survey of the case asks if the problem was resolved (or the rectification accepted). */
    boolean asksResolution(Case c) {
        return desk.asksResolution(c);
    }

    /**
     * As {@link #answerSurvey(String, EvaluationLevel, String, Instant)}, with the citizen's answer to "问题是否已解决"
     * (null where it is not asked).
     */
    Optional<Case> answerSurvey(String token, EvaluationLevel level, String comment, Boolean resolved, Instant now) {
        Optional<TrackingTokens.Tracked> found = tokens.find(token, now);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TrackingTokens.Tracked t = found.get();
        return Optional.of(transaction.execute(status -> {
            Case c = desk.find(t.caseId()).orElseThrow();
            if (c.state() != CaseState.COMPLETED || !tokens.markSurveyed(t.id(), now)) {
                throw new TransitionRefused("citizen.survey.closed", "The survey of this case is not open.");
            }
            return desk.evaluateOnline(c.id(), c.version(), now, level, comment,
                    desk.asksResolution(c) ? resolved : null);
        }));
    }
}
