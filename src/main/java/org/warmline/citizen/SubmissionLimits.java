package org.warmline.citizen;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.assessment.PhoneNumbers;
import org.warmline.calendar.WorkingCalendar;

/**
 * The abuse limits of the public form (docs/desk.md "Intake"; no CAPTCHA): at most so many submissions a day per
 * phone, per address and per client address ({@link CitizenSettings}), counted in table
 * {@code citizen_submission_count} so that the limits hold across instances. A submission counts against all three or
 * none: when one limit is reached nothing is counted and {@link LimitReached} names it.
 */
@Component
class SubmissionLimits {

    /** What a limit counts. */
    enum Kind { PHONE, ADDRESS, CLIENT }

    /** A limit is reached: no more submissions by this key today. */
    static class LimitReached extends RuntimeException {

        private final Kind kind;
        private final int limit;

        LimitReached(Kind kind, int limit) {
            super("online submissions per " + kind + " reached today's limit of " + limit);
            this.kind = kind;
            this.limit = limit;
        }

        Kind kind() {
            return kind;
        }

        int limit() {
            return limit;
        }
    }

    private record Key(Kind kind, String hash, int limit) {
    }

    private final JdbcClient jdbc;
    private final CitizenSettings settings;
    private final WorkingCalendar calendar;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;

    SubmissionLimits(JdbcClient jdbc, CitizenSettings settings, WorkingCalendar calendar,
                     PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.calendar = calendar;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Counts one submission at {@code now} against the phone, the address (when given) and the client address.
     *
     * @throws LimitReached when one of them has reached its limit today (nothing is counted then)
     */
    void count(String phone, String address, String client, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, calendar.zone());
        List<Key> keys = new ArrayList<>(3);
        String phoneKey = PhoneNumbers.normalize(phone);
        if (phoneKey != null && !phoneKey.isEmpty()) {
            keys.add(new Key(Kind.PHONE, Hashes.sha256(phoneKey), settings.perPhone()));
        }
        String addressKey = address == null ? "" : address.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (!addressKey.isEmpty()) {
            keys.add(new Key(Kind.ADDRESS, Hashes.sha256(addressKey), settings.perAddress()));
        }
        if (client != null && !client.isBlank()) {
            keys.add(new Key(Kind.CLIENT, Hashes.sha256(client.trim()), settings.perClient()));
        }
        keys.forEach(k -> ensureRow(k, day));
        transaction.executeWithoutResult(status -> {
            for (Key k : keys) {
                int counted = jdbc.sql("update citizen_submission_count set submissions = submissions + 1 "
                                + "where kind = ? and key_hash = ? and count_day = ? and submissions < ?")
                        .params(k.kind().name(), k.hash(), day, k.limit())
                        .update();
                if (counted == 0) {
                    throw new LimitReached(k.kind(), k.limit()); // rolls back the keys counted before it
                }
            }
        });
    }

    /** Submissions counted today (in the calendar's zone) for the phone: for tests and support. */
    int countedForPhone(String phone, Instant now) {
        String key = PhoneNumbers.normalize(phone);
        return key == null ? 0 : jdbc.sql("select submissions from citizen_submission_count "
                        + "where kind = ? and key_hash = ? and count_day = ?")
                .params(Kind.PHONE.name(), Hashes.sha256(key), LocalDate.ofInstant(now, calendar.zone()))
                .query(Integer.class).optional().orElse(0);
    }

    /** The day's row of the key at 0, in a transaction of its own (so a concurrent insert cannot spoil the count's). */
    private void ensureRow(Key k, LocalDate day) {
        boolean exists = jdbc.sql("select count(*) from citizen_submission_count where kind = ? and key_hash = ? "
                        + "and count_day = ?")
                .params(k.kind().name(), k.hash(), day).query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("insert into citizen_submission_count "
                            + "(kind, key_hash, count_day, submissions) values (?, ?, ?, 0)")
                    .params(k.kind().name(), k.hash(), day).update());
        } catch (DuplicateKeyException raced) {
            // another instance or request made it first: fine
        }
    }
}
