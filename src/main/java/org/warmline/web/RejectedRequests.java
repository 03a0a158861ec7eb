package org.warmline.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses before any controller (an encoded semicolon, slash or percent sign in
 * the path, a control character in a header): a 400, for the API the same problem in the caller's language as
 * {@link ApiExceptionHandler} gives when the refusal comes later, for a page the error page. Spring Security takes
 * this bean for its filter chains instead of its own handler, which left the answer to the container's English default.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private final Problems problems;

    RejectedRequests(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (ApiLocale.isApi(request)) {
            SecurityHeaders.apply(request, response);
            problems.write(problems.of(HttpStatus.BAD_REQUEST, "rejected", "api.problem.rejected", request), response);
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
