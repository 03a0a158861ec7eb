package org.warmline.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own errors as problem details everywhere else (for instance an unknown path under {@code /api}), as
 * {@code spring.mvc.problemdetails.enabled=true} does: Spring Boot's handler for it backs off because
 * {@link ApiExceptionHandler} is a {@link ResponseEntityExceptionHandler} too, so this one takes its place, after it.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsFallback extends ResponseEntityExceptionHandler {
}
