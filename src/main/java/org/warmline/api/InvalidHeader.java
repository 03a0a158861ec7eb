package org.warmline.api;

/**
 * A request header that is blank or too long, reported as the same 400 problem detail (field errors in the caller's
 * language, under the header's name) as a constraint annotation would give, without switching on method validation.
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
