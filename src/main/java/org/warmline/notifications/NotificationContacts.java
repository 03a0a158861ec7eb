package org.warmline.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The addresses outside the application where signed-in users want their notices (table {@code notification_contact}). */
@Repository
public class NotificationContacts {

    private final JdbcClient jdbc;

    public NotificationContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contacts of these accounts that have one. */
    List<Notifier.Contact> of(List<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select account_id, email, mobile from notification_contact where account_id in ("
                        + String.join(", ", java.util.Collections.nCopies(accountIds.size(), "?")) + ")")
                .params(List.copyOf(accountIds))
                .query((rs, row) -> new Notifier.Contact(rs.getLong("account_id"), rs.getString("email"),
                        rs.getString("mobile")))
                .list();
    }

    /** The account's contact, if it set one. */
    public Optional<Notifier.Contact> of(long accountId) {
        return of(List.of(accountId)).stream().findFirst();
    }

    /** Sets (or clears, with nulls) the account's e-mail address and mobile number. */
    public void set(long accountId, String email, String mobile, Instant at) {
        int updated = jdbc.sql("update notification_contact set email = ?, mobile = ?, updated_at = ? "
                        + "where account_id = ?")
                .params(email, mobile, Notifications.time(at), accountId).update();
        if (updated == 0) {
            jdbc.sql("insert into notification_contact (account_id, email, mobile, updated_at) values (?, ?, ?, ?)")
                    .params(accountId, email, mobile, Notifications.time(at)).update();
        }
    }
}
