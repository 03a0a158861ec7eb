package org.warmline.files;

import java.util.Arrays;

import org.springframework.context.MessageSourceResolvable;

/**
 * A file refused before anything was stored, with the reason as a message key of {@code messages*.properties} and its
 * arguments (so it is shown in the user's language), e.g. {@code files.refused.tooLarge} with the limit in MB.
 */
public class FileRefused extends Exception implements MessageSourceResolvable {

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
}
