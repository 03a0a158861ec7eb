package org.warmline.announcements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.warmline.web.ApiProblem;
import org.warmline.web.Problems;

/**
 * What an announcement's posting, update, closing or answer was refused for: each problem a message key with its
 * arguments and, where one field is at fault, the field (as the forms and the API name it). Nothing was changed. The
 * API answers it 422 ({@code invalid}) or 409 ({@code announcement-state}) with the first key as {@code code} and every
 * problem under {@code errors}.
 */
public class AnnouncementRefused extends RuntimeException implements MessageSourceResolvable, ApiProblem {

    /** One problem: the field at fault (or null), a message key of {@code messages*.properties} and its arguments. */
    public record Problem(String field, String key, Object... args) implements MessageSourceResolvable {

        @Override
        public String[] getCodes() {
            return new String[] {key};
        }

        @Override
        public Object[] getArguments() {
            return args;
        }

        @Override
        public String getDefaultMessage() {
            return key;
        }
    }

    /** How the API answers it: 422 for input it cannot take, 409 for a state that does not allow it. */
    public enum Kind { INVALID, CONFLICT }

    private final List<Problem> problems;
    private final Kind kind;

    public AnnouncementRefused(List<Problem> problems) {
        this(Kind.INVALID, problems);
    }

    public AnnouncementRefused(Kind kind, List<Problem> problems) {
        super(problems.isEmpty() ? "refused" : problems.get(0).key());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a problem");
        }
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    /** A refusal for a state that does not allow the action (closed, changed by someone else). */
    static AnnouncementRefused conflict(String key, Object... args) {
        return new AnnouncementRefused(Kind.CONFLICT, List.of(new Problem(null, key, args)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String[] getCodes() {
        return problems.get(0).getCodes();
    }

    @Override
    public Object[] getArguments() {
        return problems.get(0).getArguments();
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }

    @Override
    public int status() {
        return kind == Kind.CONFLICT ? 409 : 422;
    }

    @Override
    public String type() {
        return kind == Kind.CONFLICT ? "announcement-state" : "invalid";
    }

    @Override
    public MessageSourceResolvable detail() {
        return this;
    }

    @Override
    public Map<String, Object> properties() {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> error = Problems.fieldError(p.field(), p);
            error.put("code", p.key());
            errors.add(error);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", getCodes()[0]);
        properties.put("errors", errors);
        return properties;
    }
}
