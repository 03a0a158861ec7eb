package org.warmline.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.warmline.web.Problems;

/**
 * The API's 401 and 403 from the security filter chains, before any controller, as the API's problem details in the
 * caller's language ({@link Problems}: types {@code unauthorized} and {@code forbidden}).
 */
class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;

    ApiProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "api.problem.unauthorized", request),
                response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        problems.write(problems.of(HttpStatus.FORBIDDEN, "forbidden", "api.problem.forbidden", request), response);
    }
}
