package org.warmline.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.CaseId;
import org.warmline.cases.KeyedText;
import org.warmline.cases.Texts;
import org.warmline.security.Account;

/**
 * Sends notices and reads an account's in-app notifications. A notice becomes one row of {@code notification} per
 * recipient (in-app, always) and, for every configured {@link Notifier} channel, one outbox row per address, rendered
 * in Chinese (the company's language) and delivered later by {@link Outbox}. Both are written in the caller's
 * transaction under a savepoint: a notice that cannot be written is logged and dropped, never failing the desk action
 * that caused it. Texts to citizens ({@link #textCitizen}) go through the SMS channel only.
 */
@Service
@EnableConfigurationProperties(NotificationSettings.class)
public class Notifications {

    /** The language of the messages that leave the application. */
    public static final Locale OUTSIDE = Locale.SIMPLIFIED_CHINESE;
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final String SELECT = "select n.id, n.account_id, n.at, n.text, n.message_key, n.message_args, "
            + "n.case_id, n.read_at, c.case_no from notification n left join petition_case c on c.id = n.case_id ";

    private final List<Notifier> channels;
    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final Texts texts;
    private final NotificationContacts contacts;

    public Notifications(List<Notifier> channels, JdbcClient jdbc, PlatformTransactionManager transactions, Texts texts,
                         NotificationContacts contacts) {
        this.channels = List.copyOf(channels);
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.texts = texts;
        this.contacts = contacts;
    }

    /** The names of the configured channels outside the application. */
    public List<String> channels() {
        return channels.stream().filter(Notifier::configured).map(Notifier::channel).toList();
    }

    /** Whether texts to citizens can be sent (the SMS channel is configured). */
    public boolean citizenTexts() {
        return sms().isPresent();
    }

    /** Sends the notice in the application and through every configured channel; never throws. */
    public void send(Notice notice) {
        if (notice.recipients().isEmpty()) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> write(notice));
        } catch (RuntimeException e) {
            log.error("notice about {} could not be written: {}", notice.caseNo(), e.toString());
        }
    }

    private void write(Notice notice) {
        OffsetDateTime at = time(notice.at());
        Long caseId = notice.caseId() == null ? null : notice.caseId().value();
        for (Account account : notice.recipients()) {
            jdbc.sql("insert into notification (account_id, at, message_key, message_args, case_id) "
                            + "values (?, ?, ?, ?, ?)")
                    .params(account.id(), at, notice.text().key(), notice.text().encodedArgs(), caseId)
                    .update();
        }
        List<Notifier> configured = channels.stream().filter(Notifier::configured).toList();
        if (configured.isEmpty()) {
            return;
        }
        List<Notifier.Contact> reachable = contacts.of(notice.recipients().stream().map(Account::id).toList());
        String body = texts.show(notice.text(), OUTSIDE);
        String subject = texts.show(KeyedText.of("notification.subject",
                notice.caseNo() == null ? "" : notice.caseNo()), OUTSIDE);
        for (Notifier channel : configured) {
            for (String address : channel.addresses(reachable)) {
                Outbox.enqueue(jdbc, channel.channel(), address, subject, body, caseId, notice.at());
            }
        }
    }

    /**
     * Queues a text to a citizen through the SMS channel, in the caller's transaction under a savepoint; never throws.
     *
     * @return whether it was queued (false: SMS is off, the phone is no mobile number, or it could not be written)
     */
    public boolean textCitizen(String phone, String text, CaseId caseId, Instant at) {
        Optional<Notifier> sms = sms();
        String mobile = SmsNotifier.mobile(phone);
        if (sms.isEmpty() || mobile == null) {
            return false;
        }
        try {
            savepoint.executeWithoutResult(status -> Outbox.enqueue(jdbc, SmsNotifier.CHANNEL, mobile, null, text,
                    caseId == null ? null : caseId.value(), at));
            return true;
        } catch (RuntimeException e) {
            log.error("text to a citizen could not be queued: {}", e.toString());
            return false;
        }
    }

    /** Whether a phone can receive the desk's texts (a mainland mobile number). */
    public static boolean textable(String phone) {
        return SmsNotifier.mobile(phone) != null;
    }

    private Optional<Notifier> sms() {
        return channels.stream().filter(n -> n.channel().equals(SmsNotifier.CHANNEL) && n.configured()).findFirst();
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** How many of the account's notifications are unread (one indexed count). */
    public long unreadCount(long accountId) {
        return jdbc.sql("select count(*) from notification where account_id = ? and read_at is null")
                .param(accountId).query(Long.class).single();
    }

    /** How many notifications the account has. */
    public long count(long accountId) {
        return jdbc.sql("select count(*) from notification where account_id = ?").param(accountId)
                .query(Long.class).single();
    }

    /** The account's unread in-app notifications, newest first. */
    public List<Notification> unread(long accountId) {
        return jdbc.sql(SELECT + "where n.account_id = ? and n.read_at is null order by n.at desc, n.id desc")
                .param(accountId)
                .query(Notifications::read)
                .list();
    }

    /** A page of the account's notifications, read or not, newest first. */
    public List<Notification> page(long accountId, boolean unreadOnly, int limit, int offset) {
        return jdbc.sql(SELECT + "where n.account_id = ?" + (unreadOnly ? " and n.read_at is null" : "")
                        + " order by n.at desc, n.id desc limit ? offset ?")
                .params(accountId, limit, offset)
                .query(Notifications::read)
                .list();
    }

    /** The account's in-app notifications, read or not, newest first, at most {@code limit}. */
    public List<Notification> recent(long accountId, int limit) {
        return page(accountId, false, limit, 0);
    }

    /** Marks one of the account's notifications read; another account's notification is left alone. */
    public boolean markRead(long notificationId, long accountId, Instant at) {
        return jdbc.sql("update notification set read_at = ? where id = ? and account_id = ? and read_at is null")
                .params(time(at), notificationId, accountId)
                .update() > 0;
    }

    /** The account's notification of this id, or empty (unknown, or another account's). */
    public Optional<Notification> byId(long notificationId, long accountId) {
        return jdbc.sql(SELECT + "where n.id = ? and n.account_id = ?").params(notificationId, accountId)
                .query(Notifications::read).optional();
    }

    /** Whether the account has a notification of this id (read or not). */
    public boolean owns(long notificationId, long accountId) {
        return jdbc.sql("select count(*) from notification where id = ? and account_id = ?")
                .params(notificationId, accountId).query(Long.class).single() > 0;
    }

    /** Marks all of the account's notifications read. @return how many were unread */
    public int markAllRead(long accountId, Instant at) {
        return jdbc.sql("update notification set read_at = ? where account_id = ? and read_at is null")
                .params(time(at), accountId)
                .update();
    }

    private static Notification read(ResultSet rs, int row) throws SQLException {
        long caseId = rs.getLong("case_id");
        CaseId id = rs.wasNull() ? null : new CaseId(caseId);
        OffsetDateTime readAt = rs.getObject("read_at", OffsetDateTime.class);
        KeyedText text = KeyedText.decode(rs.getString("message_key"), rs.getString("message_args"));
        if (text == null) {
            String plain = rs.getString("text");
            text = KeyedText.of("notification.text", plain, plain);
        }
        return new Notification(rs.getLong("id"), rs.getLong("account_id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(), text, id, rs.getString("case_no"),
                readAt == null ? null : readAt.toInstant());
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** For callers that need the list of channels with their state. */
    List<Notifier> allChannels() {
        return new ArrayList<>(channels);
    }
}
