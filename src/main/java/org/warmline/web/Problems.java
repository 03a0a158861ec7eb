package org.warmline.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's problem details (RFC 9457), one shape for every error: {@code type} {@code urn:warmline:problem:<type>},
 * {@code title} the message {@code api.problem.<type>.title}, {@code detail} a message, {@code instance} the request's
 * path, and further members — all in the caller's language ({@link ApiLocale}). Used by the API's handler
 * ({@link ApiExceptionHandler}) and by what answers before Spring MVC (the security filter chains, the request size
 * filter), which {@link #write} their problem.
 */
@Component
public class Problems {

    /** The beginning of every problem's type. */
    public static final String TYPE = "urn:warmline:problem:";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    /** A module's error as a problem. */
    public ProblemDetail of(ApiProblem problem, HttpServletRequest request) {
        return of(HttpStatusCode.valueOf(problem.status()), problem.type(), problem.detail(), problem.properties(),
                request);
    }

    /** A problem of this status and type whose detail is the message {@code detailKey}. */
    public ProblemDetail of(HttpStatusCode status, String type, String detailKey, HttpServletRequest request) {
        return of(status, type, message(detailKey), Map.of(), request);
    }

    /**
     * A problem of this status and type; {@code properties} whose values are {@link MessageSourceResolvable} (also
     * within lists and maps) are resolved in the caller's language.
     */
    public ProblemDetail of(HttpStatusCode status, String type, MessageSourceResolvable detail,
                            Map<String, ?> properties, HttpServletRequest request) {
        Locale locale = ApiLocale.of(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(detail, locale));
        problem.setType(URI.create(TYPE + type));
        String titleKey = "api.problem." + type + ".title";
        problem.setTitle(messages.getMessage(titleKey, null, titleKey, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        properties.forEach((name, value) -> problem.setProperty(name, resolved(value, locale)));
        return problem;
    }

    /** The text of a message key with these arguments, as a detail or a property's value. */
    public static MessageSourceResolvable message(String key, Object... arguments) {
        return new DefaultMessageSourceResolvable(new String[] {key}, arguments, key);
    }

    /**
     * One entry of a problem's {@code errors}: the field (a body's field, a header, a query parameter) and its message
     * (text, or a {@link MessageSourceResolvable} to be shown in the caller's language).
     */
    public static Map<String, Object> fieldError(String field, Object message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    /**
     * Answers with the problem, as {@code application/problem+json}, outside Spring MVC (a filter's answer). The
     * security headers are the caller's to set.
     */
    public void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    private Object resolved(Object value, Locale locale) {
        if (value instanceof MessageSourceResolvable resolvable) {
            return messages.getMessage(resolvable, locale);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(resolved(item, locale)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, resolved(v, locale)));
            return out;
        }
        return value;
    }
}
