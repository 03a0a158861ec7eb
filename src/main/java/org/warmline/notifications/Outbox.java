package org.warmline.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The durable outbox of the channels outside the application (table {@code notification_outbox}). {@link #deliverDue}
 * hands every message due to its channel; one that fails is tried again after a back-off that doubles
 * ({@code warmline.notifications.outbox.retry-base}, up to {@code .retry-max}) and given up (FAILED, logged) after
 * {@code .max-attempts} tries. A message is claimed before it is sent (its next try moved past the lease), so two runs
 * never send it twice. Deliveries and failures are counted (meter {@code warmline.notifications.deliveries}).
 */
@Service
public class Outbox {

    /** How long a claimed message is left alone by other runs while it is being sent. */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** A message as stored. */
    public record Message(long id, String channel, String recipient, String subject, String body, int attempts,
                          String status, Instant nextAttemptAt, String lastError, Instant sentAt) {
    }

    /** What a run did: messages sent, failed (to be tried again) and given up. */
    public record Run(int sent, int retried, int gaveUp) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Notifier> channels;
    private final NotificationSettings.Outbox settings;
    private final MeterRegistry meters;

    public Outbox(JdbcClient jdbc, List<Notifier> channels, NotificationSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.channels = channels.stream().collect(Collectors.toMap(Notifier::channel, Function.identity()));
        this.settings = settings.outbox();
        this.meters = meters;
    }

    static void enqueue(JdbcClient jdbc, String channel, String recipient, String subject, String body, Long caseId,
                        Instant at) {
        String text = body.length() > 2000 ? body.substring(0, 1999) + "…" : body;
        jdbc.sql("insert into notification_outbox (channel, recipient, subject, body, case_id, created_at, "
                        + "next_attempt_at, attempts, status) values (?, ?, ?, ?, ?, ?, ?, 0, 'PENDING')")
                .params(channel, recipient, subject, text, caseId, Notifications.time(at), Notifications.time(at))
                .update();
    }

    /** Delivers the messages due at {@code now} (at most the batch size), oldest first. */
    public Run deliverDue(Instant now) {
        List<Message> due = jdbc.sql(SELECT + "where status = 'PENDING' and next_attempt_at <= ? order by id limit ?")
                .params(Notifications.time(now), settings.batch())
                .query(Outbox::read)
                .list();
        int sent = 0;
        int retried = 0;
        int gaveUp = 0;
        for (Message m : due) {
            if (!claim(m, now)) {
                continue;
            }
            int attempt = m.attempts() + 1;
            Notifier channel = channels.get(m.channel());
            try {
                if (channel == null || !channel.configured()) {
                    throw new IllegalStateException("channel " + m.channel() + " is not configured");
                }
                channel.deliver(new Notifier.OutgoingMessage(m.id(), m.channel(), m.recipient(), m.subject(), m.body(),
                        attempt));
                jdbc.sql("update notification_outbox set status = 'SENT', sent_at = ?, last_error = null where id = ?")
                        .params(Notifications.time(now), m.id()).update();
                count(m.channel(), "sent");
                sent++;
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String error = HttpChannels.abbreviate(failure.toString());
                boolean last = attempt >= settings.maxAttempts() || channel == null;
                jdbc.sql("update notification_outbox set status = ?, next_attempt_at = ?, last_error = ? where id = ?")
                        .params(last ? "FAILED" : "PENDING", Notifications.time(now.plus(settings.backoff(attempt))),
                                error.length() > 500 ? error.substring(0, 500) : error, m.id())
                        .update();
                count(m.channel(), last ? "failed" : "retry");
                if (last) {
                    gaveUp++;
                    log.warn("notification {} by {} given up after {} tries: {}", m.id(), m.channel(), attempt, error);
                } else {
                    retried++;
                    log.info("notification {} by {} not delivered (try {}), again in {}: {}", m.id(), m.channel(),
                            attempt, settings.backoff(attempt), error);
                }
            }
        }
        return new Run(sent, retried, gaveUp);
    }

    /** Takes the message for this run: counts the try and moves its next try past the lease, unless another run did. */
    private boolean claim(Message m, Instant now) {
        return jdbc.sql("update notification_outbox set attempts = attempts + 1, next_attempt_at = ? "
                        + "where id = ? and status = 'PENDING' and attempts = ?")
                .params(Notifications.time(now.plus(LEASE)), m.id(), m.attempts())
                .update() == 1;
    }

    private void count(String channel, String outcome) {
        Counter.builder("warmline.notifications.deliveries").description("notification deliveries by outcome")
                .tag("channel", channel).tag("outcome", outcome).register(meters).increment();
    }

    /** The messages of a case (or all, with null), oldest first: for the tests and the operators. */
    public List<Message> messages(Long caseId) {
        return (caseId == null ? jdbc.sql(SELECT + "order by id")
                : jdbc.sql(SELECT + "where case_id = ? order by id").param(caseId))
                .query(Outbox::read).list();
    }

    private static final String SELECT = "select id, channel, recipient, subject, body, attempts, status, "
            + "next_attempt_at, last_error, sent_at from notification_outbox ";

    private static Message read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        return new Message(rs.getLong("id"), rs.getString("channel"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"), rs.getString("status"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(), rs.getString("last_error"),
                sent == null ? null : sent.toInstant());
    }
}
