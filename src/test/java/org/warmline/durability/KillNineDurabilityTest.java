package org.warmline.durability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Durability: the real server, as a separate OS process on a real PostgreSQL, takes online cases from 8 concurrent
 * clients and is killed with {@code kill -9} (SIGKILL, no shutdown hook, no connection closed cleanly) in the middle of
 * the load. Restarted on the same database, it still has every case it acknowledged with 201 — under the case number
 * it answered, exactly once per idempotency key, with its history — and no case of a request that was answered with
 * anything else. Requests in flight at the kill (no answer) may or may not have been stored. The restarted server
 * takes new cases and answers a repeated key with the case made before the kill.
 *
 * <p>The child's output goes to {@code target/durability/server-N.log} ({@link ChildServers}).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillNineDurabilityTest {

    private static final int CLIENTS = 8;
    private static final Duration LOAD = Duration.ofSeconds(2);
    private static final int MIN_ACKS_BEFORE_KILL = 200;
    private static final int MAX_ACKS_BEFORE_KILL = 1500;
    private static final int MAX_REQUESTS = 5000;
    private static final Pattern CASE_NO = Pattern.compile("\"caseNo\"\\s*:\\s*\"([^\"]+)\"");
    private static final String BODY = """
            {"channel":"WECHAT","category":"COMPLAINT","topic":"室温不达标","citizenPhone":"13812345678",
             "address":"幸福小区%d号楼","demand":"暖气不热 %s"}""";

    private final Path workDir = Paths.get("target", "durability").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private DataSource db;
    private JdbcClient jdbc;
    private String jdbcUrl;
    private String username;
    private String token;
    private ChildServers servers;

    @BeforeAll
    void database() throws Exception {
        Files.createDirectories(workDir);
        db = Databases.postgres(); // a fresh database on the shared embedded PostgreSQL, migrated by Flyway
        jdbc = JdbcClient.create(db);
        try (Connection c = db.getConnection()) {
            jdbcUrl = c.getMetaData().getURL().replace("//localhost:", "//127.0.0.1:");
            username = c.getMetaData().getUserName();
        }
        AccountStore accounts = new AccountStore(jdbc, new JdbcTransactionManager(db),
                TestPasswords.encoder());
        accounts.create("durability-agent", "durability-password", Role.AGENT, null, null);
        token = accounts.newApiToken("durability-agent");
        servers = new ChildServers(workDir, jdbcUrl, username, token, http);
    }

    @AfterAll
    void killTheServers() {
        servers.stopAll();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyCaseAcknowledgedWith201SurvivesAKill9() throws Exception {
        long began = System.nanoTime();
        ChildServers.Server first = servers.start();

        // ---- load, and kill -9 in the middle of it
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // idempotency key -> case number answered
        Set<String> inDoubt = ConcurrentHashMap.newKeySet();        // no answer: in flight at the kill, or refused after
        Map<String, Integer> refused = new ConcurrentHashMap<>();   // answered, but not 201
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
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
            // ~2 s of load, longer (up to 30 s) if a slow or busy machine has not acknowledged 200 cases by then
            long killAt = loadStart + LOAD.toNanos();
            long latest = loadStart + TimeUnit.SECONDS.toNanos(30);
            while ((System.nanoTime() < killAt || acknowledged.size() < MIN_ACKS_BEFORE_KILL)
                    && System.nanoTime() < latest && acknowledged.size() < MAX_ACKS_BEFORE_KILL
                    && sent.get() < MAX_REQUESTS) {
                Thread.sleep(10);
            }
            int acknowledgedBeforeKill = acknowledged.size();
            int sentBeforeKill = sent.get();
            assertThat(sentBeforeKill).as("the load is still running at the kill").isLessThan(MAX_REQUESTS);
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
            ChildServers.kill9(first.process());
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            System.out.printf("[durability] kill -9 after %d ms of load: %d requests sent, %d acknowledged by then%n",
                    loadMillis, sentBeforeKill, acknowledgedBeforeKill);
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }
        assertThat(acknowledged).as("cases acknowledged before the kill").isNotEmpty();
        assertThat(refused).as("answers other than 201 under load").isEmpty();

        // ---- restart on the same database
        ChildServers.Server second = servers.start();

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
                        + "answer (in flight at the kill or after it), %d of those stored; %d cases stored in all; test took %d ms%n",
                acknowledged.size(), acknowledged.keySet().stream().filter(stored::containsKey).count(),
                inDoubt.size(), inDoubtStored, stored.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
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
