package org.warmline.durability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.security.TestPasswords;
import org.warmline.persistence.Databases;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability of case files: the real server, as its own process on a real PostgreSQL, takes file uploads
 * ({@code POST /api/cases/{caseNo}/attachments}, documents of about 600 KB, so each is several chunks) from four
 * clients and is killed with {@code kill -9} in the middle of them. Restarted on the same database it has every file
 * it acknowledged with 201, byte for byte (its SHA-256, and a download of it), and no half-stored file: no stored
 * content that no attachment refers to, no attachment whose chunks do not add up to its size.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadKillNineTest {

    private static final int CLIENTS = 4;
    private static final int MIN_ACKS_BEFORE_KILL = 12;
    private static final int MAX_UPLOADS = 400;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SHA = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern CASE_NO = Pattern.compile("\"caseNo\"\\s*:\\s*\"([^\"]+)\"");

    private final Path workDir = Paths.get("target", "durability-uploads").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private JdbcClient jdbc;
    private ChildServers servers;

    @BeforeAll
    void database() throws Exception {
        Files.createDirectories(workDir);
        DataSource db = Databases.postgres();
        jdbc = JdbcClient.create(db);
        String jdbcUrl;
        String username;
        try (Connection c = db.getConnection()) {
            jdbcUrl = c.getMetaData().getURL().replace("//localhost:", "//127.0.0.1:");
            username = c.getMetaData().getUserName();
        }
        AccountStore accounts = new AccountStore(jdbc, new JdbcTransactionManager(db),
                TestPasswords.encoder());
        accounts.create("upload-agent", "durability-password", Role.AGENT, null, null);
        servers = new ChildServers(workDir, jdbcUrl, username, accounts.newApiToken("upload-agent"), http);
    }

    @AfterAll
    void killTheServers() {
        servers.stopAll();
    }

    /** A PDF of about 600 KB, different for every seed (its stream is random bytes, stored, not compressed). */
    private static byte[] document(long seed) {
        byte[] random = new byte[600 * 1024];
        new Random(seed).nextBytes(random);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Length " + random.length
                + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        pdf.writeBytes(random);
        pdf.writeBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return pdf.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private HttpResponse<String> upload(ChildServers.Server server, String caseNo, String name, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----warmline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = servers.authorized(URI.create(server.base() + "/api/cases/" + caseNo + "/attachments"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no " + p + " in " + body);
        }
        return m.group(1);
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyFileAcknowledgedWith201SurvivesAKill9WholeAndNothingIsHalfStored() throws Exception {
        ChildServers.Server first = servers.start("--warmline.attachments.max-per-case=100000");
        HttpResponse<String> created = http.send(servers.authorized(URI.create(first.base() + "/api/cases/online"))
                .header("Idempotency-Key", "upload-kill9").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"WECHAT\",\"category\":\"COMPLAINT\","
                        + "\"topic\":\"室温不达标\",\"citizenPhone\":\"13812345678\",\"demand\":\"暖气不热\"}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String caseNo = group(CASE_NO, created.body());

        Map<Long, String> acknowledged = new ConcurrentHashMap<>(); // attachment id -> SHA-256 answered
        Map<Long, String> sentSha = new ConcurrentHashMap<>();      // attachment id -> SHA-256 of what was sent
        Set<Integer> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int t = 0; t < CLIENTS; t++) {
                running.add(clients.submit(() -> {
                    int n;
                    while (!stop.get() && (n = sent.incrementAndGet()) <= MAX_UPLOADS) {
                        byte[] content = document(n);
                        try {
                            HttpResponse<String> r = upload(first, caseNo, "记录" + n + ".pdf", content);
                            if (r.statusCode() == 201) {
                                long id = Long.parseLong(group(ID, r.body()));
                                acknowledged.put(id, group(SHA, r.body()));
                                sentSha.put(id, sha256(content));
                            } else {
                                refused.add(r.statusCode());
                            }
                        } catch (IOException e) {
                            if (!first.process().isAlive()) {
                                return null; // the server is gone: this one was in flight
                            }
                        }
                    }
                    return null;
                }));
            }
            long latest = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < MIN_ACKS_BEFORE_KILL && System.nanoTime() < latest
                    && sent.get() < MAX_UPLOADS) {
                Thread.sleep(5);
            }
            assertThat(sent.get()).as("uploads still running at the kill").isLessThan(MAX_UPLOADS);
            ChildServers.kill9(first.process());
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }
        assertThat(refused).as("answers other than 201 before the kill").isEmpty();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(MIN_ACKS_BEFORE_KILL);
        assertThat(acknowledged).as("the server answered the SHA-256 of what was sent").isEqualTo(sentSha);

        ChildServers.Server second = servers.start();
        Map<Long, String> stored = new ConcurrentHashMap<>();
        jdbc.sql("select a.id, a.sha256 from case_attachment a").query(rs -> {
            stored.put(rs.getLong(1), rs.getString(2));
        });
        assertThat(stored).as("every acknowledged file, with its content's hash").containsAllEntriesOf(acknowledged);
        assertThat(jdbc.sql("select count(*) from stored_file f where not exists (select 1 from case_attachment a "
                + "where a.file_id = f.id or a.preview_id = f.id)").query(Long.class).single())
                .as("stored contents of no file (half-stored uploads)").isZero();
        assertThat(jdbc.sql("select count(*) from stored_file f where f.size_bytes <> coalesce((select "
                + "sum(octet_length(c.data)) from stored_file_chunk c where c.file_id = f.id), 0)")
                .query(Long.class).single()).as("files whose chunks do not add up").isZero();
        for (Long id : new ArrayList<>(acknowledged.keySet()).subList(0, Math.min(5, acknowledged.size()))) {
            HttpResponse<byte[]> download = http.send(servers.authorized(URI.create(second.base() + "/api/cases/"
                    + caseNo + "/attachments/" + id)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(sha256(download.body())).isEqualTo(acknowledged.get(id));
        }
        System.out.printf("[durability] uploads: %d sent, %d acknowledged before the kill, %d files stored after the "
                + "restart%n", sent.get(), acknowledged.size(), stored.size());
    }
}
