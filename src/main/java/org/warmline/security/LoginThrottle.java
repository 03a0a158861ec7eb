package org.warmline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling per user name and client address (table {@code login_throttle}): after
 * {@code warmline.security.max-failed-logins} failed sign-ins in a row with one name from one address, that address
 * must wait before it may try that name again — one minute, then twice as long after each further failure, at most
 * {@code warmline.security.lock-minutes}. What is counted is the name as typed, whether an account has it or not, so the
 * answers never tell which names exist; and the owner signing in from another address is not held up by an attacker's
 * failures. The counts are in the database, so they hold across instances; a row is forgotten a day after its last
 * failure, or when that address signs in with that name.
 */
@Component
public class LoginThrottle {

    /** How long failures are remembered after the last one. */
    static final Duration MEMORY = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final LoginPolicy policy;
    private final Clock clock;

    @Autowired
    LoginThrottle(JdbcClient jdbc, LoginPolicy policy) {
        this(jdbc, policy, Clock.systemUTC());
    }

    LoginThrottle(JdbcClient jdbc, LoginPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    /** How long the address must still wait before it may try the name again; empty when it may now. */
    Optional<Duration> waiting(String username, String client) {
        Instant now = clock.instant();
        return jdbc.sql("select blocked_until from login_throttle where name_hash = ? and client = ?")
                .params(hash(username), client(client)).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant).filter(now::isBefore).map(until -> Duration.between(now, until));
    }

    /**
     * Counts a failed sign-in of the name from the address.
     *
     * @return how long the address must now wait before it may try the name again (zero when it need not)
     */
    Duration failed(String username, String client) {
        Instant now = clock.instant();
        String name = hash(username);
        String from = client(client);
        jdbc.sql("delete from login_throttle where last_failure_at < ?").param(utc(now.minus(MEMORY))).update();
        int failures = jdbc.sql("select failures from login_throttle where name_hash = ? and client = ?")
                .params(name, from).query(Integer.class).optional().orElse(0) + 1;
        Duration wait = policy.delay(failures);
        Instant until = wait.isZero() ? null : now.plus(wait);
        int updated = jdbc.sql("update login_throttle set failures = ?, last_failure_at = ?, blocked_until = ? "
                        + "where name_hash = ? and client = ?")
                .params(failures, utc(now), utc(until), name, from).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into login_throttle (name_hash, client, failures, last_failure_at, blocked_until) "
                                + "values (?, ?, ?, ?, ?)")
                        .params(name, from, failures, utc(now), utc(until)).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                return failed(username, client); // another instance counted one at the same moment
            }
        }
        return wait;
    }

    /** A successful sign-in of the name from the address: its failures are forgotten. */
    void succeeded(String username, String client) {
        jdbc.sql("delete from login_throttle where name_hash = ? and client = ?").params(hash(username), client(client))
                .update();
    }

    /** Forgets every failure of the name (an administrator gave the account a new password). */
    public void forget(String username) {
        jdbc.sql("delete from login_throttle where name_hash = ?").param(hash(username)).update();
    }

    /** Until when some address must wait before it may try the name again, if any must. */
    public Optional<Instant> blockedUntil(String username) {
        return jdbc.sql("select max(blocked_until) from login_throttle where name_hash = ?").param(hash(username))
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant)
                .filter(clock.instant()::isBefore);
    }

    private static String client(String address) {
        String a = address == null || address.isBlank() ? "unknown" : address.trim();
        return a.length() > 64 ? a.substring(0, 64) : a;
    }

    /** The SHA-256 of the name as typed, in hex: the table never holds what was typed. */
    static String hash(String username) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((username == null ? "" : username).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
