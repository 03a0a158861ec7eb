package org.warmline.assessing;

/**
 * Bad input to the assessment office (a period or an instant that cannot be read, an appeal out of its window, …): a
 * message key of {@code messages*.properties} with its arguments, answered with 400 (or {@link #status()}) and never
 * with a stack trace.
 */
public class AssessmentRefused extends RuntimeException {

    private final String key;
    private final String field;
    private final transient Object[] args;
    private final int status;

    public AssessmentRefused(String key, String field, Object... args) {
        this(400, key, field, args);
    }

    public AssessmentRefused(int status, String key, String field, Object... args) {
        super(key);
        this.status = status;
        this.key = key;
        this.field = field;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    /** The request field (parameter) that was wrong, or null. */
    public String field() {
        return field;
    }

    public Object[] args() {
        return args.clone();
    }

    public int status() {
        return status;
    }
}
