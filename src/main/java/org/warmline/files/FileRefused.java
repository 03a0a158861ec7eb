package org.warmline.files;

import java.util.Arrays;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;

/**
 * A file refused before anything was stored, with the reason as a message key of {@code messages*.properties} and its
 * arguments (so it is shown in the user's language), e.g. {@code files.refused.tooLarge} with the limit in MB. The API
 * answers 413 for a file too large and 422 otherwise, with the key as {@code code}.
 */
public class FileRefused extends Exception implements MessageSourceResolvable, ApiProblem {

    /** The key of a file larger than the limit. */
    public static final String TOO_LARGE = "files.refused.tooLarge";

    private final String key;
    private final transient Object[] arguments;

    public FileRefused(String key, Object... arguments) {
        super(key + " " + Arrays.toString(arguments), null, false, false);
        this.key = key;
        this.arguments = arguments.clone();
    }

    /** The message key, e.g. {@code files.refused.doctype}. */
    public String key() {
        return key;
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
        return key;
    }

    @Override
    public int status() {
        return key.equals(TOO_LARGE) ? 413 : 422;
    }

    @Override
    public String type() {
        return "file-refused";
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
