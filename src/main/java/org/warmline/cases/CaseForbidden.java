package org.warmline.cases;

import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;

/**
 * The account may see the case but not do this to it (its role does not allow the action, or the target unit is outside
 * its subtree). Message key of {@code messages*.properties}; answered with 403.
 */
public class CaseForbidden extends RuntimeException implements MessageSourceResolvable, ApiProblem {

    private final String key;
    private final transient Object[] arguments;

    public CaseForbidden(String key, String englishMessage, Object... arguments) {
        super(englishMessage);
        this.key = key;
        this.arguments = arguments.clone();
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
        return 403;
    }

    @Override
    public String type() {
        return "forbidden";
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
}
