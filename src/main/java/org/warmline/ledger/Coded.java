package org.warmline.ledger;

/** An enumeration value of the ledger, written by its code or by its Chinese name. */
public interface Coded {

    /** The code, e.g. {@code COMPLAINT}. */
    String name();

    /** The Chinese name, e.g. {@code 投诉}. */
    String chinese();

    /**
     * Finds the value of {@code type} whose code (any letter case) or Chinese name equals the trimmed text.
     *
     * @return the value, or {@code null} when none matches
     */
    static <E extends Enum<E> & Coded> E lookup(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        Object exact = CodedIndex.exact(type, value);
        if (exact != null) {
            return type.cast(exact);
        }
        for (Object constant : CodedIndex.values(type)) {
            E e = type.cast(constant);
            if (e.name().equalsIgnoreCase(value) || e.chinese().equals(value)) {
                return e;
            }
        }
        return null;
    }
}
