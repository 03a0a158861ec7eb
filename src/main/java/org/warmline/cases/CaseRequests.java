package org.warmline.cases;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;

/**
 * The request bodies of the case API, validated with Bean Validation (sizes are the database's; texts, phones and
 * topics by the desk's rules: {@link OneLine}, {@link PlainText}, {@link PhoneNumber}, {@link TopicChoice}; instants by
 * {@link org.warmline.web.ApiInstants}).
 */
final class CaseRequests {

    private CaseRequests() {
    }

    /**
     * A hotline or walk-in case typed in by an agent; with {@code unit} (and {@code handler}) it is dispatched too,
     * without them by the routing rules when one matches the address; {@code repeatOf} links it to the earlier case it
     * repeats. The topic is one of the list (code or Chinese name); with OTHER, {@code topicText} may say what it is.
     */
    record Register(@NotNull Channel channel, @NotNull Category category, Boolean complex,
                    @NotBlank @Size(max = 200) String topic, @Size(max = TopicChoice.TEXT_MAX) @OneLine String topicText,
                    @Size(max = 100) @OneLine String citizenName,
                    @Size(max = 40) @PhoneNumber String citizenPhone, @Size(max = 500) @OneLine String address,
                    @NotBlank @Size(max = 4000) @PlainText String demand, @PastOrPresent Instant occurredAt,
                    @NotNull @PastOrPresent Instant submittedAt, @Size(max = 64) @OneLine String unit,
                    @Size(max = 64) @OneLine String handler, @Size(max = 64) @OneLine String repeatOf) {
    }

    /**
     * A case from WeChat, the app or the 12345 platform (GOV_HOTLINE, with its ticket number). The topic is one of the
     * list (code or Chinese name); with OTHER, {@code topicText} may say what it is.
     */
    record Online(@NotNull Channel channel, @Size(max = 100) @OneLine String externalTicket,
                  @NotNull Category category, Boolean complex, @NotBlank @Size(max = 200) String topic,
                  @Size(max = TopicChoice.TEXT_MAX) @OneLine String topicText,
                  @Size(max = 100) @OneLine String citizenName,
                  @NotBlank @Size(max = 40) @PhoneNumber String citizenPhone,
                  @Size(max = 500) @OneLine String address, @NotBlank @Size(max = 4000) @PlainText String demand,
                  @PastOrPresent Instant occurredAt, @PastOrPresent Instant submittedAt) {
    }

    /** A transition without fields: the version the caller saw. */
    record Version(@NotNull Integer version) {
    }

    /** Dispatch or reassign: to a unit and optionally a handler (staff code). */
    record Dispatch(@NotNull Integer version, @NotBlank @Size(max = 64) @OneLine String unit,
                    @Size(max = 64) @OneLine String handler) {
    }

    /** The solution, or the answer given on the spot. */
    record Solution(@NotNull Integer version, @NotBlank @Size(max = 4000) @PlainText String solution) {
    }

    /**
     * Completion: the handler's own view whether the problem was resolved (kept and shown; the resolution is the
     * citizen's), and for a complex case whether the citizen accepted the rectification on site.
     */
    record Complete(@NotNull Integer version, @NotNull Boolean resolved, Boolean onSiteAccepted) {
    }

    /**
     * An evaluation: the level, how it was collected (PHONE callback by default), the citizen's words and their answer
     * whether the problem was resolved (for a complex case: whether they accept the rectification; not for a
     * consultation).
     */
    record Evaluate(@NotNull Integer version, @NotNull EvaluationLevel level, EvaluationChannel channel,
                    @Size(max = 4000) @PlainText String comment, Boolean resolved) {
    }

    /** The citizen's acceptance of a complex case's rectification, recorded on site after completion. */
    record Acceptance(@NotNull Integer version, @NotNull Boolean accepted) {
    }

    /** The review finding of a dissatisfied evaluation. */
    record Review(@NotNull Integer version, @NotNull ReviewFinding finding) {
    }

    /** Withdrawal, with its reason. */
    record Withdraw(@NotNull Integer version, @NotBlank @Size(max = 1000) @OneLine String reason) {
    }

    /** The finding "misunderstanding" of a dissatisfied review: the explanation given to the citizen (required). */
    record Explanation(@NotNull Integer version, @NotBlank @Size(max = 1000) @PlainText String explanation) {
    }
}
