package org.warmline.citizen;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.warmline.cases.CaseId;

/**
 * The tracking links' tokens (table {@code citizen_token}): 256 random bits from {@link SecureRandom}, written as 43
 * characters of URL-safe Base64, given to the citizen once and stored only as their SHA-256. A token finds its own case
 * and nothing else; an unknown, altered or expired token finds nothing, and the caller cannot tell which.
 */
@Repository
class TrackingTokens {

    /** A token as issued: 32 bytes in URL-safe Base64 without padding. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int BYTES = 32;

    /** A stored token: its row, its case, when it expires and when its survey was answered (or null). */
    record Tracked(long id, CaseId caseId, Instant expiresAt, Instant surveyedAt) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final CitizenSettings settings;

    TrackingTokens(JdbcClient jdbc, CitizenSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** A new token for the case, valid until the case closes (see {@link #expireAfterClosing}) or the open limit. */
    String issue(CaseId caseId, Instant now) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into citizen_token (case_id, token_hash, created_at, expires_at) values (?, ?, ?, ?)")
                .params(caseId.value(), Hashes.sha256(token), time(now),
                        time(now.plus(Duration.ofDays(settings.tokenDaysOpen()))))
                .update();
        return token;
    }

    /** The token's row if the token is well-formed, known and not expired at {@code now}; otherwise empty. */
    Optional<Tracked> find(String token, Instant now) {
        if (token == null || !FORM.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select id, case_id, expires_at, surveyed_at from citizen_token where token_hash = ?")
                .param(Hashes.sha256(token))
                .query(TrackingTokens::read)
                .optional()
                .filter(t -> now.isBefore(t.expiresAt()));
    }

    /** Marks the token's survey answered; false when it already was (the survey is answered once per link). */
    boolean markSurveyed(long id, Instant at) {
        return jdbc.sql("update citizen_token set surveyed_at = ? where id = ? and surveyed_at is null")
                .params(time(at), id)
                .update() == 1;
    }

    /** The case was completed or withdrawn at {@code at}: its links expire the set number of days after that. */
    void expireAfterClosing(CaseId caseId, Instant at) {
        jdbc.sql("update citizen_token set expires_at = ? where case_id = ?")
                .params(time(at.plus(Duration.ofDays(settings.tokenDaysAfterClosing()))), caseId.value())
                .update();
    }

    private static Tracked read(ResultSet rs, int row) throws SQLException {
        OffsetDateTime surveyed = rs.getObject("surveyed_at", OffsetDateTime.class);
        return new Tracked(rs.getLong("id"), new CaseId(rs.getLong("case_id")),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                surveyed == null ? null : surveyed.toInstant());
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
