package org.warmline.api;

/**
 * A request header (or query parameter) that is blank, too long or not of its form, reported as the same 400 problem
 * detail (field errors in the caller's language, under the header's name) as a constraint annotation would give,
 * without switching on method validation.
 */
final class InvalidHeader extends RuntimeException {

    private final String header;
    private final String constraint;
    private final Object[] arguments;

    private InvalidHeader(String header, String constraint, Object... arguments) {
        super(header + ": " + constraint, null, false, false);
        this.header = header;
        this.constraint = constraint;
        this.arguments = arguments;
    }

    /**
     * Refuses a blank value ({@code NotBlank}) or one longer than {@code max} characters ({@code Size}, with the
     * arguments of {@code @Size(max = max)}: the header, max, min 0).
     */
    static void check(String header, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidHeader(header, "NotBlank", header);
        }
        if (value.length() > max) {
            throw new InvalidHeader(header, "Size", header, max, 0);
        }
    }

    /**
     * Refuses a key that is blank, longer than {@code max} characters, or has a character other than printable ASCII
     * (an Idempotency-Key is a structured-field string: {@code 0x20}–{@code 0x7E}).
     */
    static void checkKey(String header, String value, int max) {
        check(header, value, max);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch > 0x7E) {
                throw new InvalidHeader(header, "AsciiKey", header);
            }
        }
    }

    /** A field refused by a rule of the desk, with the message key of its reason (e.g. {@code topic.refused.UNKNOWN}). */
    static InvalidHeader field(String field, String key) {
        return new InvalidHeader(field, key);
    }

    /** An instant that is not ISO-8601 text in the desk's range ({@code ApiInstants}). */
    static InvalidHeader instant(String name) {
        return new InvalidHeader(name, "Instant", name);
    }

    String header() {
        return header;
    }

    /** The constraint's message codes: the API's own wording first, then the usual one. */
    String[] codes() {
        return new String[] {"api.validation." + constraint, constraint};
    }

    Object[] arguments() {
        return arguments.clone();
    }
}
