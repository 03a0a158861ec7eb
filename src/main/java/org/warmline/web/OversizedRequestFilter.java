package org.warmline.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.util.HtmlUtils;

/**
 * Request bodies are limited while they stream, declared or chunked: a multipart upload to
 * {@code spring.servlet.multipart.max-request-size}, every other body (JSON, forms, anything) to
 * {@code warmline.web.max-body-size}. Anything larger is refused with 413 — a short page in the user's language, or an
 * RFC 9457 problem in the caller's language (Accept-Language) for the API — and nothing behind this filter acts on it:
 * <ul>
 * <li>a declared {@code Content-Length} over the limit is refused before anything reads the body;</li>
 * <li>forms and multipart bodies are parsed here, by the container under its own limits
 * ({@code server.tomcat.max-http-form-post-size}, set to the body limit, and the multipart limits), before Spring
 * Security's CSRF check reads them — a body over the limit stops the parsing and is refused here;</li>
 * <li>any other body is read through a stream that stops at the limit: whoever reads it (the JSON reader) fails at
 * once with {@link BodyTooLarge}, a 413 problem that Spring MVC answers in the caller's language (the API's problem
 * handling); should anything else catch it, the answer is replaced by the 413 here if it was not sent yet.</li>
 * </ul>
 * Runs after the character-encoding filter (so forms are decoded as UTF-8) and before Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OversizedRequestFilter extends OncePerRequestFilter {

    /** Set on the request when its body went over the limit while it was read. */
    static final String EXCEEDED = OversizedRequestFilter.class.getName() + ".exceeded";

    private final long multipartLimit;
    private final long bodyLimit;
    private final MessageSource messages;
    private final LocaleResolver pageLocales;
    private final ObjectProvider<ResourceUrlProvider> staticLinks;
    private final Problems problems;

    OversizedRequestFilter(@Value("${spring.servlet.multipart.max-request-size:21MB}") DataSize multipartLimit,
                           @Value("${warmline.web.max-body-size:1MB}") DataSize bodyLimit,
                           MessageSource messages, LocaleResolver pageLocales, Problems problems,
                           ObjectProvider<ResourceUrlProvider> staticLinks) {
        this.staticLinks = staticLinks;
        this.multipartLimit = multipartLimit.toBytes();
        this.bodyLimit = bodyLimit.toBytes();
        this.messages = messages;
        this.pageLocales = pageLocales;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean multipart = has(request, MediaType.MULTIPART_FORM_DATA);
        long limit = multipart ? multipartLimit : bodyLimit;
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, multipart, limit);
            return;
        }
        if (multipart || has(request, MediaType.APPLICATION_FORM_URLENCODED)) {
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            try {
                request.getParameterNames(); // the container parses the body now, within its limits
            } catch (InvalidParameterException e) {
                if (e.getErrorCode() != HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
                    throw e;
                }
                refuse(request, response, multipart, limit);
                return;
            }
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (request.getAttribute(EXCEEDED) == null || response.isCommitted()) {
                throw e;
            }
        }
        if (request.getAttribute(EXCEEDED) != null && !response.isCommitted()) {
            response.reset();
            refuse(request, response, multipart, limit);
        }
    }

    private static boolean has(HttpServletRequest request, MediaType type) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            return type.includes(MediaType.parseMediaType(contentType));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean upload, long limit)
            throws IOException {
        boolean api = ApiLocale.isApi(request);
        String key = upload ? "error.tooLarge" : "error.bodyTooLarge";
        // the rest of the body is not wanted: Tomcat discards at most server.tomcat.max-swallow-size of it, then closes
        response.setHeader("Connection", "close");
        SecurityHeaders.apply(request, response);
        if (api) {
            problems.write(problems.of(new BodyTooLarge(key, limit), request), response);
        } else {
            Locale locale = pageLocales.resolveLocale(request);
            String text = messages.getMessage(key, new Object[] {size(limit)}, "Too large", locale);
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String title = messages.getMessage("app.name", null, "Warmline", locale);
            String home = messages.getMessage("error.home", null, "Home", locale);
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head>"
                    + "<meta charset=\"UTF-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + HtmlUtils.htmlEscape(title) + "</title><link rel=\"stylesheet\" href=\""
                    + request.getContextPath() + bootstrap() + "\"></head>"
                    + "<body class=\"container py-4\"><h1 class=\"h3\">413</h1><p id=\"error-reason\" class=\"lead\">"
                    + HtmlUtils.htmlEscape(text) + "</p><p><a href=\"" + request.getContextPath() + "/\">"
                    + HtmlUtils.htmlEscape(home) + "</a></p></body></html>");
        }
        response.flushBuffer(); // the client learns at once, while it may still be sending
    }

    /**
     * A body read past its limit: a 413 problem in the caller's language (the API's handler answers it, type
     * {@code too-large}, detail {@code error.bodyTooLarge}, or {@code error.tooLarge} for an upload). Unchecked, so
     * that the JSON reader lets it through instead of reporting malformed JSON.
     */
    static final class BodyTooLarge extends RuntimeException implements ApiProblem {

        private final String key;
        private final long limit;

        BodyTooLarge(String key, long limit) {
            super(key, null, false, false);
            this.key = key;
            this.limit = limit;
        }

        @Override
        public int status() {
            return HttpStatus.PAYLOAD_TOO_LARGE.value();
        }

        @Override
        public String type() {
            return "too-large";
        }

        @Override
        public MessageSourceResolvable detail() {
            return Problems.message(key, size(limit));
        }
    }

    /** A limit as the messages show it: {@code 1 MB}, {@code 64 KB}. */
    static String size(long limit) {
        DataSize size = DataSize.ofBytes(limit);
        return size.toMegabytes() >= 1 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    /** The request with its body readable up to the limit only; reading past it fails and marks the request. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private LimitedStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit, (HttpServletRequest) getRequest());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    /** Counts what is read and fails past the limit. */
    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final HttpServletRequest request;
        private long read;

        LimitedStream(ServletInputStream in, long limit, HttpServletRequest request) {
            this.in = in;
            this.limit = limit;
            this.request = request;
        }

        private void count(long n) {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    request.setAttribute(EXCEEDED, Boolean.TRUE);
                    throw new BodyTooLarge("error.bodyTooLarge", limit);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            count(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** Bootstrap's stylesheet by its version, as the pages link it (a browser keeps it for a year). */
    private String bootstrap() {
        String path = "/webjars/bootstrap/css/bootstrap.min.css";
        ResourceUrlProvider links = staticLinks.getIfAvailable();
        String versioned = links == null ? null : links.getForLookupPath(path);
        return versioned != null ? versioned : path;
    }
}
