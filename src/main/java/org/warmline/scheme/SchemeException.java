package org.warmline.scheme;

import java.util.List;

/** A scheme file that cannot be used, with every problem found, each naming the file and the setting. */
public class SchemeException extends RuntimeException {

    private final List<String> problems;

    public SchemeException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
