package org.warmline.assessing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.Adjustment;
import org.warmline.records.ManualRecords;
import org.warmline.security.Account;
import org.warmline.security.Role;

import static org.warmline.assessing.Publications.utc;

/**
 * Appeals against deductions (申诉): a UNIT_MANAGER appeals a deduction of a subject of their subtree in the period's
 * published result, with a reason, within the appeal window after publishing; an ASSESSOR upholds it (an adjustment of
 * the item, period and subject giving the points back, with the appeal's reason and the assessor's name, recorded in
 * the manual records) or rejects it with a reason. Every step is a row of the appeal's history. A deduction has at most
 * one appeal that is open or upheld.
 */
@Service
public class Appeals {

    static final int MAX_REASON = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Publications publications;
    private final ManualRecords records;
    private final Viewers viewers;
    private final LiveAssessment live;
    private final AppealWindow window;

    public Appeals(JdbcClient jdbc, PlatformTransactionManager transactions, Publications publications,
                   ManualRecords records, Viewers viewers, LiveAssessment live,
                   @Value("${warmline.assessment.appeal-window:5wd}") String window) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.publications = publications;
        this.records = records;
        this.viewers = viewers;
        this.live = live;
        this.window = AppealWindow.parse(window);
    }

    /** When appeals against a publication close. */
    public Instant closes(Publication publication) {
        return window.closes(publication.publishedAt(),
                live.calendarOf(live.schemeOf(live.period(publication.period()))));
    }

    /**
     * Files an appeal against the {@code index}-th deduction (from 0) of an item of a subject in the period's latest
     * publication.
     *
     * @throws AssessmentRefused naming what is wrong: not a manager (403), subject outside the subtree (404), period
     *     not published, window closed, no such deduction, reason missing or too long, deduction already appealed
     */
    public Appeal file(Account manager, String period, String subject, String item, int index, String reason,
                       Instant now) {
        if (manager.role() != Role.UNIT_MANAGER) {
            throw new AssessmentRefused(403, "assessing.error.forbidden", null);
        }
        if (!viewers.subjects(manager).test(subject)) {
            throw new AssessmentRefused(404, "assessing.error.noSubject", "subject", subject);
        }
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new AssessmentRefused("assessing.appeal.reasonRequired", "reason");
        }
        if (text.length() > MAX_REASON) {
            throw new AssessmentRefused("assessing.appeal.reasonTooLong", "reason", MAX_REASON);
        }
        Publication publication = publications.latest(period)
                .orElseThrow(() -> new AssessmentRefused(409, "assessing.appeal.notPublished", "period", period));
        if (!now.isBefore(closes(publication))) {
            throw new AssessmentRefused(409, "assessing.appeal.windowClosed", "period", period);
        }
        Map<String, Object> deduction = ResultDocument.parse(publication.resultZh())
                .deduction(subject, item, index)
                .orElseThrow(() -> new AssessmentRefused(404, "assessing.appeal.noDeduction", "deduction", index));
        BigDecimal points = ResultDocument.decimal(deduction.get("points"));
        if (points.signum() <= 0) {
            throw new AssessmentRefused(409, "assessing.appeal.noDeduction", "deduction", index);
        }
        String rule = (String) deduction.get("rule");
        String ref = (String) deduction.get("ref");
        return transaction.execute(status -> {
            long taken = jdbc.sql("select count(*) from assessment_appeal where period = ? and subject = ? and item = ?"
                            + " and rule_code = ? and coalesce(ref, '') = ? and points = ? and state <> 'REJECTED'")
                    .params(period, subject, item, rule, ref == null ? "" : ref, points)
                    .query(Long.class).single();
            if (taken > 0) {
                throw new AssessmentRefused(409, "assessing.appeal.duplicate", "deduction");
            }
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into assessment_appeal (publication_id, period, subject, item, rule_code, ref, points, "
                            + "deduction, reason, state, filed_by, filed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(publication.id(), period, subject, item, rule, ref, points,
                            cut((String) deduction.get("reason"), 1000), text, Appeal.State.OPEN.name(),
                            manager.username(), utc(now))
                    .update(keys, "id");
            long id = keys.getKeyAs(Number.class).longValue();
            step(id, "FILED", manager.username(), now, text);
            return find(id).orElseThrow();
        });
    }

    /** Upholds an open appeal: the points come back through an adjustment with the appeal's reason. */
    public Appeal uphold(Account assessor, long id, String note, Instant now) {
        return decide(assessor, id, true, note, now);
    }

    /** Rejects an open appeal; the reason is required. */
    public Appeal reject(Account assessor, long id, String note, Instant now) {
        return decide(assessor, id, false, note, now);
    }

    private Appeal decide(Account assessor, long id, boolean upheld, String note, Instant now) {
        if (!Viewers.isAssessor(assessor)) {
            throw new AssessmentRefused(403, "assessing.error.forbidden", null);
        }
        String text = note == null ? "" : note.strip();
        if (!upheld && text.isEmpty()) {
            throw new AssessmentRefused("assessing.appeal.rejectReasonRequired", "note");
        }
        if (text.length() > MAX_REASON) {
            throw new AssessmentRefused("assessing.appeal.reasonTooLong", "note", MAX_REASON);
        }
        return transaction.execute(status -> {
            Appeal appeal = find(id).orElseThrow(() -> new AssessmentRefused(404, "assessing.appeal.notFound", "id", id));
            if (appeal.state() != Appeal.State.OPEN) {
                throw new AssessmentRefused(409, "assessing.appeal.decided", "id", id);
            }
            Long adjustment = null;
            if (upheld) {
                adjustment = records.addAdjustment(new Adjustment(appeal.subject(), appeal.period(), appeal.item(),
                        appeal.points(), appeal.reason(), assessor.username(), 0), assessor.username(), now);
            }
            int changed = jdbc.sql("update assessment_appeal set state = ?, decided_by = ?, decided_at = ?, "
                            + "decision_note = ?, adjustment_id = ?, version = version + 1 where id = ? and state = ?")
                    .params(upheld ? "UPHELD" : "REJECTED", assessor.username(), utc(now),
                            text.isEmpty() ? null : text, adjustment, id, Appeal.State.OPEN.name())
                    .update();
            if (changed != 1) {
                throw new AssessmentRefused(409, "assessing.appeal.decided", "id", id);
            }
            step(id, upheld ? "UPHELD" : "REJECTED", assessor.username(), now, text.isEmpty() ? null : text);
            return find(id).orElseThrow();
        });
    }

    public Optional<Appeal> find(long id) {
        return jdbc.sql("select * from assessment_appeal where id = ?").param(id).query(Appeals::appeal).optional();
    }

    /** The appeals of a period, oldest first. */
    public List<Appeal> ofPeriod(String period) {
        return jdbc.sql("select * from assessment_appeal where period = ? order by id").param(period)
                .query(Appeals::appeal).list();
    }

    /** The history of an appeal, in order. */
    public List<Appeal.Step> steps(long id) {
        return jdbc.sql("select * from assessment_appeal_step where appeal_id = ? order by at, id").param(id)
                .query((rs, i) -> new Appeal.Step(rs.getString("action"), rs.getString("by_user"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("note")))
                .list();
    }

    private void step(long appeal, String action, String by, Instant at, String note) {
        jdbc.sql("insert into assessment_appeal_step (appeal_id, action, by_user, at, note) values (?, ?, ?, ?, ?)")
                .params(appeal, action, by, utc(at), note).update();
    }

    private static String cut(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }

    private static Appeal appeal(ResultSet rs, int row) throws SQLException {
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        Object adjustment = rs.getObject("adjustment_id");
        return new Appeal(rs.getLong("id"), rs.getLong("publication_id"), rs.getString("period"),
                rs.getString("subject"), rs.getString("item"), rs.getString("rule_code"), rs.getString("ref"),
                ManualRecordsPoints.plain(rs.getBigDecimal("points")), rs.getString("deduction"),
                rs.getString("reason"), Appeal.State.valueOf(rs.getString("state")), rs.getString("filed_by"),
                rs.getObject("filed_at", OffsetDateTime.class).toInstant(), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("decision_note"),
                adjustment == null ? null : ((Number) adjustment).longValue());
    }

    /** Points without trailing zeros ({@code 2}, {@code 0.5}), as the ledger writes them. */
    static final class ManualRecordsPoints {
        private ManualRecordsPoints() {
        }

        static BigDecimal plain(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }
}
