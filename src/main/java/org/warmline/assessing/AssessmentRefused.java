package org.warmline.assessing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;
import org.warmline.web.Problems;

/**
 * Bad input to the assessment office (a period or an instant that cannot be read, an appeal out of its window, …): a
 * message key of {@code messages*.properties} with its arguments, answered with 400 (or {@link #status()}) and never
 * with a stack trace. The API answers it as a problem of type {@code invalid} (400), {@code forbidden} (403),
 * {@code not-found} (404) or {@code assessment} (any other status), with the key as {@code code} and, when a request
 * field is named, the field and the message as {@code errors}.
 */
public class AssessmentRefused extends RuntimeException implements ApiProblem {

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

    @Override
    public int status() {
        return status;
    }

    @Override
    public String type() {
        return switch (status) {
            case 400 -> "invalid";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            default -> "assessment";
        };
    }

    @Override
    public MessageSourceResolvable detail() {
        return Problems.message(key, args.clone());
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", key);
        if (field != null) {
            properties.put("errors", List.of(Problems.fieldError(field, detail())));
        }
        return properties;
    }
}
