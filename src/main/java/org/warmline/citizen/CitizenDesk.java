package org.warmline.citizen;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAttachments;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.IdempotencyKeyReused;
import org.warmline.cases.CaseState;
import org.warmline.cases.OnlineCommand;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.EvaluationLevel;

/**
 * What a citizen does online: submits a case with up to five photos (counted against the abuse limits, then filed
 * through {@link CaseDesk} with a tracking token and the photos, all in one transaction), follows it by the token —
 * which opens that case and its own files and nothing else — adds photos while it is open, and answers the
 * satisfaction survey of a completed case once.
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
    private final CaseAttachments attachments;

    CitizenDesk(CaseDesk desk, TrackingTokens tokens, SubmissionLimits limits, PlatformTransactionManager transactions,
                CaseAttachments attachments) {
        this.attachments = attachments;
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
     * @throws IdempotencyKeyReused when the form was sent before with other content
     */
    Submitted submit(CitizenForm form, String client, Instant now, List<CaseAttachments.Prepared> photos) {
        OnlineCommand command = new OnlineCommand("public:" + form.getIdempotencyKey(), form.getChannel(), null,
                form.getCategory(), false, form.getTopic() == null ? null : form.getTopic().name(),
                form.getCitizenName(), form.getCitizenPhone(), form.getAddress(), form.getDemand(), null, null);
        limits.count(form.getCitizenPhone(), form.getAddress(), client, now);
        // looked up first: a repeated key inside the filing transaction would abort it on PostgreSQL
        Optional<Case> seen = desk.findSubmitted(command);
        if (seen.isPresent()) {
            return new Submitted(seen.get(), null);
        }
        try {
            return fileWithPhotos(command, now, photos);
        } catch (DataAccessException raced) { // the same form sent twice at once: the other one filed it
            return desk.findSubmitted(command).map(c -> new Submitted(c, null)).orElseThrow(() -> raced);
        }
    }

    /** The case, its tracking link and its photos together, or nothing. */
    private Submitted fileWithPhotos(OnlineCommand command, Instant now, List<CaseAttachments.Prepared> photos) {
        return transaction.execute(status -> {
            CaseDesk.OnlineIntake intake = desk.submitOnline(command, now);
            if (!intake.created()) {
                return new Submitted(intake.caseFiled(), null);
            }
            if (!photos.isEmpty()) {
                attachments.addAll(intake.caseFiled().id(), photos, CaseDesk.CITIZEN, true, now);
            }
            return new Submitted(intake.caseFiled(), tokens.issue(intake.caseFiled().id(), now));
        });
    }

    /** The citizen's own files of the tracked case (those they added), in the order added. */
    List<CaseAttachments.Attachment> ownFiles(Case c) {
        return attachments.of(c.id()).stream().filter(CaseAttachments.Attachment::byCitizen).toList();
    }

    /** One of the citizen's own files of the tracked case; empty for anything else (staff's files, other cases). */
    Optional<CaseAttachments.Attachment> ownFile(Case c, long id) {
        return attachments.find(c.id(), id).filter(CaseAttachments.Attachment::byCitizen);
    }

    /**
     * Adds photos to the tracked case, while it is open ({@code case.refused.closed} otherwise), all or none.
     *
     * @return empty when the token is not valid
     */
    Optional<List<CaseAttachments.Attachment>> addPhotos(String token, List<CaseAttachments.Prepared> photos,
                                                         Instant now) {
        return track(token, now).map(t -> attachments.addAll(t.caseFiled().id(), photos, CaseDesk.CITIZEN, true,
                now));
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
