package org.warmline.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over the upload limit, sent to the real server, gets a short page in the user's language (or a problem for
 * the API) with 413 — not the servlet container's bare error page and not a 500 — and nothing behind it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:oversized;DB_CLOSE_DELAY=-1",
                "spring.servlet.multipart.max-request-size=1MB", "spring.servlet.multipart.max-file-size=1MB"})
class OversizedRequestTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String path, String cookie) throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aPageUploadOverTheLimitGetsAPageInTheUsersLanguage() throws Exception {
        HttpResponse<String> zh = post("/admin/import", null);
        assertThat(zh.statusCode()).isEqualTo(413);
        assertThat(zh.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(zh.body()).contains("上传的文件过大").doesNotContain("Exception").doesNotContain("Tomcat");

        HttpResponse<String> en = post("/admin/import", "warmline-lang=en");
        assertThat(en.statusCode()).isEqualTo(413);
        assertThat(en.body()).contains("The uploaded file is too large");
    }

    @Test
    void anApiBodyOverTheLimitGetsAProblem() throws Exception {
        HttpResponse<String> response = post("/api/cases", null);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":413");
    }
}
