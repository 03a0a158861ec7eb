package org.warmline.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses a request whose declared body is larger than the multipart limit before anything reads it — before Spring
 * Security's CSRF check parses the form, which would otherwise make the servlet container answer with its own bare
 * "413" page. The user gets a short page in their language instead; an API client gets an RFC 9457 problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OversizedRequestFilter extends OncePerRequestFilter {

    private final long limit;
    private final MessageSource messages;
    private final LocaleResolver locales;

    OversizedRequestFilter(@Value("${spring.servlet.multipart.max-request-size:21MB}") DataSize limit,
                           MessageSource messages, LocaleResolver locales) {
        this.limit = limit.toBytes();
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= limit) {
            chain.doFilter(request, response);
            return;
        }
        Locale locale = locales.resolveLocale(request);
        String text = messages.getMessage("error.tooLarge", null, "Too large", locale);
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Connection", "close");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                    + "\"detail\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            return;
        }
        response.setContentType("text/html");
        String title = messages.getMessage("app.name", null, "Warmline", locale);
        String home = messages.getMessage("error.home", null, "Home", locale);
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body style=\"font-family:sans-serif;margin:2rem\">"
                + "<h1>413</h1><p id=\"error-reason\">" + HtmlUtils.htmlEscape(text) + "</p>"
                + "<p><a href=\"" + request.getContextPath() + "/\">" + HtmlUtils.htmlEscape(home) + "</a></p></body></html>");
    }
}
