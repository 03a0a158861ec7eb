package org.warmline.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers of the real server: the Content-Security-Policy on pages and API, SameSite=Lax on the session and language
 * cookies, and HSTS only when the request came over HTTPS — here through a proxy's {@code X-Forwarded-Proto}, which the
 * server trusts with {@code server.forward-headers-strategy=native} from an internal address (the test's loopback).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:headers;DB_CLOSE_DELAY=-1",
                "server.forward-headers-strategy=native"})
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerHasThePolicyAndTheCookiesStayOnTheSite() throws Exception {
        HttpResponse<String> login = get("/login?lang=en");
        assertThat(login.headers().firstValue("Content-Security-Policy")).contains(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                        + "frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("SameSite=Lax"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("warmline-lang=en"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();

        assertThat(get("/api/me").headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(get("/public/new").headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(get("/swagger-ui/index.html").headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void httpsBehindAProxyGetsHstsAndASecureCookie() throws Exception {
        HttpResponse<String> login = get("/login", "X-Forwarded-Proto", "https");
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .contains("max-age=31536000 ; includeSubDomains");
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("Secure"));
        assertThat(get("/public/new", "X-Forwarded-Proto", "https").headers()
                .firstValue("Strict-Transport-Security")).isPresent();
    }
}
