package org.warmline.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Coded;
import org.warmline.ledger.Topic;

import static org.warmline.ledger.CaseColumn.ADDRESS;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.CITIZEN_NAME;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.DEMAND;
import static org.warmline.ledger.CaseColumn.EVALUATION_COMMENT;
import static org.warmline.ledger.CaseColumn.SOLUTION;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.TOPIC;

/**
 * The facts of a case that may change after intake ({@link Case#changeFacts}: a correction on the case page, a ledger
 * import that updates): every column of the ledger's cases table ({@link CaseColumn}) but the case number, each named
 * by its column. Values are typed as the case holds them ({@link CaseColumn#type()}): texts (trimmed, {@code null} when
 * blank), {@link Instant}s (compared to the millisecond, as the ledger holds them), booleans and the ledger's
 * enumerations. {@link #CORRECTABLE} are those a person corrects on the case page, each checked by {@link #clean} as
 * intake checks it.
 */
public final class CaseFact {

    /** Every fact: the ledger's columns but the case number, in their order. */
    public static final List<CaseColumn<?>> ALL = CaseColumn.ALL.stream()
            .filter(column -> column != CaseColumn.CASE_NO).toList();

    /** The facts a person corrects on the case page or through the API, in the order the form shows them. */
    public static final List<CaseColumn<?>> CORRECTABLE =
            List.of(CATEGORY, TOPIC, COMPLEX, ADDRESS, CITIZEN_NAME, CITIZEN_PHONE);

    /** The facts a case must have, as intake asks for them: a correction cannot empty them. */
    private static final Set<CaseColumn<?>> REQUIRED = Set.of(CATEGORY, TOPIC, COMPLEX, CITIZEN_PHONE, SUBMITTED_AT);

    /** The texts that may span lines; every other text is one line. */
    private static final Set<CaseColumn<?>> MULTI_LINE = Set.of(DEMAND, SOLUTION, EVALUATION_COMMENT);

    private CaseFact() {
    }

    /** One fact set to a new value ({@code null}: empty). */
    public record Change(CaseColumn<?> fact, Object value) {
    }

    /** The facts of a stored case that differ from a ledger row of the same case, as changes to the row's values. */
    public static List<Change> differences(Case current, CaseRecord wanted) {
        List<Change> changes = new ArrayList<>();
        for (CaseColumn<?> fact : ALL) {
            Object value = wanted.get(fact);
            if (!same(fact, current.get(fact), value)) {
                changes.add(new Change(fact, value));
            }
        }
        return changes;
    }

    /**
     * A value a person gave for a fact, as the case keeps it ({@link #normalize}), checked as intake checks it: of the
     * fact's type, present when the case must have it, a topic of the list or a short one-line text of its own
     * ({@link TopicChoice}), a phone number ({@link TextRules#phone}), texts on one line and within their column.
     *
     * @throws TransitionRefused {@code case.refused.fact} naming the fact when the value cannot be taken
     */
    static Object clean(CaseColumn<?> fact, Object value) {
        Object v = normalize(fact, value);
        if (v != null && !fact.type().isInstance(v) || v == null && REQUIRED.contains(fact)) {
            throw refused(fact);
        }
        if (v instanceof String s) {
            boolean listedTopic = fact == TOPIC && Coded.lookup(Topic.class, s) != null;
            int max = fact == TOPIC ? (listedTopic ? Integer.MAX_VALUE : TopicChoice.TEXT_MAX)
                    : fact == ADDRESS ? 500 : fact == CITIZEN_PHONE ? 40 : fact == CITIZEN_NAME ? 100 : 4000;
            boolean line = MULTI_LINE.contains(fact) ? TextRules.plain(s) : TextRules.oneLine(s);
            if (s.length() > max || !line || fact == CITIZEN_PHONE && !TextRules.phone(s)) {
                throw refused(fact);
            }
        }
        return v;
    }

    private static TransitionRefused refused(CaseColumn<?> fact) {
        return new TransitionRefused("case.refused.fact", "The value given for " + fact.name() + " cannot be taken.",
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        new String[] {"case.field." + fact.name()}, fact.name()));
    }

    /** Whether two values of a fact are the same (instants to the millisecond, texts trimmed). */
    static boolean same(CaseColumn<?> fact, Object a, Object b) {
        Object x = normalize(fact, a);
        Object y = normalize(fact, b);
        if (x instanceof Instant i && y instanceof Instant j) {
            return i.toEpochMilli() == j.toEpochMilli();
        }
        return Objects.equals(x, y);
    }

    /** A value as the case holds it: blank text is null, a topic normalised, flags never null. */
    static Object normalize(CaseColumn<?> fact, Object value) {
        if (value instanceof String s) {
            String text = s.isBlank() ? null : s.trim();
            return fact == TOPIC ? Topic.normalize(text) : text;
        }
        if (value == null && fact.kind() == CaseColumn.Kind.FLAG) {
            return Boolean.FALSE;
        }
        return value;
    }
}
