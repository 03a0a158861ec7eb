package org.warmline.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own errors as problem details everywhere else (for instance an unknown path under {@code /api}, or a
 * method no handler of the address takes), as {@code spring.mvc.problemdetails.enabled=true} does: Spring Boot's handler
 * for it backs off because {@link ApiExceptionHandler} is a {@link ResponseEntityExceptionHandler} too, so this one
 * takes its place, after it. Under {@code /api} the texts are in the caller's language ({@link ApiLocale}), as the
 * API's own; elsewhere in the page's.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsFallback extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest http = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        boolean api = http != null && ApiLocale.isApi(http);
        return super.handleExceptionInternal(ex,
                api ? ApiExceptionHandler.inCallersLanguage(ex, body, getMessageSource(), http) : body, headers,
                statusCode, request);
    }
}
