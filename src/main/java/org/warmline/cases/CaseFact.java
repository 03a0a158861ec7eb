package org.warmline.cases;

import java.util.function.BiConsumer;
import java.util.function.Function;

import org.warmline.ledger.Category;
import org.warmline.ledger.Topic;

/**
 * A fact of a case that may be changed after intake by {@link Case#changeFacts} (a correction, or an import that
 * brings better facts), by its ledger column: what it is read and written as, and how a value is checked. Text values
 * are trimmed, empty text is no value; the topic is normalised as the ledger's is.
 */
public enum CaseFact {
    CATEGORY("category", Category.class, Case::category, (c, v) -> c.category = (Category) v, 0, true),
    TOPIC("topic", String.class, Case::topic, (c, v) -> c.topic = (String) v, 200, true),
    COMPLEX("complex", Boolean.class, Case::complex, (c, v) -> c.complex = (Boolean) v, 0, true),
    ADDRESS("address", String.class, Case::address, (c, v) -> c.address = (String) v, 500, false),
    CITIZEN_NAME("citizen_name", String.class, Case::citizenName, (c, v) -> c.citizenName = (String) v, 100, false),
    CITIZEN_PHONE("citizen_phone", String.class, Case::citizenPhone, (c, v) -> c.citizenPhone = (String) v, 40, true);

    private final String column;
    private final Class<?> type;
    private final Function<Case, Object> read;
    private final BiConsumer<Case, Object> write;
    private final int maxLength;
    private final boolean required;

    CaseFact(String column, Class<?> type, Function<Case, Object> read, BiConsumer<Case, Object> write, int maxLength,
             boolean required) {
        this.column = column;
        this.type = type;
        this.read = read;
        this.write = write;
        this.maxLength = maxLength;
        this.required = required;
    }

    /** The ledger column, e.g. {@code citizen_phone}, as the history names it. */
    public String column() {
        return column;
    }

    /** The type of its values: {@link Category}, {@link Boolean} or {@link String}. */
    public Class<?> type() {
        return type;
    }

    /** Whether a case must have it (it cannot be changed to no value). */
    public boolean required() {
        return required;
    }

    Object read(Case c) {
        return read.apply(c);
    }

    void write(Case c, Object value) {
        write.accept(c, value);
    }

    /**
     * The value as the case keeps it: trimmed text (empty is null), the topic normalised.
     *
     * @throws TransitionRefused {@code case.refused.fact} when it is missing but required, too long, of another type,
     *                           or a phone with characters other than digits, spaces, +, - and parentheses
     */
    Object clean(Object value) {
        Object v = value instanceof String s ? (s.isBlank() ? null : s.trim()) : value;
        if (v != null && !type.isInstance(v)) {
            throw refused();
        }
        if (this == TOPIC && v != null) {
            v = Topic.normalize((String) v);
        }
        if (v == null && required) {
            throw refused();
        }
        if (v instanceof String s && (s.length() > maxLength || s.codePoints().anyMatch(Character::isISOControl))) {
            throw refused();
        }
        if (this == CITIZEN_PHONE && v != null && !((String) v).matches("[0-9+()\\- ]*[0-9][0-9+()\\- ]*")) {
            throw refused();
        }
        return v;
    }

    private TransitionRefused refused() {
        return new TransitionRefused("case.refused.fact", "The value given for " + column + " cannot be taken.",
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        new String[] {"case.field." + column}, column));
    }
}
