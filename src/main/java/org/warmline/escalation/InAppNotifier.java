package org.warmline.escalation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.warmline.security.Account;

/** The in-application channel: one row of table {@code notification} per recipient. */
@Component
class InAppNotifier implements Notifier {

    static final String CHANNEL = "in-app";
    private static final int MAX_TEXT = 1000;

    private final JdbcClient jdbc;

    InAppNotifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public boolean inTransaction() {
        return true;
    }

    @Override
    public void send(Notice notice) {
        String text = notice.text().length() > MAX_TEXT ? notice.text().substring(0, MAX_TEXT) : notice.text();
        for (Account account : notice.recipients()) {
            jdbc.sql("insert into notification (account_id, at, text, case_id) values (?, ?, ?, ?)")
                    .params(account.id(), OffsetDateTime.ofInstant(notice.at(), ZoneOffset.UTC), text,
                            notice.caseId() == null ? null : notice.caseId().value())
                    .update();
        }
    }
}
