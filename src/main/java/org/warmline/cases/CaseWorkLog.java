package org.warmline.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notes of cases (table {@code case_note}, and their texts on the case row for the text search) and their contact
 * log ({@code case_contact}). Written by {@link CaseDesk} in the transaction of the history line; never changed or
 * deleted.
 */
@Repository
public class CaseWorkLog {

    /** The most notes a case takes (their texts are kept on the case row for the search). */
    public static final int MAX_NOTES = 300;

    /** An internal note. */
    public record Note(long id, Instant at, String author, String text) {
    }

    /** An attempt to reach the citizen. */
    public record ContactAttempt(long id, Instant at, String actor, ContactOutcome outcome, String remark) {
    }

    private final JdbcClient jdbc;

    CaseWorkLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void addNote(CaseId caseId, Instant at, String author, String text) {
        jdbc.sql("insert into case_note (case_id, at, author, body) values (?, ?, ?, ?)")
                .params(caseId.value(), time(at), author, text).update();
        jdbc.sql("update petition_case set notes_text = case when notes_text is null then ? "
                        + "else notes_text || ? || ? end where id = ?")
                .params(text, "\n", text, caseId.value()).update();
    }

    int noteCount(CaseId caseId) {
        return jdbc.sql("select count(*) from case_note where case_id = ?").param(caseId.value()).query(Integer.class)
                .single();
    }

    void addContact(CaseId caseId, Instant at, String actor, ContactOutcome outcome, String remark) {
        jdbc.sql("insert into case_contact (case_id, at, actor, outcome, remark) values (?, ?, ?, ?, ?)")
                .params(caseId.value(), time(at), actor, outcome.name(), remark).update();
    }

    /** The notes of a case, oldest first. */
    public List<Note> notes(CaseId caseId) {
        return jdbc.sql("select id, at, author, body from case_note where case_id = ? order by at, id")
                .param(caseId.value())
                .query((rs, i) -> new Note(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("author"), rs.getString("body")))
                .list();
    }

    /** The contact log of a case, oldest first. */
    public List<ContactAttempt> contacts(CaseId caseId) {
        return jdbc.sql("select id, at, actor, outcome, remark from case_contact where case_id = ? order by at, id")
                .param(caseId.value())
                .query((rs, i) -> new ContactAttempt(rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        ContactOutcome.valueOf(rs.getString("outcome")), rs.getString("remark")))
                .list();
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
