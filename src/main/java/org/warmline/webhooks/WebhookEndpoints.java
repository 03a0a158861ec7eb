package org.warmline.webhooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * The registered endpoints (table {@code webhook_endpoint}): registration (the URL checked by {@link AddressPolicy},
 * at least one event, a new secret returned once), the events and description changed, enabled or paused, a new
 * secret, removal (with its deliveries). Which endpoints receive an event is kept in memory, re-read at once after a
 * change on this instance and at most 5 s later on others, so that a desk event costs no query when no endpoint wants
 * it.
 */
@Service
@EnableConfigurationProperties(WebhookSettings.class)
public class WebhookEndpoints {

    /** An endpoint just registered (or given a new secret), with its secret: shown once, never again. */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    static final int MAX_DESCRIPTION = 200;
    private static final long REREAD_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);

    private final JdbcClient jdbc;
    private final AddressPolicy policy;
    private volatile Subscriptions subscriptions;

    /** The enabled endpoints of each event, as last read. */
    private record Subscriptions(Map<WebhookEvent, List<Long>> byEvent, long readAtNanos) {
    }

    WebhookEndpoints(JdbcClient jdbc, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.policy = new AddressPolicy(settings.allowInternalAddresses());
    }

    /** Whether endpoints may be on internal addresses (the setting, shown on the page). */
    public boolean allowsInternalAddresses() {
        return policy.allowsInternal();
    }

    /**
     * Registers an endpoint, enabled.
     *
     * @throws WebhookRefused when the URL is not acceptable, no event is chosen or the description is too long
     */
    public Registered register(String url, String description, Collection<WebhookEvent> events, String by,
                               Instant now) {
        String checked = policy.endpoint(url).toString();
        String text = description(description);
        Set<WebhookEvent> chosen = events(events);
        String secret = WebhookSignature.newSecret();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into webhook_endpoint (url, description, events, secret, enabled, created_at, created_by, "
                        + "consecutive_failures) values (?, ?, ?, ?, true, ?, ?, 0)")
                .params(checked, text, join(chosen), secret, time(now), by)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        refresh();
        log.info("webhook endpoint {} registered by {}: {} for {}", id, by, checked, join(chosen));
        return new Registered(find(id).orElseThrow(), secret);
    }

    /** Changes the events and the description. */
    public void update(long id, String description, Collection<WebhookEvent> events) {
        String text = description(description);
        Set<WebhookEvent> chosen = events(events);
        requireUpdated(jdbc.sql("update webhook_endpoint set description = ?, events = ? where id = ?")
                .params(text, join(chosen), id).update(), id);
        refresh();
    }

    /** Enables or pauses an endpoint; a paused one's deliveries wait (and new events are not written for it). */
    public void enable(long id, boolean enabled) {
        requireUpdated(jdbc.sql("update webhook_endpoint set enabled = ? where id = ?").params(enabled, id).update(),
                id);
        refresh();
    }

    /** Gives an endpoint a new secret, returned once; deliveries from now on are signed with it. */
    public Registered renewSecret(long id) {
        String secret = WebhookSignature.newSecret();
        requireUpdated(jdbc.sql("update webhook_endpoint set secret = ? where id = ?").params(secret, id).update(),
                id);
        return new Registered(find(id).orElseThrow(), secret);
    }

    /** Removes an endpoint and its deliveries. */
    public void delete(long id) {
        requireUpdated(jdbc.sql("delete from webhook_endpoint where id = ?").param(id).update(), id);
        refresh();
    }

    private static void requireUpdated(int rows, long id) {
        if (rows != 1) {
            throw new WebhookRefused(null, "webhook.refused.unknown", id);
        }
    }

    public List<WebhookEndpoint> all() {
        return jdbc.sql(SELECT + "order by id").query(WebhookEndpoints::read).list();
    }

    public Optional<WebhookEndpoint> find(long id) {
        return jdbc.sql(SELECT + "where id = ?").param(id).query(WebhookEndpoints::read).optional();
    }

    /** The enabled endpoints that receive an event (from memory, re-read at most every 5 s). */
    List<Long> receiving(WebhookEvent event) {
        Subscriptions current = subscriptions;
        if (stale(current)) {
            current = refreshIfStale();
        }
        return current.byEvent().getOrDefault(event, List.of());
    }

    private static boolean stale(Subscriptions current) {
        return current == null || System.nanoTime() - current.readAtNanos() > REREAD_NANOS;
    }

    /** Re-reads unless another thread just did (many desk actions may find it stale at once). */
    private synchronized Subscriptions refreshIfStale() {
        Subscriptions current = subscriptions;
        return stale(current) ? refresh() : current;
    }

    /** Re-reads which endpoints receive which events. */
    synchronized Subscriptions refresh() {
        Map<WebhookEvent, List<Long>> byEvent = new EnumMap<>(WebhookEvent.class);
        for (WebhookEndpoint endpoint : all()) {
            if (endpoint.enabled()) {
                endpoint.events().forEach(e -> byEvent.computeIfAbsent(e, k -> new ArrayList<>()).add(endpoint.id()));
            }
        }
        Subscriptions fresh = new Subscriptions(byEvent, System.nanoTime());
        subscriptions = fresh;
        return fresh;
    }

    private static String description(String description) {
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw new WebhookRefused("description", "webhook.refused.descriptionTooLong", MAX_DESCRIPTION);
        }
        return text.isEmpty() ? null : text;
    }

    private static Set<WebhookEvent> events(Collection<WebhookEvent> events) {
        if (events == null || events.isEmpty()) {
            throw new WebhookRefused("events", "webhook.refused.noEvent");
        }
        return EnumSet.copyOf(events);
    }

    private static String join(Set<WebhookEvent> events) {
        return events.stream().map(WebhookEvent::type).collect(Collectors.joining(","));
    }

    private static final String SELECT = "select id, url, description, events, enabled, created_at, created_by, "
            + "failing_since, consecutive_failures, last_success_at from webhook_endpoint ";

    private static WebhookEndpoint read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (String type : rs.getString("events").split(",")) {
            WebhookEvent.ofType(type.trim()).ifPresent(events::add);
        }
        return new WebhookEndpoint(rs.getLong("id"), rs.getString("url"), rs.getString("description"), events,
                rs.getBoolean("enabled"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "failing_since"), rs.getInt("consecutive_failures"), instant(rs, "last_success_at"));
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
