package org.warmline.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

/**
 * The security headers of every response, in one place: Spring Security writes them on the answers of its filter chains
 * ({@link #configure}: the pages', the API's and the API description's), and {@link #apply} on the few answered before
 * those chains (a body over the size limit).
 * <ul>
 * <li>{@code Content-Security-Policy}: scripts, styles, fonts, connections and frames from the application only (no
 * inline script or style, no {@code eval}); images also as {@code data:} URIs, which Bootstrap's stylesheet uses for
 * its icons; forms post only to the application; no page may be framed.</li>
 * <li>{@code Strict-Transport-Security} when the request came over HTTPS (directly, or through a proxy whose
 * {@code X-Forwarded-Proto} the server trusts: {@code server.forward-headers-strategy=native}).</li>
 * <li>{@code X-Content-Type-Options: nosniff}.</li>
 * </ul>
 */
public final class SecurityHeaders {

    /** The Content-Security-Policy of every page. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** How long a browser keeps to HTTPS after an answer over HTTPS. */
    static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

    private SecurityHeaders() {
    }

    /** Spring Security's default headers of a filter chain, with this policy and HSTS. */
    public static void configure(HeadersConfigurer<HttpSecurity> headers) {
        configure(headers, CONTENT_SECURITY_POLICY);
    }

    /** Spring Security's default headers of a filter chain, with a policy of its own and HSTS. */
    public static void configure(HeadersConfigurer<HttpSecurity> headers, String policy) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                        .maxAgeInSeconds(HSTS_MAX_AGE.toSeconds()));
    }

    /** Writes the headers on a response made outside Spring Security's filter chains. */
    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security",
                    "max-age=" + HSTS_MAX_AGE.toSeconds() + " ; includeSubDomains");
        }
    }
}
