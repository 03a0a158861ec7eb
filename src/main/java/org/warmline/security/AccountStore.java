package org.warmline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The accounts in the database. Passwords are stored only as {@link PasswordEncoder} hashes (bcrypt, with the
 * {@code {bcrypt}} prefix of Spring Security's delegating encoder, so the algorithm can be upgraded later); API tokens
 * only as their SHA-256 hash.
 */
@Repository
public class AccountStore {

    private static final String COLUMNS =
            "id, username, role, staff_code, unit_code, enabled, failed_logins, locked_until, created_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final PasswordEncoder passwords;
    private final Clock clock;

    @Autowired
    public AccountStore(JdbcClient jdbc, PlatformTransactionManager transactions, PasswordEncoder passwords) {
        this(jdbc, transactions, passwords, Clock.systemUTC());
    }

    AccountStore(JdbcClient jdbc, PlatformTransactionManager transactions, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The account of a user name, if any. */
    public Optional<Account> find(String username) {
        return jdbc.sql("select " + COLUMNS + " from account where username = ?").param(username)
                .query(AccountStore::account).optional();
    }

    /** Every account, by user name. */
    public java.util.List<Account> all() {
        return jdbc.sql("select " + COLUMNS + " from account order by username").query(AccountStore::account).list();
    }

    /** Replaces the password of an account (and lifts a login lock). @return whether the account exists */
    public boolean setPassword(String username, String rawPassword) {
        if (rawPassword == null || rawPassword.length() < 8) {
            throw new IllegalArgumentException("password shorter than 8 characters");
        }
        return jdbc.sql("update account set password_hash = ?, failed_logins = 0, locked_until = null, "
                        + "version = version + 1 where username = ?")
                .params(passwords.encode(rawPassword), username).update() > 0;
    }

    /** Enables or disables sign-in (pages and API token) for an account. @return whether the account exists */
    public boolean setEnabled(String username, boolean enabled) {
        try {
            return jdbc.sql("update account set enabled = ?, version = version + 1 where username = ?")
                    .params(enabled, username).update() > 0;
        } finally {
            forgetTokens();
        }
    }

    /**
     * Changes an account's role, staff member, unit and whether it may sign in (pages and API token).
     *
     * @return whether the account exists
     */
    public boolean update(String username, Role role, String staffCode, String unitCode, boolean enabled) {
        try {
            return jdbc.sql("update account set role = ?, staff_code = ?, unit_code = ?, enabled = ?, "
                            + "version = version + 1 where username = ?")
                    .params(role.name(), staffCode, unitCode, enabled, username).update() > 0;
        } finally {
            forgetTokens();
        }
    }

    /** The user names of the accounts that have an API token. */
    public java.util.Set<String> withApiToken() {
        return new java.util.HashSet<>(jdbc.sql("select username from account where api_token_hash is not null")
                .query(String.class).list());
    }

    /** The enabled accounts of a role in a unit (e.g. the UNIT_MANAGER accounts of a unit: its managers), by id. */
    public java.util.List<Account> byRoleAndUnit(Role role, String unitCode) {
        return jdbc.sql("select " + COLUMNS + " from account where role = ? and unit_code = ? and enabled = true "
                        + "order by id")
                .params(role.name(), unitCode)
                .query(AccountStore::account).list();
    }

    /** How many accounts exist. */
    public long count() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    /**
     * Creates an account, hashing the password.
     *
     * @throws org.springframework.dao.DuplicateKeyException if the user name is taken
     */
    public Account create(String username, String rawPassword, Role role, String staffCode, String unitCode) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is empty");
        }
        if (rawPassword == null || rawPassword.length() < 8) {
            throw new IllegalArgumentException("password shorter than 8 characters");
        }
        return transaction.execute(status -> {
            jdbc.sql("insert into account (username, password_hash, role, staff_code, unit_code, created_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(username, passwords.encode(rawPassword), role.name(), staffCode, unitCode,
                            timestamp(clock.instant()))
                    .update();
            return find(username).orElseThrow();
        });
    }

    /** The stored password hash of an account (for the sign-in check only). */
    Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from account where username = ?").param(username)
                .query(String.class).optional();
    }

    /**
     * Gives the account a new API token, replacing any earlier one. The token is returned only here: the database keeps
     * only its SHA-256 hash.
     *
     * @return the token (32 random bytes, URL-safe Base64 without padding)
     */
    public String newApiToken(String username) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        int updated = jdbc.sql("update account set api_token_hash = ?, version = version + 1 where username = ?")
                .params(tokenHash(token), username).update();
        forgetTokens();
        if (updated == 0) {
            throw new IllegalArgumentException("no account " + username);
        }
        return token;
    }

    /** Revokes the account's API token. */
    public void revokeApiToken(String username) {
        jdbc.sql("update account set api_token_hash = null, version = version + 1 where username = ?")
                .param(username).update();
        forgetTokens();
    }

    /** The account whose API token has this SHA-256 hash, if any. */
    public Optional<Account> findByTokenHash(String tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from account where api_token_hash = ?").param(tokenHash)
                .query(AccountStore::account).optional();
    }

    /**
     * The account of an API token presented by a client, if any. Found accounts are remembered for
     * {@link #TOKEN_CACHE_TTL} (the API's hot path: one look-up per request otherwise); any change this store makes to
     * accounts (token issued or revoked, account disabled, edited) forgets them at once, and a change made by another
     * instance takes effect here within the TTL.
     */
    public Optional<Account> findByToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = tokenHash(token);
        long now = System.nanoTime();
        CachedToken cached = tokenCache.get(hash);
        if (cached != null && now - cached.loadedAt() < TOKEN_CACHE_TTL.toNanos()) {
            return Optional.of(cached.account());
        }
        long generation = tokenCacheGeneration.get();
        Optional<Account> found = findByTokenHash(hash);
        if (found.isPresent()) {
            if (tokenCache.size() >= TOKEN_CACHE_MAX) {
                tokenCache.clear();
            }
            tokenCache.put(hash, new CachedToken(found.get(), now));
            if (tokenCacheGeneration.get() != generation) {
                tokenCache.remove(hash); // an account changed while we read: do not keep what we read
            }
        } else {
            tokenCache.remove(hash);
        }
        return found;
    }

    /** How long an API token's account is remembered at most. */
    static final Duration TOKEN_CACHE_TTL = Duration.ofSeconds(5);
    private static final int TOKEN_CACHE_MAX = 10_000;

    private record CachedToken(Account account, long loadedAt) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, CachedToken> tokenCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong tokenCacheGeneration =
            new java.util.concurrent.atomic.AtomicLong();

    /** Forgets every remembered token (after any change to an account). */
    void forgetTokens() {
        tokenCacheGeneration.incrementAndGet();
        tokenCache.clear();
    }

    /** The SHA-256 hash of a token, in lower-case hex, as stored. */
    static String tokenHash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getString("staff_code"), rs.getString("unit_code"), rs.getBoolean("enabled"),
                rs.getInt("failed_logins"), instant(rs, "locked_until"), instant(rs, "created_at"));
    }
}
