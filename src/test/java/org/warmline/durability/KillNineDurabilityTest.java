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
import java.util.HashMap;
import java.util.HashSet;
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
import org.warmline.persistence.Databases;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;
import org.warmline.security.TestPasswords;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: the real server, as a separate OS process on a real PostgreSQL, takes online cases from 8 concurrent
 * clients and file uploads ({@code POST /api/cases/{caseNo}/attachments}, documents of about 600 KB, so each is several
 * chunks) from 4 more, and is killed with {@code kill -9} (SIGKILL, no shutdown hook, no connection closed cleanly) in
 * the middle of that load. Restarted on the same database:
 * <ul>
 * <li>it still has every case it acknowledged with 201 — under the case number it answered, exactly once per
 * idempotency key, with its history — and no case of a request that was answered with anything else; requests in
 * flight at the kill (no answer) may or may not have been stored; it takes new cases and answers a repeated key with
 * the case made before the kill;</li>
 * <li>it has every file it acknowledged with 201, byte for byte (its SHA-256, and a download of it), and no
 * half-stored file: no stored content that no attachment refers to, no attachment whose chunks do not add up to its
 * size.</li>
 * </ul>
 * One kill serves both, so the suite starts two servers, not four.
 *
 * <p>The child's output goes to {@code target/durability/server-N.log} ({@link ChildServers}).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillNineDurabilityTest {

    private static final int CLIENTS = 8;
    private static final int UPLOAD_CLIENTS = 4;
    private static final Duration LOAD = Duration.ofSeconds(2);
    private static final int MIN_ACKS_BEFORE_KILL = 200;
    private static final int MIN_UPLOADS_BEFORE_KILL = 12;
    private static final int MAX_REQUESTS = 5000;
    private static final int MAX_UPLOADS = 400;
    private static final Pattern CASE_NO = Pattern.compile("\"caseNo\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SHA = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final String BODY = """
            {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
             "address":"幸福小区%d号楼","demand":"暖气不热 %s"}""";

    private final Path workDir = Paths.get("target", "durability").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private JdbcClient jdbc;
    private ChildServers servers;

    // what the load saw before the kill, and the server restarted after it
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // idempotency key -> case number
    private final Set<String> inDoubt = ConcurrentHashMap.newKeySet(); // no answer: in flight at the kill, or after
    private final Map<String, Integer> refused = new ConcurrentHashMap<>(); // answered, but not 201
    private final Map<Long, String> filesAcknowledged = new ConcurrentHashMap<>(); // attachment id -> SHA-256 answered
    private final Map<Long, String> filesSent = new ConcurrentHashMap<>(); // attachment id -> SHA-256 of what was sent
    private final Set<Integer> filesRefused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger uploadsSent = new AtomicInteger();
    private String uploadCase;
    private ChildServers.Server second;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aServerUnderLoadIsKilledAndStartedAgain() throws Exception {
        Files.createDirectories(workDir);
        DataSource db = Databases.postgres(); // a fresh database on the shared embedded PostgreSQL, migrated
        jdbc = JdbcClient.create(db);
        String jdbcUrl;
        String username;
        try (Connection c = db.getConnection()) {
            jdbcUrl = c.getMetaData().getURL().replace("//localhost:", "//127.0.0.1:");
            username = c.getMetaData().getUserName();
        }
        AccountStore accounts = new AccountStore(jdbc, new JdbcTransactionManager(db), TestPasswords.encoder());
        accounts.create("durability-agent", "durability-password", Role.AGENT, null, null);
        servers = new ChildServers(workDir, jdbcUrl, username, accounts.newApiToken("durability-agent"), http);

        ChildServers.Server first = servers.start("--warmline.attachments.max-per-case=100000");
        HttpResponse<String> created = http.send(authorized(URI.create(first.base() + "/api/cases/online"))
                .header("Idempotency-Key", "uploads-case").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"WECHAT\",\"category\":\"COMPLAINT\","
                        + "\"topic\":\"室温不达标\",\"citizenPhone\":\"13812345678\",\"demand\":\"暖气不热\"}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        uploadCase = group(CASE_NO, created.body());

        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + UPLOAD_CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        long loadStart = System.nanoTime();
        try {
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                running.add(clients.submit(() -> {
                    for (int n = 0; !stop.get() && sent.incrementAndGet() <= MAX_REQUESTS; n++) {
                        String key = "kill9-" + client + "-" + n;
                        try {
                            HttpResponse<String> r = submit(first.port(), key, client * 100_000 + n);
                            if (r.statusCode() == 201) {
                                acknowledged.put(key, caseNo(r.body()));
                            } else {
                                refused.put(key, r.statusCode());
                            }
                        } catch (IOException e) {
                            inDoubt.add(key); // connection reset or refused: the server is gone
                            if (!first.process().isAlive()) {
                                return null;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < UPLOAD_CLIENTS; t++) {
                running.add(clients.submit(() -> {
                    int n;
                    while (!stop.get() && (n = uploadsSent.incrementAndGet()) <= MAX_UPLOADS) {
                        byte[] content = document(n);
                        try {
                            HttpResponse<String> r = upload(first, uploadCase, "记录" + n + ".pdf", content);
                            if (r.statusCode() == 201) {
                                long id = Long.parseLong(group(ID, r.body()));
                                filesAcknowledged.put(id, group(SHA, r.body()));
                                filesSent.put(id, sha256(content));
                            } else {
                                filesRefused.add(r.statusCode());
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
            // ~2 s of load, longer (up to 60 s) if a slow or busy machine has not acknowledged enough by then
            long killAt = loadStart + LOAD.toNanos();
            long latest = loadStart + TimeUnit.SECONDS.toNanos(60);
            while ((System.nanoTime() < killAt || acknowledged.size() < MIN_ACKS_BEFORE_KILL
                    || filesAcknowledged.size() < MIN_UPLOADS_BEFORE_KILL)
                    && System.nanoTime() < latest && sent.get() < MAX_REQUESTS && uploadsSent.get() < MAX_UPLOADS) {
                Thread.sleep(10);
            }
            int acknowledgedBeforeKill = acknowledged.size();
            int sentBeforeKill = sent.get();
            int uploadsBeforeKill = filesAcknowledged.size();
            assertThat(sentBeforeKill).as("the cases' load is still running at the kill").isLessThan(MAX_REQUESTS);
            assertThat(uploadsSent.get()).as("uploads still running at the kill").isLessThan(MAX_UPLOADS);
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
            ChildServers.kill9(first.process());
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            System.out.printf("[durability] kill -9 after %d ms of load: %d requests sent, %d cases and %d files "
                    + "acknowledged by then%n", loadMillis, sentBeforeKill, acknowledgedBeforeKill, uploadsBeforeKill);
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }

        second = servers.start(); // on the same database
    }

    @AfterAll
    void killTheServers() {
        servers.stopAll();
    }

    @Test
    void everyCaseAcknowledgedWith201SurvivesAKill9() throws Exception {
        assertThat(acknowledged).as("cases acknowledged before the kill").isNotEmpty();
        assertThat(refused).as("answers other than 201 under load").isEmpty();

        Map<String, String> stored = new HashMap<>();
        // the desk keeps a key scoped to the account that sent it: account:<id>:<key>
        jdbc.sql("select idempotency_key, case_no from petition_case where idempotency_key like 'account:%:kill9-%'")
                .query(rs -> {
                    String scoped = rs.getString(1);
                    stored.put(scoped.substring(scoped.indexOf(":kill9-") + 1), rs.getString(2));
                });
        Map<String, String> lost = new HashMap<>();
        acknowledged.forEach((key, caseNo) -> {
            if (!caseNo.equals(stored.get(key))) {
                lost.put(key, caseNo + " -> " + stored.get(key));
            }
        });
        assertThat(lost).as("acknowledged cases missing (or under another number) after the restart").isEmpty();
        assertThat(jdbc.sql("select count(*) from (select idempotency_key from petition_case "
                        + "where idempotency_key like 'account:%:kill9-%' group by idempotency_key "
                        + "having count(*) > 1) d")
                .query(Long.class).single()).as("keys stored twice").isZero();
        Set<String> unexplained = new HashSet<>(stored.keySet());
        unexplained.removeAll(acknowledged.keySet());
        unexplained.removeAll(inDoubt);
        assertThat(unexplained).as("cases stored for requests never sent or answered with something else")
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from petition_case where case_no like '#%'").query(Long.class)
                .single()).as("half-made cases (temporary number)").isZero();
        assertThat(jdbc.sql("select count(*) from petition_case c where not exists "
                        + "(select 1 from case_history h where h.case_id = c.id)").query(Long.class).single())
                .as("cases without their history").isZero();

        // ---- the restarted server shows them, keeps their keys, and takes new cases
        List<String> keys = new ArrayList<>(acknowledged.keySet());
        java.util.Collections.shuffle(keys);
        for (String key : keys.subList(0, Math.min(50, keys.size()))) {
            String caseNo = acknowledged.get(key);
            HttpResponse<String> read = http.send(authorized(URI.create(second.base() + "/api/cases/" + caseNo))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("GET " + caseNo).isEqualTo(200);
            assertThat(caseNo(read.body())).isEqualTo(caseNo);
            HttpResponse<String> again = submit(second.port(), key, sentAs(key));
            assertThat(again.statusCode()).as("the same key again after the restart").isEqualTo(200);
            assertThat(caseNo(again.body())).isEqualTo(caseNo);
        }
        HttpResponse<String> fresh = submit(second.port(), "kill9-after-restart", 1);
        assertThat(fresh.statusCode()).as("a new case after the restart").isEqualTo(201);
        assertThat(stored.values()).doesNotContain(caseNo(fresh.body()));

        long inDoubtStored = inDoubt.stream().filter(stored::containsKey).count();
        System.out.printf("[durability] %d acknowledged with 201, %d of them present after the restart; %d without an "
                        + "answer (in flight at the kill or after it), %d of those stored; %d cases stored in all%n",
                acknowledged.size(), acknowledged.keySet().stream().filter(stored::containsKey).count(),
                inDoubt.size(), inDoubtStored, stored.size());
    }

    @Test
    void everyFileAcknowledgedWith201SurvivesAKill9WholeAndNothingIsHalfStored() throws Exception {
        assertThat(filesRefused).as("answers other than 201 before the kill").isEmpty();
        assertThat(filesAcknowledged).hasSizeGreaterThanOrEqualTo(MIN_UPLOADS_BEFORE_KILL);
        assertThat(filesAcknowledged).as("the server answered the SHA-256 of what was sent").isEqualTo(filesSent);

        Map<Long, String> stored = new ConcurrentHashMap<>();
        jdbc.sql("select a.id, a.sha256 from case_attachment a").query(rs -> {
            stored.put(rs.getLong(1), rs.getString(2));
        });
        assertThat(stored).as("every acknowledged file, with its content's hash")
                .containsAllEntriesOf(filesAcknowledged);
        assertThat(jdbc.sql("select count(*) from stored_file f where not exists (select 1 from case_attachment a "
                + "where a.file_id = f.id or a.preview_id = f.id)").query(Long.class).single())
                .as("stored contents of no file (half-stored uploads)").isZero();
        assertThat(jdbc.sql("select count(*) from stored_file f where f.size_bytes <> coalesce((select "
                + "sum(octet_length(c.data)) from stored_file_chunk c where c.file_id = f.id), 0)")
                .query(Long.class).single()).as("files whose chunks do not add up").isZero();
        for (Long id : new ArrayList<>(filesAcknowledged.keySet()).subList(0, Math.min(5, filesAcknowledged.size()))) {
            HttpResponse<byte[]> download = http.send(authorized(URI.create(second.base() + "/api/cases/"
                    + uploadCase + "/attachments/" + id)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(sha256(download.body())).isEqualTo(filesAcknowledged.get(id));
        }
        System.out.printf("[durability] uploads: %d sent, %d acknowledged before the kill, %d files stored after the "
                + "restart%n", uploadsSent.get(), filesAcknowledged.size(), stored.size());
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
        HttpRequest request = authorized(URI.create(server.base() + "/api/cases/" + caseNo + "/attachments"))
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

    // ---------------------------------------------------------------------------------------------- the API

    /** The number a load key's body was made with ({@code kill9-<client>-<n>}): the same body again is a retry. */
    private static int sentAs(String key) {
        String[] parts = key.split("-");
        return Integer.parseInt(parts[1]) * 100_000 + Integer.parseInt(parts[2]);
    }

    private HttpResponse<String> submit(int port, String key, int n) throws IOException, InterruptedException {
        HttpRequest request = authorized(URI.create("http://127.0.0.1:" + port + "/api/cases/online"))
                .timeout(Duration.ofSeconds(15))
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(n % 500, key), StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder authorized(URI uri) {
        return servers.authorized(uri);
    }

    private static String caseNo(String body) {
        Matcher m = CASE_NO.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no caseNo in " + body);
        }
        return m.group(1);
    }
}
