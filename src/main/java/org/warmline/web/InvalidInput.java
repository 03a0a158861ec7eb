package org.warmline.web;

import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A request header, query parameter or field that is blank, too long or not of its form, reported as the same 400
 * problem detail (field errors in the caller's language, under the field's name) as a constraint annotation would
 * give, without switching on method validation.
 */
public final class InvalidInput extends RuntimeException implements ApiProblem {

    private final String field;
    private final String constraint;
    private final transient Object[] arguments;

    private InvalidInput(String field, String constraint, Object... arguments) {
        super(field + ": " + constraint, null, false, false);
        this.field = field;
        this.constraint = constraint;
        this.arguments = arguments.clone();
    }

    /**
     * Refuses a blank value ({@code NotBlank}) or one longer than {@code max} characters ({@code Size}, with the
     * arguments of {@code @Size(max = max)}: the header, max, min 0).
     */
    public static void check(String header, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(header, "NotBlank", header);
        }
        if (value.length() > max) {
            throw new InvalidInput(header, "Size", header, max, 0);
        }
    }

    /**
     * Refuses a key that is blank, longer than {@code max} characters, or has a character other than printable ASCII
     * (an Idempotency-Key is a structured-field string: {@code 0x20}–{@code 0x7E}).
     */
    public static void checkKey(String header, String value, int max) {
        check(header, value, max);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch > 0x7E) {
                throw new InvalidInput(header, "AsciiKey", header);
            }
        }
    }

    /** A field refused by a rule of the desk, with the message key of its reason (e.g. {@code topic.refused.UNKNOWN}). */
    public static InvalidInput field(String field, String key) {
        return new InvalidInput(field, key);
    }

    /** An instant that is not ISO-8601 text in the desk's range ({@link ApiInstants}). */
    public static InvalidInput instant(String name) {
        return new InvalidInput(name, "Instant", name);
    }

    /** The refused field's name. */
    public String field() {
        return field;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return ApiExceptionHandler.INVALID;
    }

    @Override
    public MessageSourceResolvable detail() {
        return Problems.message("api.problem.invalid");
    }

    /** {@code errors}: the field and its message, the API's own wording of the constraint first, then the usual one. */
    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", List.of(Problems.fieldError(field, new DefaultMessageSourceResolvable(
                new String[] {"api.validation." + constraint, constraint}, arguments.clone()))));
    }
}
