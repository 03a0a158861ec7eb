package org.warmline.cases;

import java.util.Arrays;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.warmline.web.ApiProblem;

/**
 * A transition not allowed for the case as it stands, with the reason as a message key of {@code messages*.properties}
 * and its arguments (arguments that are themselves {@link MessageSourceResolvable}, such as the state and action names,
 * are resolved by Spring's {@code MessageSource} too). The exception message is the English fallback. The API answers
 * 409 with the key as {@code code}; a page 422 ({@link TransitionFailure}).
 */
public class TransitionRefused extends RuntimeException implements MessageSourceResolvable, ApiProblem {

    private final String key;
    private final transient Object[] arguments;

    public TransitionRefused(String key, String englishMessage, Object... arguments) {
        super(englishMessage);
        this.key = key;
        this.arguments = arguments.clone();
    }

    static TransitionRefused state(CaseState state, Case.Action action) {
        return new TransitionRefused("case.refused.state",
                "The case is " + state + "; it cannot be " + action.english() + ".",
                new DefaultMessageSourceResolvable(new String[] {"case.state." + state.name()}, state.name()),
                new DefaultMessageSourceResolvable(new String[] {"case.action." + action.name()}, action.name()));
    }

    /** The message key, e.g. {@code case.refused.state}. */
    public String key() {
        return key;
    }

    /** The message arguments. */
    public Object[] arguments() {
        return arguments.clone();
    }

    @Override
    public String[] getCodes() {
        return new String[] {key};
    }

    @Override
    public Object[] getArguments() {
        return arguments.clone();
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "refused";
    }

    @Override
    public MessageSourceResolvable detail() {
        return this;
    }

    /** {@code code}: the message key of the reason. */
    @Override
    public Map<String, Object> properties() {
        return Map.of("code", key);
    }

    @Override
    public String toString() {
        return "TransitionRefused[" + key + " " + Arrays.toString(arguments) + "]: " + getMessage();
    }
}
