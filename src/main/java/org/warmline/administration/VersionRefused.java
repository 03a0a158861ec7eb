package org.warmline.administration;

import java.util.List;

/** An administration step that is not allowed (activating in the past, an unknown version, …): nothing changed. */
class VersionRefused extends RuntimeException {

    private final String key;
    private final List<Object> args;

    VersionRefused(String key, Object... args) {
        super(key + " " + List.of(args));
        this.key = key;
        this.args = List.of(args);
    }

    /** The message key of the reason. */
    String key() {
        return key;
    }

    List<Object> args() {
        return args;
    }
}
