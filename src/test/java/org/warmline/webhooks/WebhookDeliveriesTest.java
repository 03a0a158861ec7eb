package org.warmline.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.cases.Case;
import org.warmline.cases.CaseState;
import org.warmline.escalation.Escalations;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks against a real local HTTP server (MockWebServer), on H2 and on PostgreSQL: what a desk action writes
 * to the outbox in its own transaction, delivered signed (checked here with the JDK's HMAC, independently of the
 * code), in order per case, retried with back-off when the receiver answers 500, hangs or redirects (never followed),
 * then given up and the endpoint marked failing, redelivered with the same id; an internal address refused at
 * delivery; an outbox that cannot be written never failing the desk; two instances never sending one delivery twice.
 */
class WebhookDeliveriesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer http = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        http.start();
    }

    @AfterEach
    void stop() throws Exception {
        http.shutdown();
    }

    private WebhookEndpoints.Registered register(WebhookFixture f, Set<WebhookEvent> events) {
        return f.endpoints.register(http.url("/hook").toString(), "12345 办结反馈", events, "admin", T0);
    }

    /** The signature as the receiver computes it: HMAC-SHA256 with the key after {@code whsec_}, base64. */
    static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = http.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the receiver").isNotNull();
        return request;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theEventsOfACaseAreWrittenByTheDeskActionAndDeliveredSignedInOrder(String name,
            Supplier<DataSource> database) throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        WebhookEndpoints.Registered endpoint = register(f, EnumSet.allOf(WebhookEvent.class));
        assertThat(endpoint.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(endpoint.secret().substring(6))).hasSize(32);

        Case c = f.complaint(T0, "13800001111");
        c = f.dispatched(c, T0.plusSeconds(300));
        c = f.desk.contact(c.id(), c.version(), WebhookFixture.STEWARD, T0.plusSeconds(900)); // no webhook
        c = f.desk.giveSolution(c.id(), c.version(), WebhookFixture.STEWARD, T0.plusSeconds(1800), "更换阀门,已恢复供热");
        c = f.desk.complete(c.id(), c.version(), WebhookFixture.STEWARD, T0.plusSeconds(3600), true);
        c = f.desk.evaluate(c.id(), c.version(), WebhookFixture.AGENT, T0.plusSeconds(7200),
                EvaluationLevel.SATISFIED, EvaluationChannel.PHONE, "很满意", true);
        c = f.desk.close(c.id(), c.version(), WebhookFixture.AGENT, T0.plusSeconds(7300));
        assertThat(c.state()).isEqualTo(CaseState.CLOSED);

        // written by the desk actions, nothing sent yet
        assertThat(http.getRequestCount()).isZero();
        List<WebhookDeliveries.Delivery> written = f.deliveries.ofCase(c.id().value());
        assertThat(written).extracting(WebhookDeliveries.Delivery::eventType).containsExactly("case.registered",
                "case.dispatched", "case.solution_given", "case.completed", "case.evaluated", "case.closed");
        assertThat(written).allMatch(d -> d.pending() && d.attempts() == 0);

        for (int i = 0; i < written.size(); i++) {
            http.enqueue(new MockResponse().setResponseCode(200).setBody("{\"code\":0}"));
        }
        Instant now = T0.plus(Duration.ofHours(3));
        assertThat(f.deliveries.deliverDue(now)).isEqualTo(new WebhookDeliveries.Run(6, 0, 0));
        for (WebhookDeliveries.Delivery d : written) {
            RecordedRequest request = take();
            String body = request.getUtf8Body();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getPath()).isEqualTo("/hook");
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.getHeader("webhook-id")).isEqualTo(d.messageId()).startsWith("msg_");
            assertThat(request.getHeader("webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
            assertThat(request.getHeader("webhook-signature")).isEqualTo(expectedSignature(endpoint.secret(),
                    d.messageId(), request.getHeader("webhook-timestamp"), body));
            assertThat(body).isEqualTo(d.payload());
            JsonNode json = JSON.readTree(body);
            assertThat(json.get("type").asString()).isEqualTo(d.eventType());
            assertThat(json.get("data").get("caseNo").asString()).isEqualTo(c.caseNo());
            // the citizen's name, phone, address and words never leave
            assertThat(body).doesNotContain("13800001111", "王先生", "幸福小区", "暖气不热", "很满意");
        }
        List<JsonNode> sent = new ArrayList<>();
        for (WebhookDeliveries.Delivery d : written) {
            sent.add(JSON.readTree(d.payload()));
        }
        assertThat(sent.get(0).get("data").get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(sent.get(0).get("timestamp").asString()).isEqualTo("2026-03-02T10:01:00+08:00");
        assertThat(sent.get(1).get("data").get("dispatchedUnit").asString()).isEqualTo("T1");
        assertThat(sent.get(1).get("data").get("dispatchedHandler").asString()).isEqualTo("S01");
        assertThat(sent.get(2).get("data").get("solution").asString()).isEqualTo("更换阀门,已恢复供热");
        assertThat(sent.get(3).get("data").get("state").asString()).isEqualTo("COMPLETED");
        assertThat(sent.get(3).get("data").get("completedAt").asString()).isEqualTo("2026-03-02T11:00:00+08:00");
        assertThat(sent.get(3).get("data").get("actor").asString()).isEqualTo("S01");
        assertThat(sent.get(4).get("data").get("evaluation").asString()).isEqualTo("SATISFIED");
        assertThat(sent.get(4).get("data").get("evaluationChannel").asString()).isEqualTo("PHONE");
        assertThat(sent.get(5).get("data").get("state").asString()).isEqualTo("CLOSED");
        assertThat(f.deliveries.ofCase(c.id().value())).allMatch(d -> d.status().equals("DELIVERED")
                && d.attempts() == 1 && d.lastStatus() == 200);
        assertThat(f.endpoints.find(endpoint.endpoint().id()).orElseThrow().lastSuccessAt()).isEqualTo(now);
        // nothing twice
        assertThat(f.deliveries.deliverDue(now.plusSeconds(60))).isEqualTo(new WebhookDeliveries.Run(0, 0, 0));
        assertThat(http.getRequestCount()).isEqualTo(6);
        assertThat(f.meters.counter("warmline.webhooks.deliveries", "outcome", "delivered").count()).isEqualTo(6.0);

        // only the events an endpoint asked for; a paused endpoint gets no new ones
        WebhookEndpoints.Registered completedOnly = f.endpoints.register(http.url("/done").toString(), null,
                Set.of(WebhookEvent.CASE_COMPLETED), "admin", T0);
        f.endpoints.enable(endpoint.endpoint().id(), false);
        Case other = f.register(Category.CONSULTATION, T0.plusSeconds(10_000), "13900002222");
        assertThat(f.deliveries.ofCase(other.id().value())).isEmpty();
        other = f.desk.answerOnTheSpot(other.id(), other.version(), WebhookFixture.AGENT, T0.plusSeconds(10_100),
                "已解释停热原因");
        assertThat(f.deliveries.ofCase(other.id().value())).singleElement().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo("case.completed");
            assertThat(d.endpointId()).isEqualTo(completedOnly.endpoint().id());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aReceiverAnswering500HoldsBackTheLaterEventsOfThatCaseOnly(String name, Supplier<DataSource> database)
            throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        register(f, EnumSet.of(WebhookEvent.CASE_REGISTERED, WebhookEvent.CASE_DISPATCHED));
        Case first = f.dispatched(f.complaint(T0, "13800001111"), T0.plusSeconds(300));
        Case second = f.complaint(T0.plusSeconds(60), "13900002222");
        AtomicInteger refusals = new AtomicInteger();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getUtf8Body();
                if (body.contains(first.caseNo()) && body.contains("case.registered")
                        && refusals.getAndIncrement() == 0) {
                    return new MockResponse().setResponseCode(500).setBody("database is down");
                }
                received.add(type(body) + " " + caseNo(body));
                return new MockResponse().setResponseCode(204);
            }
        });

        Instant t1 = T0.plus(Duration.ofHours(1));
        // the first case's registration fails: the endpoint is not tried again in this run
        assertThat(f.deliveries.deliverDue(t1)).isEqualTo(new WebhookDeliveries.Run(0, 1, 0));
        WebhookDeliveries.Delivery failed = f.deliveries.ofCase(first.id().value()).get(0);
        assertThat(failed.lastStatus()).isEqualTo(500);
        assertThat(failed.lastError()).isEqualTo("HTTP 500: database is down");
        assertThat(failed.nextAttemptAt()).isEqualTo(t1.plus(Duration.ofMinutes(1)));
        // the next run sends the other case's event, but not the first case's dispatch before its registration
        assertThat(f.deliveries.deliverDue(t1.plusSeconds(10))).isEqualTo(new WebhookDeliveries.Run(1, 0, 0));
        assertThat(received).containsExactly("case.registered " + second.caseNo());
        assertThat(f.deliveries.ofCase(first.id().value()).get(1)).satisfies(d -> {
            assertThat(d.eventType()).isEqualTo("case.dispatched");
            assertThat(d.pending()).isTrue();
            assertThat(d.attempts()).isZero();
        });
        // a delivery to the endpoint succeeded: it is not failing
        assertThat(f.endpoints.all().get(0).consecutiveFailures()).isZero();
        // after the back-off: the registration, then (next round of the same run) the dispatch
        assertThat(f.deliveries.deliverDue(t1.plus(Duration.ofMinutes(1)))).isEqualTo(
                new WebhookDeliveries.Run(2, 0, 0));
        assertThat(received).containsExactly("case.registered " + second.caseNo(),
                "case.registered " + first.caseNo(), "case.dispatched " + first.caseNo());
        assertThat(f.deliveries.ofCase(first.id().value())).extracting(WebhookDeliveries.Delivery::attempts)
                .containsExactly(2, 1);
        assertThat(f.endpoints.all().get(0)).satisfies(e -> {
            assertThat(e.consecutiveFailures()).isZero();
            assertThat(e.failing()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aHangingReceiverIsTriedAgainThenGivenUpAndTheEndpointMarkedFailingUntilRedelivered(String name,
            Supplier<DataSource> database) throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        WebhookEndpoints.Registered endpoint = register(f, EnumSet.of(WebhookEvent.CASE_REGISTERED,
                WebhookEvent.CASE_DISPATCHED));
        for (int i = 0; i < 3; i++) {
            http.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        }
        Case c = f.dispatched(f.complaint(T0, "13800001111"), T0.plusSeconds(300));
        // the desk's actions are done and nothing was sent inside them
        assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(http.getRequestCount()).isZero();

        Instant t = T0.plus(Duration.ofHours(1));
        assertThat(f.deliveries.deliverDue(t)).isEqualTo(new WebhookDeliveries.Run(0, 1, 0));
        assertThat(f.deliveries.ofCase(c.id().value()).get(0).lastError()).containsIgnoringCase("timeout");
        assertThat(f.deliveries.deliverDue(t.plus(Duration.ofMinutes(1)))).isEqualTo(
                new WebhookDeliveries.Run(0, 1, 0));
        assertThat(f.endpoints.all().get(0).failing()).isFalse();
        // the second failure waits twice as long; the third try is the last
        assertThat(f.deliveries.deliverDue(t.plus(Duration.ofMinutes(2)))).isEqualTo(
                new WebhookDeliveries.Run(0, 0, 0));
        Instant third = t.plus(Duration.ofMinutes(3));
        assertThat(f.deliveries.deliverDue(third)).isEqualTo(new WebhookDeliveries.Run(0, 0, 1));
        assertThat(http.getRequestCount()).isEqualTo(3);
        WebhookDeliveries.Delivery given = f.deliveries.ofCase(c.id().value()).get(0);
        assertThat(given.status()).isEqualTo("FAILED");
        assertThat(given.attempts()).isEqualTo(3);
        assertThat(f.endpoints.all().get(0)).satisfies(e -> {
            assertThat(e.failing()).isTrue();
            assertThat(e.failingSince()).isEqualTo(third);
            assertThat(e.consecutiveFailures()).isEqualTo(3);
        });
        // the dispatch waits behind the registration given up, however long
        assertThat(f.deliveries.deliverDue(third.plus(Duration.ofDays(1)))).isEqualTo(
                new WebhookDeliveries.Run(0, 0, 0));
        assertThat(f.deliveries.counts(endpoint.endpoint().id()))
                .isEqualTo(Map.of("PENDING", 1L, "DELIVERED", 0L, "FAILED", 1L));

        // redelivered: the same webhook-id, then the dispatch
        http.enqueue(new MockResponse().setResponseCode(200));
        http.enqueue(new MockResponse().setResponseCode(200));
        assertThat(f.deliveries.redeliverFailed(endpoint.endpoint().id(), third.plus(Duration.ofDays(1))))
                .isEqualTo(1);
        assertThat(f.deliveries.redeliver(given.id(), third)).isFalse(); // pending already
        assertThat(f.deliveries.deliverDue(third.plus(Duration.ofDays(1)))).isEqualTo(
                new WebhookDeliveries.Run(2, 0, 0));
        for (int i = 0; i < 3; i++) {
            take();
        }
        assertThat(take().getHeader("webhook-id")).isEqualTo(given.messageId());
        assertThat(JSON.readTree(take().getUtf8Body()).get("type").asString()).isEqualTo("case.dispatched");
        assertThat(f.endpoints.all().get(0).failing()).isFalse();

        // a delivered one can be sent again too, with its id
        http.enqueue(new MockResponse().setResponseCode(200));
        assertThat(f.deliveries.redeliver(given.id(), third.plus(Duration.ofDays(2)))).isTrue();
        assertThat(f.deliveries.deliverDue(third.plus(Duration.ofDays(2)))).isEqualTo(
                new WebhookDeliveries.Run(1, 0, 0));
        assertThat(take().getHeader("webhook-id")).isEqualTo(given.messageId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aRedirectIsNeverFollowedButTriedAgainThenGivenUp(String name, Supplier<DataSource> database)
            throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        register(f, EnumSet.of(WebhookEvent.CASE_REGISTERED));
        for (int i = 0; i < 3; i++) {
            http.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", http.url("/hook").toString()));
        }
        Case c = f.complaint(T0, "13800001111");
        Instant t = T0.plus(Duration.ofHours(1));
        assertThat(f.deliveries.deliverDue(t)).isEqualTo(new WebhookDeliveries.Run(0, 1, 0));
        assertThat(f.deliveries.deliverDue(t.plus(Duration.ofMinutes(1)))).isEqualTo(
                new WebhookDeliveries.Run(0, 1, 0));
        assertThat(f.deliveries.deliverDue(t.plus(Duration.ofMinutes(3)))).isEqualTo(
                new WebhookDeliveries.Run(0, 0, 1));
        // one request per try: the redirect (to itself, a loop) is not followed
        assertThat(http.getRequestCount()).isEqualTo(3);
        WebhookDeliveries.Delivery given = f.deliveries.ofCase(c.id().value()).get(0);
        assertThat(given.status()).isEqualTo("FAILED");
        assertThat(given.lastStatus()).isEqualTo(302);
        assertThat(given.lastError()).contains("redirects are not followed");
        assertThat(f.endpoints.all().get(0).failing()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void anEndpointOnAnInternalAddressGetsNothingOnceInternalAddressesAreNotAllowed(String name,
            Supplier<DataSource> database) throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        register(f, EnumSet.of(WebhookEvent.CASE_REGISTERED));
        Case c = f.complaint(T0, "13800001111");
        WebhookDeliveries strict = f.otherInstance(false);
        assertThat(strict.deliverDue(T0.plus(Duration.ofHours(1)))).isEqualTo(new WebhookDeliveries.Run(0, 1, 0));
        assertThat(http.getRequestCount()).isZero();
        assertThat(f.deliveries.ofCase(c.id().value()).get(0).lastError())
                .contains("resolves to the internal address", "allow-internal-addresses is off");
        assertThat(f.count("select count(*) from webhook_delivery where status = 'PENDING' and attempts = 1"))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aDeskActionSucceedsWhenItsWebhooksCannotBeWritten(String name, Supplier<DataSource> database) {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        register(f, EnumSet.of(WebhookEvent.CASE_REGISTERED, WebhookEvent.CASE_DISPATCHED));
        f.jdbc.sql("drop table webhook_delivery").update();
        Case c = f.dispatched(f.complaint(T0, "13800001111"), T0.plusSeconds(300));
        assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(f.desk.find(c.id()).orElseThrow().state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(f.desk.history(c.id())).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void anEscalationIsPushedWithItsClockAndLevel(String name, Supplier<DataSource> database) throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        WebhookEndpoints.Registered endpoint = register(f, EnumSet.of(WebhookEvent.CASE_ESCALATED));
        Case c = f.dispatched(f.complaint(T0, "13800001111"), T0.plusSeconds(600));
        Escalations escalations = f.escalations();
        // dispatched at +10 min, contact allowed 2 h: at +4 h 20 min the contact clock is late by two allowances
        assertThat(escalations.run(T0.plus(Duration.ofMinutes(260)))).isNotEmpty();
        List<WebhookDeliveries.Delivery> written = f.deliveries.ofCase(c.id().value());
        assertThat(written).isNotEmpty().allMatch(d -> d.eventType().equals("case.escalated"));
        http.enqueue(new MockResponse().setResponseCode(200));
        http.enqueue(new MockResponse().setResponseCode(200));
        assertThat(f.deliveries.deliverDue(T0.plus(Duration.ofHours(5))).delivered()).isEqualTo(written.size());
        JsonNode first = JSON.readTree(take().getUtf8Body());
        assertThat(first.get("type").asString()).isEqualTo("case.escalated");
        assertThat(first.get("data").get("clock").asString()).isEqualTo("CONTACT");
        assertThat(first.get("data").get("step").asInt()).isEqualTo(1);
        assertThat(first.get("data").get("levelUnit").asString()).isEqualTo("B1");
        assertThat(first.get("data").get("actor").asString()).isEqualTo("system");
        assertThat(endpoint.endpoint().events()).containsExactly(WebhookEvent.CASE_ESCALATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void twoInstancesNeverDeliverOneEventTwiceAndKeepTheOrderOfEachCase(String name,
            Supplier<DataSource> database) throws Exception {
        WebhookFixture f = new WebhookFixture(database.get(), true);
        register(f, EnumSet.of(WebhookEvent.CASE_REGISTERED, WebhookEvent.CASE_DISPATCHED));
        int cases = 15;
        for (int i = 0; i < cases; i++) {
            f.dispatched(f.complaint(T0.plusSeconds(i * 60L), "1380000" + String.format("%04d", i)),
                    T0.plusSeconds(i * 60L + 300));
        }
        Map<String, Integer> byId = new ConcurrentHashMap<>();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byId.merge(request.getHeader("webhook-id"), 1, Integer::sum);
                String body = request.getUtf8Body();
                order.add(caseNo(body) + " " + type(body));
                return new MockResponse().setResponseCode(200);
            }
        });
        List<WebhookDeliveries> instances = List.of(f.deliveries, f.otherInstance(true));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<WebhookDeliveries.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                WebhookDeliveries instance = instances.get(i % 2);
                runs.add(threads.submit(() -> {
                    go.await();
                    return instance.deliverDue(T0.plus(Duration.ofHours(2)));
                }));
            }
            go.countDown();
            int delivered = 0;
            for (Future<WebhookDeliveries.Run> run : runs) {
                delivered += run.get(60, TimeUnit.SECONDS).delivered();
            }
            // a run that found a case's registration in flight on another instance leaves its dispatch to later
            delivered += f.deliveries.deliverDue(T0.plus(Duration.ofHours(2))).delivered();
            assertThat(delivered).isEqualTo(2 * cases);
        } finally {
            threads.shutdownNow();
        }
        assertThat(byId).hasSize(2 * cases).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        Map<String, Integer> registeredAt = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            String[] entry = order.get(i).split(" ");
            if (entry[1].equals("case.registered")) {
                registeredAt.put(entry[0], i);
            } else {
                assertThat(registeredAt).as(order.get(i) + " after its registration").containsKey(entry[0]);
            }
        }
        assertThat(f.count("select count(*) from webhook_delivery where status = 'DELIVERED' and attempts = 1"))
                .isEqualTo(2L * cases);
    }

    private static String type(String body) {
        return JSON.readTree(body).get("type").asString();
    }

    private static String caseNo(String body) {
        return JSON.readTree(body).get("data").get("caseNo").asString();
    }
}
