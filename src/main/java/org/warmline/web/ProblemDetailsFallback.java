package org.warmline.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Spring MVC's own errors where {@link ApiExceptionHandler} does not answer (an unknown address, or a method no
 * handler of the address takes). Under {@code /api} they are problem details in the caller's language
 * ({@link ApiLocale}), as the API's own: Spring Boot's handler for that backs off because {@link ApiExceptionHandler}
 * is a {@link ResponseEntityExceptionHandler} too, so this one takes its place, after it. A page gets the error page
 * of its status, in the layout and the user's language, like every other error of a page.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsFallback extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest http = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        HttpServletResponse response = ((NativeWebRequest) request).getNativeResponse(HttpServletResponse.class);
        if (http != null && response != null && !ApiLocale.isApi(http)) {
            try {
                response.sendError(statusCode.value()); // the container shows the error page (/error)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        return super.handleExceptionInternal(ex,
                http == null ? body : ApiExceptionHandler.inCallersLanguage(ex, body, getMessageSource(), http),
                headers, statusCode, request);
    }
}
