package org.warmline.web;

import java.util.Map;

import org.springframework.context.MessageSourceResolvable;

/**
 * An error of a module that the API answers as an RFC 9457 problem detail in the caller's language: the one handler of
 * the API ({@link ApiExceptionHandler}, through {@link Problems}) reads everything it needs from here, so that it knows
 * no module's exceptions. The problem's {@code type} is {@code urn:warmline:problem:} and {@link #type()}, its
 * {@code title} the message {@code api.problem.<type>.title}, its {@code detail} the message {@link #detail()}.
 */
public interface ApiProblem {

    /** The HTTP status of the answer, e.g. 409. */
    int status();

    /** The kind of problem, e.g. {@code refused}: the last part of its type, and the key of its title. */
    String type();

    /** What went wrong, as a message key with its arguments. */
    MessageSourceResolvable detail();

    /**
     * Further members of the problem, e.g. {@code code} (the message key of the reason) or {@code errors}; values that
     * are {@link MessageSourceResolvable} (also within lists and maps) are shown in the caller's language.
     */
    default Map<String, Object> properties() {
        return Map.of();
    }
}
