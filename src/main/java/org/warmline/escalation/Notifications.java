package org.warmline.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.warmline.cases.CaseId;

/**
 * Sends notices through the enabled {@link Notifier} channels ({@code warmline.notifications.channels}, default
 * {@code in-app}) and reads an account's in-app notifications. Channels inside the application are sent within the
 * caller's transaction; the others after it commits (or at once without a transaction).
 */
@Service
public class Notifications {

    private final List<Notifier> enabled;
    private final JdbcClient jdbc;

    public Notifications(List<Notifier> notifiers, JdbcClient jdbc,
                         @Value("${warmline.notifications.channels:in-app}") List<String> channels) {
        Set<String> wanted = new LinkedHashSet<>();
        channels.stream().map(String::trim).filter(c -> !c.isEmpty()).forEach(wanted::add);
        List<Notifier> chosen = new ArrayList<>();
        for (String channel : wanted) {
            Notifier notifier = notifiers.stream().filter(n -> n.channel().equals(channel)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "warmline.notifications.channels: no notifier for channel " + channel));
            chosen.add(notifier);
        }
        this.enabled = List.copyOf(chosen);
        this.jdbc = jdbc;
    }

    /** The names of the enabled channels. */
    public List<String> channels() {
        return enabled.stream().map(Notifier::channel).toList();
    }

    /** Sends the notice through every enabled channel. */
    public void send(Notice notice) {
        if (notice.recipients().isEmpty()) {
            return;
        }
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        for (Notifier notifier : enabled) {
            if (notifier.inTransaction() || !inTransaction) {
                notifier.send(notice);
            } else {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        notifier.send(notice);
                    }
                });
            }
        }
    }

    /** The account's unread in-app notifications, newest first. */
    public List<Notification> unread(long accountId) {
        return jdbc.sql("select id, account_id, at, text, case_id, read_at from notification "
                        + "where account_id = ? and read_at is null order by at desc, id desc")
                .param(accountId)
                .query(Notifications::read)
                .list();
    }

    /** The account's in-app notifications, read or not, newest first, at most {@code limit}. */
    public List<Notification> recent(long accountId, int limit) {
        return jdbc.sql("select id, account_id, at, text, case_id, read_at from notification "
                        + "where account_id = ? order by at desc, id desc limit ?")
                .params(accountId, limit)
                .query(Notifications::read)
                .list();
    }

    /** Marks one of the account's notifications read; another account's notification is left alone. */
    public boolean markRead(long notificationId, long accountId, Instant at) {
        return jdbc.sql("update notification set read_at = ? where id = ? and account_id = ? and read_at is null")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), notificationId, accountId)
                .update() > 0;
    }

    private static Notification read(ResultSet rs, int row) throws SQLException {
        long caseId = rs.getLong("case_id");
        CaseId id = rs.wasNull() ? null : new CaseId(caseId);
        OffsetDateTime readAt = rs.getObject("read_at", OffsetDateTime.class);
        return new Notification(rs.getLong("id"), rs.getLong("account_id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("text"), id,
                readAt == null ? null : readAt.toInstant());
    }
}
