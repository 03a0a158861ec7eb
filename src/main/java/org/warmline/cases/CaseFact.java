package org.warmline.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Coded;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Topic;

import static org.warmline.ledger.Instants.NONE;

/**
 * The facts of a case that may change after intake ({@link Case#changeFacts}: a correction on the case page, a ledger
 * import that updates): every column of the ledger's cases table (docs/ledger.md) but the case number, by the column's
 * name ({@link #column()}). Values are typed as the case holds them: texts (trimmed, {@code null} when blank),
 * {@link Instant}s (compared to the millisecond, as the ledger holds them), booleans and the ledger's enumerations.
 * {@link #CORRECTABLE} are those a person corrects on the case page, each checked by {@link #clean} as intake checks it.
 */
public enum CaseFact {
    CHANNEL, CATEGORY, COMPLEX, TOPIC, CITIZEN_NAME, CITIZEN_PHONE, ADDRESS, DEMAND, OCCURRED_AT, SUBMITTED_AT,
    RECORDED_AT, ACCEPTED_AT, ACCEPTED_BY, DISPATCHED_AT, UNIT, HANDLER, CONTACTED_AT, SITE_SURVEY, SURVEYED_AT,
    SOLUTION, SOLUTION_AT, COMPLETED_AT, RESOLVED, EVALUATION, EVALUATION_CHANNEL, EVALUATED_AT, EVALUATION_COMMENT,
    UNSATISFIED_AT, REVIEWED_AT, REVIEW_FINDING, REHANDLED_AT, EXPLAINED_AT;

    /** The facts a person corrects on the case page or through the API, in the order the form shows them. */
    public static final List<CaseFact> CORRECTABLE =
            List.of(CATEGORY, TOPIC, COMPLEX, ADDRESS, CITIZEN_NAME, CITIZEN_PHONE);

    /** One fact set to a new value ({@code null}: empty). */
    public record Change(CaseFact fact, Object value) {
    }

    /** The ledger's column name, e.g. {@code contacted_at}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fact named by a ledger column, or null. */
    public static CaseFact ofColumn(String column) {
        for (CaseFact fact : values()) {
            if (fact.column().equals(column)) {
                return fact;
            }
        }
        return null;
    }

    /** The facts of a stored case that differ from a ledger row of the same case, as changes to the row's values. */
    public static List<Change> differences(Case current, CaseRecord wanted) {
        List<Change> changes = new ArrayList<>();
        for (CaseFact fact : values()) {
            Object value = fact.of(wanted);
            if (!fact.same(fact.get(current), value)) {
                changes.add(new Change(fact, value));
            }
        }
        return changes;
    }

    /** Whether a case must have this fact (a correction cannot empty it). */
    public boolean required() {
        return this == CATEGORY || this == TOPIC || this == COMPLEX || this == CITIZEN_PHONE || this == SUBMITTED_AT;
    }

    /** The type of this fact's values. */
    public Class<?> type() {
        return switch (this) {
            case CHANNEL -> Channel.class;
            case CATEGORY -> Category.class;
            case COMPLEX, SITE_SURVEY, RESOLVED -> Boolean.class;
            case EVALUATION -> EvaluationLevel.class;
            case EVALUATION_CHANNEL -> EvaluationChannel.class;
            case REVIEW_FINDING -> ReviewFinding.class;
            case OCCURRED_AT, SUBMITTED_AT, RECORDED_AT, ACCEPTED_AT, DISPATCHED_AT, CONTACTED_AT, SURVEYED_AT,
                 SOLUTION_AT, COMPLETED_AT, EVALUATED_AT, UNSATISFIED_AT, REVIEWED_AT, REHANDLED_AT, EXPLAINED_AT ->
                    Instant.class;
            default -> String.class;
        };
    }

    /**
     * A value a person gave for this fact, as the case keeps it ({@link #normalize}), checked as intake checks it: of
     * the fact's type, present when {@link #required()}, a topic of the list or a short one-line text of its own
     * ({@link TopicChoice}), a phone number ({@link TextRules#phone}), texts on one line and within their column.
     *
     * @throws TransitionRefused {@code case.refused.fact} naming the fact when the value cannot be taken
     */
    Object clean(Object value) {
        Object v = normalize(value);
        if (v != null && !type().isInstance(v) || v == null && required()) {
            throw refused();
        }
        if (v instanceof String s) {
            boolean listedTopic = this == TOPIC && Coded.lookup(Topic.class, s) != null;
            int max = this == TOPIC ? (listedTopic ? Integer.MAX_VALUE : TopicChoice.TEXT_MAX)
                    : this == ADDRESS ? 500 : this == CITIZEN_PHONE ? 40 : this == CITIZEN_NAME ? 100 : 4000;
            boolean line = this == DEMAND || this == SOLUTION || this == EVALUATION_COMMENT ? TextRules.plain(s)
                    : TextRules.oneLine(s);
            if (s.length() > max || !line || this == CITIZEN_PHONE && !TextRules.phone(s)) {
                throw refused();
            }
        }
        return v;
    }

    private TransitionRefused refused() {
        return new TransitionRefused("case.refused.fact", "The value given for " + column() + " cannot be taken.",
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        new String[] {"case.field." + column()}, column()));
    }

    /** Whether two values of this fact are the same (instants to the millisecond, texts trimmed). */
    boolean same(Object a, Object b) {
        Object x = normalize(a);
        Object y = normalize(b);
        if (x instanceof Instant i && y instanceof Instant j) {
            return i.toEpochMilli() == j.toEpochMilli();
        }
        return Objects.equals(x, y);
    }

    /** A value as the case holds it: blank text is null, a topic normalised, booleans never null. */
    Object normalize(Object value) {
        if (value instanceof String s) {
            String text = s.isBlank() ? null : s.trim();
            return this == TOPIC ? Topic.normalize(text) : text;
        }
        if (value == null && (this == COMPLEX || this == SITE_SURVEY || this == RESOLVED)) {
            return Boolean.FALSE;
        }
        return value;
    }

    /** The value of this fact in a ledger row. */
    Object of(CaseRecord r) {
        return switch (this) {
            case CHANNEL -> r.channel();
            case CATEGORY -> r.category();
            case COMPLEX -> r.complex();
            case TOPIC -> r.topic();
            case CITIZEN_NAME -> r.citizenName();
            case CITIZEN_PHONE -> r.citizenPhone();
            case ADDRESS -> r.address();
            case DEMAND -> r.demand();
            case OCCURRED_AT -> instant(r.occurredAt());
            case SUBMITTED_AT -> instant(r.submittedAt());
            case RECORDED_AT -> instant(r.recordedAt());
            case ACCEPTED_AT -> instant(r.acceptedAt());
            case ACCEPTED_BY -> r.acceptedBy();
            case DISPATCHED_AT -> instant(r.dispatchedAt());
            case UNIT -> r.unit();
            case HANDLER -> r.handler();
            case CONTACTED_AT -> instant(r.contactedAt());
            case SITE_SURVEY -> r.siteSurvey();
            case SURVEYED_AT -> instant(r.surveyedAt());
            case SOLUTION -> r.solution();
            case SOLUTION_AT -> instant(r.solutionAt());
            case COMPLETED_AT -> instant(r.completedAt());
            case RESOLVED -> r.resolved();
            case EVALUATION -> r.evaluation();
            case EVALUATION_CHANNEL -> r.evaluationChannel();
            case EVALUATED_AT -> instant(r.evaluatedAt());
            case EVALUATION_COMMENT -> r.evaluationComment();
            case UNSATISFIED_AT -> instant(r.unsatisfiedAt());
            case REVIEWED_AT -> instant(r.reviewedAt());
            case REVIEW_FINDING -> r.reviewFinding();
            case REHANDLED_AT -> instant(r.rehandledAt());
            case EXPLAINED_AT -> instant(r.explainedAt());
        };
    }

    /** The value of this fact of a case. */
    public Object get(Case c) {
        return switch (this) {
            case CHANNEL -> c.channel;
            case CATEGORY -> c.category;
            case COMPLEX -> c.complex;
            case TOPIC -> c.topic;
            case CITIZEN_NAME -> c.citizenName;
            case CITIZEN_PHONE -> c.citizenPhone;
            case ADDRESS -> c.address;
            case DEMAND -> c.demand;
            case OCCURRED_AT -> c.occurredAt;
            case SUBMITTED_AT -> c.submittedAt;
            case RECORDED_AT -> c.recordedAt;
            case ACCEPTED_AT -> c.acceptedAt;
            case ACCEPTED_BY -> c.acceptedBy;
            case DISPATCHED_AT -> c.dispatchedAt;
            case UNIT -> c.unit;
            case HANDLER -> c.handler;
            case CONTACTED_AT -> c.contactedAt;
            case SITE_SURVEY -> c.siteSurvey;
            case SURVEYED_AT -> c.surveyedAt;
            case SOLUTION -> c.solution;
            case SOLUTION_AT -> c.solutionAt;
            case COMPLETED_AT -> c.completedAt;
            case RESOLVED -> c.resolved;
            case EVALUATION -> c.evaluation;
            case EVALUATION_CHANNEL -> c.evaluationChannel;
            case EVALUATED_AT -> c.evaluatedAt;
            case EVALUATION_COMMENT -> c.evaluationComment;
            case UNSATISFIED_AT -> c.unsatisfiedAt;
            case REVIEWED_AT -> c.reviewedAt;
            case REVIEW_FINDING -> c.reviewFinding;
            case REHANDLED_AT -> c.rehandledAt;
            case EXPLAINED_AT -> c.explainedAt;
        };
    }

    /** Sets this fact of a case (the value normalised and of this fact's type). */
    void set(Case c, Object v) {
        switch (this) {
            case CHANNEL -> c.channel = (Channel) v;
            case CATEGORY -> c.category = (Category) v;
            case COMPLEX -> c.complex = (Boolean) v;
            case TOPIC -> c.topic = (String) v;
            case CITIZEN_NAME -> c.citizenName = (String) v;
            case CITIZEN_PHONE -> c.citizenPhone = (String) v;
            case ADDRESS -> c.address = (String) v;
            case DEMAND -> c.demand = (String) v;
            case OCCURRED_AT -> c.occurredAt = (Instant) v;
            case SUBMITTED_AT -> c.submittedAt = Objects.requireNonNull((Instant) v, "submitted_at");
            case RECORDED_AT -> c.recordedAt = (Instant) v;
            case ACCEPTED_AT -> c.acceptedAt = (Instant) v;
            case ACCEPTED_BY -> c.acceptedBy = (String) v;
            case DISPATCHED_AT -> c.dispatchedAt = (Instant) v;
            case UNIT -> c.unit = (String) v;
            case HANDLER -> c.handler = (String) v;
            case CONTACTED_AT -> c.contactedAt = (Instant) v;
            case SITE_SURVEY -> c.siteSurvey = (Boolean) v;
            case SURVEYED_AT -> c.surveyedAt = (Instant) v;
            case SOLUTION -> c.solution = (String) v;
            case SOLUTION_AT -> c.solutionAt = (Instant) v;
            case COMPLETED_AT -> c.completedAt = (Instant) v;
            case RESOLVED -> c.resolved = (Boolean) v;
            case EVALUATION -> c.evaluation = (EvaluationLevel) v;
            case EVALUATION_CHANNEL -> c.evaluationChannel = (EvaluationChannel) v;
            case EVALUATED_AT -> c.evaluatedAt = (Instant) v;
            case EVALUATION_COMMENT -> c.evaluationComment = (String) v;
            case UNSATISFIED_AT -> c.unsatisfiedAt = (Instant) v;
            case REVIEWED_AT -> c.reviewedAt = (Instant) v;
            case REVIEW_FINDING -> c.reviewFinding = (ReviewFinding) v;
            case REHANDLED_AT -> c.rehandledAt = (Instant) v;
            case EXPLAINED_AT -> c.explainedAt = (Instant) v;
        }
    }

    private static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }
}
