package org.warmline.announcements;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.CaseForbidden;
import org.warmline.cases.CaseNotFound;
import org.warmline.cases.TransitionRefused;

/**
 * The announcements API's errors as RFC 9457 problem details in the caller's language (Accept-Language, Chinese by
 * default): an unknown announcement 404, a role that may not 403, input it cannot take 422 with every problem by field
 * ({@code errors}), a closed or changed announcement 409, a refused case transition 409, malformed JSON 400.
 */
@RestControllerAdvice(assignableTypes = AnnouncementApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnnouncementApiProblems {

    static final String TYPE = "urn:warmline:problem:";
    private static final Logger log = LoggerFactory.getLogger(AnnouncementApiProblems.class);

    private final MessageSource messages;
    private final AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();

    AnnouncementApiProblems(MessageSource messages) {
        this.messages = messages;
        locales.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @ExceptionHandler(AnnouncementRefused.class)
    ResponseEntity<ProblemDetail> refused(AnnouncementRefused ex, HttpServletRequest request) {
        Locale locale = locales.resolveLocale(request);
        HttpStatus status = ex.kind() == AnnouncementRefused.Kind.CONFLICT ? HttpStatus.CONFLICT
                : HttpStatus.UNPROCESSABLE_CONTENT;
        List<Map<String, String>> errors = new ArrayList<>();
        for (AnnouncementRefused.Problem p : ex.problems()) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("field", p.field());
            error.put("code", p.key());
            error.put("message", messages.getMessage(p, locale));
            errors.add(error);
        }
        ProblemDetail problem = problem(status, status == HttpStatus.CONFLICT ? "announcement-state" : "invalid",
                messages.getMessage(ex, locale), request);
        problem.setProperty("code", ex.getCodes()[0]);
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @ExceptionHandler(AnnouncementNotFound.class)
    ResponseEntity<ProblemDetail> notFound(AnnouncementNotFound ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found",
                messages.getMessage("announcement.notFound", null, locales.resolveLocale(request)), request));
    }

    @ExceptionHandler(CaseForbidden.class)
    ResponseEntity<ProblemDetail> forbidden(CaseForbidden ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", text(ex, request), request));
    }

    @ExceptionHandler({TransitionRefused.class, CaseChanged.class})
    ResponseEntity<ProblemDetail> transition(RuntimeException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "refused", text((MessageSourceResolvable) ex, request),
                request);
        problem.setProperty("code", ((MessageSourceResolvable) ex).getCodes()[0]);
        return respond(problem);
    }

    /** The case a call names as the one it repeats does not exist. */
    @ExceptionHandler(CaseNotFound.class)
    ResponseEntity<ProblemDetail> caseNotFound(CaseNotFound ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid",
                messages.getMessage("intake.repeat.unknown", null, locales.resolveLocale(request)), request));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
        Locale locale = locales.resolveLocale(request);
        List<Map<String, String>> errors = new ArrayList<>();
        for (ObjectError error : ex.getBindingResult().getAllErrors()) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("field", error instanceof FieldError f ? f.getField() : error.getObjectName());
            e.put("message", messages.getMessage(apiCodes(error), locale));
            errors.add(e);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid",
                messages.getMessage("api.problem.invalid", null, locale), request);
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> malformed(HttpMessageNotReadableException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed",
                messages.getMessage("api.problem.malformed", null, locales.resolveLocale(request)), request));
    }

    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException ex, HttpServletRequest request) {
        log.error("announcement API request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                messages.getMessage("api.problem.internal", null, locales.resolveLocale(request)), request));
    }

    /** A validation error's message: the API's wording ({@code api.validation.*}) first, as the case API answers. */
    private static MessageSourceResolvable apiCodes(MessageSourceResolvable error) {
        String[] codes = error.getCodes() == null ? new String[0] : error.getCodes();
        String[] all = new String[codes.length * 2];
        for (int i = 0; i < codes.length; i++) {
            all[i] = "api.validation." + codes[i];
            all[codes.length + i] = codes[i];
        }
        return new org.springframework.context.support.DefaultMessageSourceResolvable(all, error.getArguments(),
                error.getDefaultMessage());
    }

    private String text(MessageSourceResolvable resolvable, HttpServletRequest request) {
        return messages.getMessage(resolvable, locales.resolveLocale(request));
    }

    private ProblemDetail problem(HttpStatus status, String type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(messages.getMessage("api.problem." + type + ".title", null, status.getReasonPhrase(),
                locales.resolveLocale(request)));
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
