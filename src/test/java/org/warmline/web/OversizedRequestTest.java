package org.warmline.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over its limit, sent to the real server — with its length declared, or chunked so that only reading it tells —
 * gets a short page in the user's language (or a problem for the API) with 413, not the servlet container's bare error
 * page and not a 500, and nothing behind it runs: multipart uploads up to the multipart limit (1 MB here), every other
 * body (JSON, forms) up to {@code warmline.web.max-body-size} (64 KB here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:oversized;DB_CLOSE_DELAY=-1",
                "spring.servlet.multipart.max-request-size=1MB", "spring.servlet.multipart.max-file-size=1MB",
                "warmline.web.max-body-size=64KB"})
class OversizedRequestTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    /** A request written byte for byte to the server, and its whole answer. */
    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A body of unknown length: the client sends it chunked. */
    private static HttpRequest.BodyPublisher chunked(String head, int filler, char fill, String tail) {
        byte[] middle = new byte[filler];
        Arrays.fill(middle, (byte) fill);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(
                java.util.List.<InputStream>of(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayInputStream(middle),
                        new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8))))));
    }

    private String agentToken() {
        String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "secret password", Role.AGENT, null, null);
        return accounts.newApiToken(username);
    }

    private static String online(String demand) {
        return "{\"channel\":\"WECHAT\",\"category\":\"COMPLAINT\",\"topic\":\"LEAK\",\"citizenPhone\":\"13812345678\","
                + "\"demand\":\"" + demand;
    }

    @Test
    void aPageUploadOverTheLimitGetsAPageInTheUsersLanguage() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        HttpResponse<String> zh = send(request("/admin/import")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(413);
        assertThat(zh.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(zh.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(zh.body()).contains("上传的文件过大").doesNotContain("Exception").doesNotContain("Tomcat");
        // styled like the pages, with Bootstrap by its version (the browser keeps a versioned link for a year)
        assertThat(zh.body()).containsPattern("href=\"/webjars/bootstrap/[0-9][0-9.]*/css/bootstrap\\.min\\.css\"");

        HttpResponse<String> en = send(request("/admin/import").header("Cookie", "warmline-lang=en")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(en.statusCode()).isEqualTo(413);
        assertThat(en.body()).contains("The uploaded file is too large");
    }

    @Test
    void aChunkedUploadOverTheLimitIsRefusedWhileItStreams() throws Exception {
        String head = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ledger.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        HttpResponse<String> response = send(request("/admin/import")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(chunked(head, 3 * 1024 * 1024, 'x', "\r\n--xyz--\r\n")));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("上传的文件过大").doesNotContain("Exception");
    }

    @Test
    void anApiBodyOverTheLimitGetsAProblem() throws Exception {
        HttpResponse<String> response = send(request("/api/cases")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":413");
    }

    /**
     * What the container and Spring MVC refuse before any controller speaks the caller's language too: a query string
     * with broken percent-encoding (Tomcat's, a 500 before), a method or a media type the address does not take, a
     * parameter of the wrong type.
     */
    @Test
    void malformedQueriesWrongMethodsTypesAndParametersAreProblemsInTheCallersLanguage() throws Exception {
        String token = agentToken();
        for (String query : new String[] {"q=%ZZ", "q=%E6%9A"}) {
            // java.net.URI refuses such an address, so it goes over a socket as a client would send it
            String broken = raw("GET /api/cases?" + query + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n");
            assertThat(broken).as(query).startsWith("HTTP/1.1 400").contains("\"status\":400", "参数编码不正确")
                    .doesNotContain("Exception");
        }
        HttpResponse<String> method = send(request("/api/cases").header("Authorization", "Bearer " + token).DELETE());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.body()).contains("不支持的请求方法", "此地址不接受 DELETE 请求");
        HttpResponse<String> methodEn = send(request("/api/cases").header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en").DELETE());
        assertThat(methodEn.body()).contains("Method not allowed", "does not accept DELETE");
        HttpResponse<String> type = send(request("/api/cases/online").header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(type.statusCode()).isEqualTo(415);
        assertThat(type.body()).contains("不支持的内容类型", "text/plain");
        HttpResponse<String> parameter = send(request("/api/cases?size=abc").header("Authorization", "Bearer " + token));
        assertThat(parameter.statusCode()).isEqualTo(400);
        assertThat(parameter.body()).contains("参数取值有误", "abc").doesNotContain("Failed to convert");
        HttpResponse<String> parameterEn = send(request("/api/cases?size=abc").header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en"));
        assertThat(parameterEn.body()).contains("Invalid parameter", "is not in the right form");
        // an address no handler takes: the texts whole, not a pattern with its placeholders
        HttpResponse<String> unknown = send(request("/api/no-such-thing").header("Authorization", "Bearer " + token));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"title\":\"未找到\"", "没有这个地址。", "/api/no-such-thing")
                .doesNotContain("{0}");
        HttpResponse<String> unknownEn = send(request("/api/no-such-thing").header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en"));
        assertThat(unknownEn.body()).contains("Not found", "There is no such address.").doesNotContain("{0}");
    }

    @Test
    void anAddressTheFirewallRefusesIsAProblemInTheCallersLanguageOrTheErrorPage() throws Exception {
        String token = agentToken();
        // an encoded semicolon in the path: Spring Security's firewall refuses it before any controller
        HttpResponse<String> api = send(request("/api/cases/2026%3B--").header("Authorization", "Bearer " + token));
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.body()).contains("urn:warmline:problem:rejected", "请求被拒绝", "未作任何处理")
                .doesNotContain("Bad Request", "Exception");
        HttpResponse<String> apiEn = send(request("/api/cases/2026%3B--").header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en"));
        assertThat(apiEn.body()).contains("Request refused", "nothing was done");
        HttpResponse<String> page = send(request("/cases/2026%3B--").header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("暖线").doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void aChunkedJsonBodyOverTheLimitIsRefusedInTheCallersLanguageAndFilesNothing() throws Exception {
        String token = agentToken();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> zh = send(request("/api/cases/online").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(chunked(online(""), 3 * 1024 * 1024, 'a', "\"}")));
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(413);
        assertThat(zh.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(zh.body()).contains("\"status\":413").contains("提交的内容过大").contains("64 KB");

        HttpResponse<String> en = send(request("/api/cases/online").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).header("Accept-Language", "en").header("Content-Type", "application/json")
                .POST(chunked(online(""), 3 * 1024 * 1024, 'a', "\"}")));
        assertThat(en.statusCode()).isEqualTo(413);
        assertThat(en.body()).contains("too large");
        assertThat(jdbc.sql("select count(*) from petition_case where idempotency_key like ?").param("%" + key)
                .query(Long.class).single()).isZero();

        // a declared length over the body limit (under the multipart one) is refused before it is read
        HttpResponse<String> declared = send(request("/api/cases/online").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(online("a".repeat(100_000)) + "\"}")));
        assertThat(declared.statusCode()).isEqualTo(413);

        // under the limit, chunked, the case is filed as usual
        HttpResponse<String> small = send(request("/api/cases/online").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(chunked(online(""), 1000, 'a', "\"}")));
        assertThat(small.statusCode()).isEqualTo(201);
    }

    @Test
    void aChunkedFormOverTheLimitGetsAPageNotAForbiddenCsrfAnswer() throws Exception {
        HttpResponse<String> response = send(request("/public/new")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(chunked("channel=WECHAT&demand=", 200_000, 'a', "&citizenPhone=13812345678")));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(response.body()).contains("提交的内容过大").doesNotContain("Exception");
    }
}
