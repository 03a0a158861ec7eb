package org.warmline.api;

import java.net.URI;
import java.time.Instant;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseForbidden;
import org.warmline.cases.CaseNotFound;
import org.warmline.cases.IdempotencyKeyReused;
import org.warmline.cases.TransitionRefused;
import org.warmline.files.FileRefused;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of the API as an RFC 9457 problem detail ({@code application/problem+json}) in the caller's language
 * (Accept-Language: Chinese by default, English), never with a stack trace or internals: unknown or out-of-scope case
 * 404, a role that may not act 403, a refused transition or a stale version 409 (with the case's current version),
 * invalid fields 400 with each field's message, malformed JSON 400, anything unexpected 500 (logged, not shown).
 */
@RestControllerAdvice(basePackageClasses = CaseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String TYPE = "urn:warmline:problem:";
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MessageSource messages;
    private final CaseDesk desk;
    private final AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();

    ApiExceptionHandler(MessageSource messages, CaseDesk desk) {
        this.messages = messages;
        this.desk = desk;
        locales.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        setMessageSource(messages);
    }

    // ---------------------------------------------------------------------------------------------- the desk's errors

    @ExceptionHandler(CaseNotFound.class)
    ResponseEntity<Object> notFound(CaseNotFound ex, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", message(ex, request), request, Map.of());
    }

    @ExceptionHandler(CaseForbidden.class)
    ResponseEntity<Object> forbidden(CaseForbidden ex, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", message(ex, request), request,
                Map.of("code", ex.getCodes()[0]));
    }

    @ExceptionHandler(TransitionRefused.class)
    ResponseEntity<Object> refused(TransitionRefused ex, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "refused", message(ex, request), request, Map.of("code", ex.key()));
    }

    /** The same Idempotency-Key with another body (draft-ietf-httpapi-idempotency-key-header): 422, nothing filed. */
    @ExceptionHandler(IdempotencyKeyReused.class)
    ResponseEntity<Object> keyReused(IdempotencyKeyReused ex, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", message(ex, request), request,
                Map.of("code", ex.key(), "caseNo", ex.firstCase()));
    }

    @ExceptionHandler(CaseChanged.class)
    ResponseEntity<Object> changed(CaseChanged ex, HttpServletRequest request) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", "case.changed");
        properties.put("caseNo", ex.caseNo());
        desk.find(ex.caseId()).ifPresent(c -> {
            properties.put("currentVersion", c.version());
            properties.put("currentState", c.state());
        });
        return problem(HttpStatus.CONFLICT, "changed", message(ex, request), request, properties);
    }

    @ExceptionHandler(FileRefused.class)
    ResponseEntity<Object> fileRefused(FileRefused ex, HttpServletRequest request) {
        HttpStatus status = ex.key().equals("files.refused.tooLarge") ? HttpStatus.CONTENT_TOO_LARGE
                : HttpStatus.UNPROCESSABLE_CONTENT;
        return problem(status, "file-refused", message(ex, request), request, Map.of("code", ex.key()));
    }

    @ExceptionHandler(InvalidHeader.class)
    ResponseEntity<Object> invalidHeader(InvalidHeader ex, HttpServletRequest request) {
        String message = messages.getMessage(new org.springframework.context.support.DefaultMessageSourceResolvable(
                ex.codes(), ex.arguments()), locales.resolveLocale(request));
        return invalid(List.of(fieldError(ex.header(), message)), request);
    }

    /** A header value Spring Security's firewall refuses (control or non-Latin characters): a 400, not a 500. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "rejected", text("api.problem.rejected", request), request, Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", text("api.problem.internal", request), request,
                Map.of());
    }

    // ---------------------------------------------------------------------------------------------- Spring MVC's errors

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest http = servlet(request);
        Locale locale = locales.resolveLocale(http);
        List<Map<String, String>> errors = new ArrayList<>();
        for (ObjectError error : ex.getBindingResult().getAllErrors()) {
            String field = error instanceof FieldError f ? f.getField() : error.getObjectName();
            errors.add(fieldError(field, messages.getMessage(apiCodes(error), locale)));
        }
        return invalid(errors, http);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest http = servlet(request);
        Locale locale = locales.resolveLocale(http);
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
            String name = header != null && !header.value().isEmpty() ? header.value()
                    : result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(fieldError(name, messages.getMessage(apiCodes(error), locale)));
            }
        });
        return invalid(errors, http);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest http = servlet(request);
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            // a body that stopped being readable for a reason of its own (too large: 413) is answered with that reason
            if (cause instanceof ErrorResponseException error) {
                return handleExceptionInternal(error, error.getBody(), error.getHeaders(), error.getStatusCode(),
                        request);
            }
            // an instant that is not ISO-8601 text in the desk's range (ApiInstants): a field error
            if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() == Instant.class) {
                String field = mismatch.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                        : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining("."));
                return invalid(List.of(fieldError(field, messages.getMessage("api.validation.Instant", null,
                        locales.resolveLocale(http)))), http);
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed", text("api.problem.malformed", http), http, Map.of());
    }

    /** Spring's own problem details (405, 415, a missing header, ...), resolved again in the caller's language. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        Object localized = body;
        if (ex instanceof ErrorResponse error) {
            localized = error.updateAndGetBody(messages, locales.resolveLocale(servlet(request)));
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, localized, headers, statusCode, request);
        if (response == null) {
            return null;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private ResponseEntity<Object> invalid(List<Map<String, String>> errors, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid", text("api.problem.invalid", request), request,
                Map.of("errors", errors));
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private ResponseEntity<Object> problem(HttpStatus status, String type, String detail, HttpServletRequest request,
                                           Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(text("api.problem." + type + ".title", request));
        problem.setInstance(URI.create(request.getRequestURI()));
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The API's own wording of a constraint first ({@code api.validation.NotBlank}), then the usual codes: generic
     * keys such as {@code NotBlank} would override the pages' explicit form messages, so the API keeps its under a
     * prefix.
     */
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

    private String message(MessageSourceResolvable resolvable, HttpServletRequest request) {
        return messages.getMessage(resolvable, locales.resolveLocale(request));
    }

    private String text(String key, HttpServletRequest request) {
        return messages.getMessage(key, null, key, locales.resolveLocale(request));
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
