package org.warmline.assessing;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.warmline.web.LayoutAdvice;

/**
 * A period, instant or request the assessment pages cannot take ({@code /assessments/bogus/result.xlsx},
 * {@code /assessments/2026-13/subjects/B01}): the error page with the reason in the user's language and its status
 * (400, or 403/404), never a 500.
 */
@ControllerAdvice(assignableTypes = AssessmentPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AssessmentPageErrors {

    @ExceptionHandler(AssessmentRefused.class)
    String refused(AssessmentRefused e, Model model, HttpServletResponse response) {
        response.setStatus(e.status());
        return LayoutAdvice.errorPage(model, e.status(), e.key(), e.args());
    }
}
