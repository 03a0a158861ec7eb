package org.warmline.assessing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.warmline.ledger.LedgerException;
import org.warmline.ledger.LedgerProblem;

/** The assessment API's errors as RFC 9457 problem details, in the caller's language, naming the field or the rows. */
@RestControllerAdvice(assignableTypes = AssessmentApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AssessmentApiProblems {

    static final String TYPE = "urn:warmline:problem:";

    private final MessageSource messages;

    AssessmentApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(AssessmentRefused.class)
    ResponseEntity<ProblemDetail> refused(AssessmentRefused ex, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(ex.status());
        String detail = messages.getMessage(ex.key(), ex.args(), ApiLocale.of(request));
        ProblemDetail problem = problem(status, status == HttpStatus.BAD_REQUEST ? "invalid" : "assessment",
                detail, request);
        problem.setProperty("code", ex.key());
        if (ex.field() != null) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("field", ex.field());
            error.put("message", detail);
            problem.setProperty("errors", List.of(error));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> ledger(LedgerException ex, HttpServletRequest request) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = problem(status, "ledger", messages.getMessage("assessing.import.problems",
                new Object[] {ex.problems().size()}, ApiLocale.of(request)), request);
        problem.setProperty("problems", ex.problems().stream().map(LedgerProblem::toString).toList());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private ProblemDetail problem(HttpStatus status, String type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(messages.getMessage("assessing.problem." + type, null, ApiLocale.of(request)));
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
