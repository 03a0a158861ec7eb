package org.warmline.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one handler of the API's errors: every {@code @RestController} (the API under {@code /api}; the pages are
 * {@code @Controller}s) answers errors as RFC 9457 problem details ({@code application/problem+json}, {@link Problems})
 * in the caller's language, never with a stack trace or internals. A module's own errors carry their status, type,
 * message and members ({@link ApiProblem}: a case not found 404, a role that may not act 403, a refused transition or
 * a stale version 409, a refused file 413/422, …), so this handler knows no module. Besides them: invalid fields 400
 * with each field's message, malformed JSON 400, a request the firewall refuses 400, a query string with broken
 * percent-encoding 400, Spring MVC's own errors (405, 415, a missing header, a parameter of the wrong type, …) in the
 * caller's language ({@code problemDetail.*} in the message files), anything unexpected 500 (logged, not shown). The
 * security filter chains answer 401 and 403 before any controller, in the same shape (security's {@code ApiProblems}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** The type of a request with invalid fields (400, with {@code errors}). */
    static final String INVALID = "invalid";
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MessageSource messages;
    private final Problems problems;

    ApiExceptionHandler(MessageSource messages, Problems problems) {
        this.messages = messages;
        this.problems = problems;
        setMessageSource(messages);
    }

    // ---------------------------------------------------------------------------------------------- the modules' errors

    /** A header value Spring Security's firewall refuses (control or non-Latin characters): a 400, not a 500. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex, HttpServletRequest request) {
        return answer(problems.of(HttpStatus.BAD_REQUEST, "rejected", "api.problem.rejected", request));
    }

    /** A module's error ({@link ApiProblem}) as it says; anything else unexpected: 500, logged. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> other(Exception ex, HttpServletRequest request) {
        if (ex instanceof ApiProblem problem) {
            return answer(problems.of(problem, request));
        }
        // a query string whose percent-encoding is broken (%ZZ, a cut UTF-8 sequence): the client's error, not ours
        if (ex instanceof org.apache.tomcat.util.http.InvalidParameterException) {
            return answer(problems.of(HttpStatus.BAD_REQUEST, "bad-query", "api.problem.bad-query", request));
        }
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
        return answer(problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "api.problem.internal", request));
    }

    // ---------------------------------------------------------------------------------------------- Spring MVC's errors

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ObjectError error : ex.getBindingResult().getAllErrors()) {
            String field = error instanceof FieldError f ? f.getField() : error.getObjectName();
            errors.add(Problems.fieldError(field, apiCodes(error)));
        }
        return invalid(errors, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
            String name = header != null && !header.value().isEmpty() ? header.value()
                    : result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(Problems.fieldError(name, apiCodes(error)));
            }
        });
        return invalid(errors, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest http = servlet(request);
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            // a body that stopped being readable for a reason of its own (too large: 413) is answered with that reason
            if (cause instanceof ApiProblem problem) {
                return answer(problems.of(problem, http));
            }
            if (cause instanceof ErrorResponseException error) {
                return handleExceptionInternal(error, error.getBody(), error.getHeaders(), error.getStatusCode(),
                        request);
            }
            // an instant that is not ISO-8601 text in the desk's range (ApiInstants): a field error
            if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() == Instant.class) {
                String field = mismatch.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                        : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
                return invalid(List.of(Problems.fieldError(field, Problems.message("api.validation.Instant"))), http);
            }
        }
        return answer(problems.of(HttpStatus.BAD_REQUEST, "malformed", "api.problem.malformed", http));
    }

    /** A parameter of the wrong type ({@code size=abc}): 400 naming it and its value (cut short), in the caller's language. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                ? m.getName() : ex.getPropertyName();
        String value = String.valueOf(ex.getValue());
        if (value.length() > 100) {
            value = value.substring(0, 100) + "…";
        }
        return answer(problems.of(HttpStatus.BAD_REQUEST, "type-mismatch",
                Problems.message("problemDetail.org.springframework.beans.TypeMismatchException", name, value), Map.of(),
                servlet(request)));
    }

    /** Spring's own problem details (405, 415, a missing header, ...), resolved again in the caller's language. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex,
                inCallersLanguage(ex, body, messages, servlet(request)), headers, statusCode, request);
        if (response == null) {
            return null;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Spring's problem details of {@code ex} resolved again in the API caller's language ({@link ApiLocale}). */
    static Object inCallersLanguage(Exception ex, Object body, MessageSource messages, HttpServletRequest request) {
        return ex instanceof ErrorResponse error && request != null
                ? error.updateAndGetBody(messages, ApiLocale.of(request)) : body;
    }

    private ResponseEntity<Object> invalid(List<Map<String, Object>> errors, HttpServletRequest request) {
        return answer(problems.of(HttpStatus.BAD_REQUEST, INVALID, Problems.message("api.problem.invalid"),
                Map.of("errors", errors), request));
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
        return new DefaultMessageSourceResolvable(all, error.getArguments(), error.getDefaultMessage());
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
