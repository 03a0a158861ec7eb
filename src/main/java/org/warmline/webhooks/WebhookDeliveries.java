package org.warmline.webhooks;

import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The durable outbox of the webhooks (table {@code webhook_delivery}) and its delivery.
 *
 * <p>{@link #enqueue} writes one delivery per receiving endpoint in the caller's transaction (the desk action's).
 * {@link #deliverDue} sends what is due: a POST of the JSON payload with the headers of the Standard Webhooks
 * specification ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, see
 * {@link WebhookSignature}); a 2xx answer is delivered, anything else — another status (a redirect is never followed),
 * a timeout ({@code warmline.webhooks.timeout}, for connecting, reading and the whole call), a refused connection, an
 * internal address ({@link AddressPolicy}) — is tried again after a back-off that doubles
 * ({@code .retry-base} up to {@code .retry-max}) and given up after {@code .max-attempts} tries, which marks the
 * endpoint failing until a delivery to it succeeds again.
 *
 * <p>Order per case: a delivery is not sent while an earlier delivery of the same case to the same endpoint is not
 * delivered (pending, in flight, or given up until it is redelivered), so a receiver never gets a later event of a case
 * before an earlier one. A delivery is claimed before it is sent (its next try moved past a lease), so two runs — two
 * instances — never send it twice; the job also runs under a ShedLock lock. An endpoint that fails is not tried again
 * in the same run, so a receiver that hangs costs one timeout per run, not one per delivery.
 */
@Service
public class WebhookDeliveries {

    /** How long a claimed delivery is left alone by other runs while it is being sent. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Rounds one run makes at most (each round sends the first due delivery of each case and endpoint). */
    static final int MAX_ROUNDS = 50;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    /** A delivery as stored, for the log page. */
    public record Delivery(long id, long endpointId, String messageId, String eventType, long caseId, String caseNo,
                           String payload, Instant createdAt, Instant nextAttemptAt, int attempts, String status,
                           Instant lastAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt) {

        public boolean pending() {
            return "PENDING".equals(status);
        }

        /** A delivered or given-up delivery can be sent again. */
        public boolean redeliverable() {
            return !pending();
        }
    }

    /** What a run did: deliveries delivered, failed (to be tried again) and given up. */
    public record Run(int delivered, int retried, int gaveUp) {
    }

    /** A delivery due, with what sending it needs. */
    private record Due(long id, long endpointId, String url, String secret, String messageId, String payload,
                       int attempts) {
    }

    /** How one try went: the answer's status (null without one) and why it failed (null when delivered). */
    private record Outcome(Integer status, String error) {

        boolean delivered() {
            return error == null;
        }
    }

    private final JdbcClient jdbc;
    private final WebhookSettings settings;
    private final AddressPolicy policy;
    private final OkHttpClient client;
    private final MeterRegistry meters;

    WebhookDeliveries(JdbcClient jdbc, WebhookSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.meters = meters;
        this.policy = new AddressPolicy(settings.allowInternalAddresses());
        this.client = new OkHttpClient.Builder()
                .dns(policy.dns())
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .build();
    }

    @PreDestroy
    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** Writes a delivery of the payload to each endpoint, in the caller's transaction. */
    void enqueue(WebhookEvent event, List<Long> endpoints, long caseId, String caseNo, String payload, Instant at) {
        for (long endpoint : endpoints) {
            jdbc.sql("insert into webhook_delivery (endpoint_id, message_id, event_type, case_id, case_no, payload, "
                            + "created_at, next_attempt_at, attempts, status) values (?, ?, ?, ?, ?, ?, ?, ?, 0, "
                            + "'PENDING')")
                    .params(endpoint, WebhookSignature.newMessageId(), event.type(), caseId, caseNo, payload,
                            WebhookEndpoints.time(at), WebhookEndpoints.time(at))
                    .update();
        }
    }

    /** Delivers what is due at {@code now}, in order per case and endpoint. */
    public Run deliverDue(Instant now) {
        Set<Long> troubled = new HashSet<>();
        int delivered = 0;
        int retried = 0;
        int gaveUp = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Due> due = due(now, troubled);
            int tried = 0;
            for (Due d : due) {
                if (troubled.contains(d.endpointId()) || !claim(d, now)) {
                    continue;
                }
                tried++;
                int attempt = d.attempts() + 1;
                Outcome outcome = send(d, now);
                if (outcome.delivered()) {
                    delivered(d, outcome, now);
                    delivered++;
                    continue;
                }
                troubled.add(d.endpointId());
                boolean last = attempt >= settings.maxAttempts();
                failed(d, outcome, last, now);
                if (last) {
                    gaveUp++;
                    log.warn("webhook {} to endpoint {} given up after {} tries: {}", d.messageId(), d.endpointId(),
                            attempt, outcome.error());
                } else {
                    retried++;
                    log.info("webhook {} to endpoint {} not delivered (try {}), again in {}: {}", d.messageId(),
                            d.endpointId(), attempt, settings.backoff(attempt), outcome.error());
                }
            }
            // each round delivers something or finds another endpoint failing; none claimed: another run has them
            if (tried == 0) {
                break;
            }
        }
        return new Run(delivered, retried, gaveUp);
    }

    /** The deliveries due, oldest first, of the endpoints not failing in this run. */
    private List<Due> due(Instant now, Set<Long> troubled) {
        String skip = troubled.isEmpty() ? "" : "and d.endpoint_id not in (" + troubled.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) + ") ";
        return jdbc.sql("select d.id, d.endpoint_id, e.url, e.secret, d.message_id, d.payload, d.attempts "
                        + "from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id "
                        + "where d.status = 'PENDING' and d.next_attempt_at <= ? and e.enabled = true " + skip
                        + "and not exists (select 1 from webhook_delivery p where p.endpoint_id = d.endpoint_id "
                        + "and p.case_id = d.case_id and p.id < d.id and p.status <> 'DELIVERED') "
                        + "order by d.id limit ?")
                .params(WebhookEndpoints.time(now), settings.batch())
                .query((rs, row) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)))
                .list();
    }

    /** Takes the delivery for this run: counts the try and moves its next try past the lease, unless another run did. */
    private boolean claim(Due d, Instant now) {
        return jdbc.sql("update webhook_delivery set attempts = attempts + 1, next_attempt_at = ? "
                        + "where id = ? and status = 'PENDING' and attempts = ?")
                .params(WebhookEndpoints.time(now.plus(LEASE)), d.id(), d.attempts())
                .update() == 1;
    }

    private Outcome send(Due d, Instant now) {
        HttpUrl url = HttpUrl.parse(d.url());
        if (url == null) {
            return new Outcome(null, "not an http(s) URL: " + d.url());
        }
        try {
            policy.check(url.host());
        } catch (WebhookRefused refused) {
            Object[] args = refused.args();
            return new Outcome(null, refused.key().endsWith("internal")
                    ? url.host() + " resolves to the internal address " + args[1]
                    + ", refused (warmline.webhooks.allow-internal-addresses is off)"
                    : "cannot resolve " + url.host());
        }
        long timestamp = now.getEpochSecond();
        Request request = new Request.Builder().url(url)
                .header("webhook-id", d.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(d.secret(), d.messageId(), timestamp, d.payload()))
                .header("User-Agent", "Warmline-Webhooks/1")
                .post(RequestBody.create(d.payload().getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code / 100 == 2) {
                return new Outcome(code, null);
            }
            if (code / 100 == 3) {
                return new Outcome(code, "HTTP " + code + " redirect to " + abbreviate(response.header("Location"))
                        + " (redirects are not followed)");
            }
            return new Outcome(code, "HTTP " + code + ": " + abbreviate(response.peekBody(512).string()));
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, abbreviate(e.toString()));
        }
    }

    private void delivered(Due d, Outcome outcome, Instant now) {
        jdbc.sql("update webhook_delivery set status = 'DELIVERED', delivered_at = ?, last_attempt_at = ?, "
                        + "last_status = ?, last_error = null where id = ?")
                .params(WebhookEndpoints.time(now), WebhookEndpoints.time(now), outcome.status(), d.id()).update();
        jdbc.sql("update webhook_endpoint set consecutive_failures = 0, failing_since = null, last_success_at = ? "
                + "where id = ?").params(WebhookEndpoints.time(now), d.endpointId()).update();
        count("delivered");
    }

    private void failed(Due d, Outcome outcome, boolean last, Instant now) {
        String error = outcome.error().length() > 500 ? outcome.error().substring(0, 500) : outcome.error();
        jdbc.sql("update webhook_delivery set status = ?, next_attempt_at = ?, last_attempt_at = ?, last_status = ?, "
                        + "last_error = ? where id = ?")
                .params(last ? "FAILED" : "PENDING",
                        WebhookEndpoints.time(now.plus(settings.backoff(d.attempts() + 1))),
                        WebhookEndpoints.time(now), outcome.status(), error, d.id())
                .update();
        jdbc.sql("update webhook_endpoint set consecutive_failures = consecutive_failures + 1 where id = ?")
                .param(d.endpointId()).update();
        if (last) {
            jdbc.sql("update webhook_endpoint set failing_since = ? where id = ? and failing_since is null")
                    .params(WebhookEndpoints.time(now), d.endpointId()).update();
        }
        count(last ? "failed" : "retry");
    }

    /**
     * Sends a delivered or given-up delivery again (same {@code webhook-id}, a fresh number of tries) with the next
     * run; false when it is pending already or unknown.
     */
    public boolean redeliver(long id, Instant now) {
        return jdbc.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?, "
                        + "last_error = null where id = ? and status in ('DELIVERED', 'FAILED')")
                .params(WebhookEndpoints.time(now), id).update() == 1;
    }

    /** Sends every given-up delivery of an endpoint again; the number of deliveries queued again. */
    public int redeliverFailed(long endpointId, Instant now) {
        return jdbc.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?, "
                        + "last_error = null where endpoint_id = ? and status = 'FAILED'")
                .params(WebhookEndpoints.time(now), endpointId).update();
    }

    /** An endpoint's deliveries, newest first, at most {@code limit}. */
    public List<Delivery> log(long endpointId, int limit) {
        return jdbc.sql(SELECT + "where endpoint_id = ? order by id desc limit ?").params(endpointId, limit)
                .query(WebhookDeliveries::read).list();
    }

    public Optional<Delivery> find(long id) {
        return jdbc.sql(SELECT + "where id = ?").param(id).query(WebhookDeliveries::read).optional();
    }

    /** Every delivery of a case to any endpoint, oldest first (tests, operators). */
    public List<Delivery> ofCase(long caseId) {
        return jdbc.sql(SELECT + "where case_id = ? order by id").param(caseId).query(WebhookDeliveries::read).list();
    }

    /** An endpoint's deliveries by status (PENDING, DELIVERED, FAILED). */
    public Map<String, Long> counts(long endpointId) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String status : List.of("PENDING", "DELIVERED", "FAILED")) {
            out.put(status, 0L);
        }
        jdbc.sql("select status, count(*) from webhook_delivery where endpoint_id = ? group by status")
                .param(endpointId)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void count(String outcome) {
        Counter.builder("warmline.webhooks.deliveries").description("webhook deliveries by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static final String SELECT = "select id, endpoint_id, message_id, event_type, case_id, case_no, payload, "
            + "created_at, next_attempt_at, attempts, status, last_attempt_at, last_status, last_error, delivered_at "
            + "from webhook_delivery ";

    private static Delivery read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        int lastStatus = rs.getInt("last_status");
        Integer status = rs.wasNull() ? null : lastStatus;
        return new Delivery(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("message_id"),
                rs.getString("event_type"), rs.getLong("case_id"), rs.getString("case_no"), rs.getString("payload"),
                WebhookEndpoints.instant(rs, "created_at"), WebhookEndpoints.instant(rs, "next_attempt_at"),
                rs.getInt("attempts"), rs.getString("status"), WebhookEndpoints.instant(rs, "last_attempt_at"),
                status, rs.getString("last_error"), WebhookEndpoints.instant(rs, "delivered_at"));
    }
}
