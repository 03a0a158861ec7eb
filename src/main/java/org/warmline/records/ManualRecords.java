package org.warmline.records;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.SpecialTask;
import org.warmline.ledger.Training;

import static org.warmline.ledger.Instants.NONE;

/**
 * The manual assessment records in the database (人工考核记录): regulations, trainings, outages, special tasks and
 * adjustments, read back as the ledger's records. Checking a record against the scheme and the unit tree (an adjustment
 * needs a reason and an item that applies to its subject, …) is the caller's work, as the ledger reader does it for
 * files; this store only keeps what it is given, all of a batch or none of it.
 */
@Repository
public class ManualRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public ManualRecords(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    // ----------------------------------------------------------------------------------------------- regulations

    /** Every unit's regulation record (制度建设), by unit. */
    public List<Regulation> regulations() {
        return recordedRegulations().stream().map(Recorded::record).toList();
    }

    public List<Recorded<Regulation>> recordedRegulations() {
        return jdbc.sql("select * from regulation order by unit")
                .query((rs, i) -> new Recorded<>(0, new Regulation(rs.getString("unit"),
                        rs.getBoolean("has_regulation"), rs.getBoolean("classification"),
                        rs.getBoolean("authority_levels"), rs.getBoolean("escalation"), rs.getBoolean("archiving")),
                        at(rs, "recorded_at"), rs.getString("recorded_by")))
                .list();
    }

    /** Records a unit's regulation: its one row, replacing the earlier one. */
    public void saveRegulation(Regulation regulation, String by, Instant at) {
        transaction.executeWithoutResult(status -> writeRegulation(regulation, by, at));
    }

    private void writeRegulation(Regulation r, String by, Instant at) {
        jdbc.sql("delete from regulation where unit = ?").param(r.unit()).update();
        jdbc.sql("insert into regulation (unit, has_regulation, classification, authority_levels, escalation, archiving,"
                        + " recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.unit(), r.hasRegulation(), r.classification(), r.authorityLevels(), r.escalation(),
                        r.archiving(), timestamp(at), by)
                .update();
    }

    // ------------------------------------------------------------------------------------------------- trainings

    /** Every training (培训记录), by date held. */
    public List<Training> trainings() {
        return recordedTrainings().stream().map(Recorded::record).toList();
    }

    public List<Recorded<Training>> recordedTrainings() {
        return jdbc.sql("select * from training order by held_on, id")
                .query((rs, i) -> new Recorded<>(rs.getLong("id"), training(rs), at(rs, "recorded_at"),
                        rs.getString("recorded_by")))
                .list();
    }

    public Optional<Recorded<Training>> training(long id) {
        return jdbc.sql("select * from training where id = ?").param(id)
                .query((rs, i) -> new Recorded<>(rs.getLong("id"), training(rs), at(rs, "recorded_at"),
                        rs.getString("recorded_by")))
                .optional();
    }

    /** Records a training; its id. */
    public long addTraining(Training training, String by, Instant at) {
        return transaction.execute(status -> writeTraining(training, by, at));
    }

    /**
     * Changes which of a training's records (sign-in sheet, courseware, photos) are kept, e.g. when an attachment is
     * added.
     */
    public void markTrainingRecords(long id, boolean signIn, boolean courseware, boolean photos) {
        jdbc.sql("update training set sign_in = ?, courseware = ?, photos = ? where id = ?")
                .params(signIn, courseware, photos, id).update();
    }

    private long writeTraining(Training t, String by, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into training (unit, held_on, title, sign_in, courseware, photos, recorded_at, recorded_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.unit(), Date.valueOf(t.heldOn()), t.title(), t.signIn(), t.courseware(), t.photos(),
                        timestamp(at), by)
                .update(keys, "id");
        return id(keys);
    }

    private static Training training(ResultSet rs) throws SQLException {
        return new Training(rs.getString("unit"), rs.getObject("held_on", LocalDate.class), rs.getString("title"),
                rs.getBoolean("sign_in"), rs.getBoolean("courseware"), rs.getBoolean("photos"));
    }

    // --------------------------------------------------------------------------------------------------- outages

    /** Every channel outage (渠道故障), by start; {@link Outage#row()} numbers them from 1 in that order. */
    public List<Outage> outages() {
        return recordedOutages().stream().map(Recorded::record).toList();
    }

    public List<Recorded<Outage>> recordedOutages() {
        List<Recorded<Outage>> result = new ArrayList<>();
        jdbc.sql("select * from outage order by started_at, id").query(rs -> {
            long backup = rs.getObject("backup_started_at") == null ? NONE
                    : at(rs, "backup_started_at").toEpochMilli();
            result.add(new Recorded<>(rs.getLong("id"), new Outage(rs.getString("channel"), rs.getString("unit"),
                    at(rs, "started_at").toEpochMilli(), backup, result.size() + 1), at(rs, "recorded_at"),
                    rs.getString("recorded_by")));
        });
        return result;
    }

    /** Records an outage; its id. */
    public long addOutage(Outage outage, String by, Instant at) {
        return transaction.execute(status -> writeOutage(outage, by, at));
    }

    /** Records when the backup channel of an outage started (备用渠道启用), if it had not been recorded. */
    public boolean recordBackupStart(long id, Instant backupStartedAt) {
        return jdbc.sql("update outage set backup_started_at = ? where id = ? and backup_started_at is null")
                .params(timestamp(backupStartedAt), id).update() == 1;
    }

    private long writeOutage(Outage o, String by, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into outage (channel, unit, started_at, backup_started_at, recorded_at, recorded_by) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(o.channel(), o.unit(), timestamp(Instant.ofEpochMilli(o.startedAt())),
                        o.backupStartedAt() == NONE ? null : timestamp(Instant.ofEpochMilli(o.backupStartedAt())),
                        timestamp(at), by)
                .update(keys, "id");
        return id(keys);
    }

    // --------------------------------------------------------------------------------------------- special tasks

    /** Every special task (专项任务), by due date and number. */
    public List<SpecialTask> tasks() {
        return recordedTasks().stream().map(Recorded::record).toList();
    }

    public List<Recorded<SpecialTask>> recordedTasks() {
        return jdbc.sql("select * from special_task order by due_date, task_no")
                .query((rs, i) -> new Recorded<>(0, task(rs), at(rs, "recorded_at"), rs.getString("recorded_by")))
                .list();
    }

    public Optional<SpecialTask> task(String taskNo) {
        return jdbc.sql("select * from special_task where task_no = ?").param(taskNo)
                .query((rs, i) -> task(rs)).optional();
    }

    /** Records a special task, or updates it (plan submitted, completion, quality) when its number exists. */
    public void saveTask(SpecialTask task, String by, Instant at) {
        transaction.executeWithoutResult(status -> writeTask(task, by, at));
    }

    private void writeTask(SpecialTask t, String by, Instant at) {
        int updated = jdbc.sql("update special_task set unit = ?, title = ?, due_date = ?, plan_submitted = ?, "
                        + "completed_on = ?, quality_ok = ?, recorded_at = ?, recorded_by = ?, version = version + 1 "
                        + "where task_no = ?")
                .params(t.unit(), t.title(), Date.valueOf(t.dueDate()), t.planSubmitted(), date(t.completedOn()),
                        t.qualityOk(), timestamp(at), by, t.taskNo())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into special_task (task_no, unit, title, due_date, plan_submitted, completed_on, "
                            + "quality_ok, recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(t.taskNo(), t.unit(), t.title(), Date.valueOf(t.dueDate()), t.planSubmitted(),
                            date(t.completedOn()), t.qualityOk(), timestamp(at), by)
                    .update();
        }
    }

    private static SpecialTask task(ResultSet rs) throws SQLException {
        Object quality = rs.getObject("quality_ok");
        return new SpecialTask(rs.getString("task_no"), rs.getString("unit"), rs.getString("title"),
                rs.getObject("due_date", LocalDate.class), rs.getBoolean("plan_submitted"),
                rs.getObject("completed_on", LocalDate.class), quality == null ? null : rs.getBoolean("quality_ok"));
    }

    // ----------------------------------------------------------------------------------------------- adjustments

    /** Every adjustment (人工调整), in the order recorded; {@link Adjustment#row()} numbers them from 1. */
    public List<Adjustment> adjustments() {
        return recordedAdjustments().stream().map(Recorded::record).toList();
    }

    public List<Recorded<Adjustment>> recordedAdjustments() {
        List<Recorded<Adjustment>> result = new ArrayList<>();
        jdbc.sql("select * from adjustment order by id").query(rs -> {
            result.add(new Recorded<>(rs.getLong("id"), new Adjustment(rs.getString("subject"),
                    rs.getString("period"), rs.getString("item"), points(rs.getBigDecimal("points")),
                    rs.getString("reason"), rs.getString("assessor"), result.size() + 1),
                    at(rs, "recorded_at"), rs.getString("recorded_by")));
        });
        return result;
    }

    /** Records an adjustment; its id. The reason and the assessor are required. */
    public long addAdjustment(Adjustment adjustment, String by, Instant at) {
        return transaction.execute(status -> writeAdjustment(adjustment, by, at));
    }

    private long writeAdjustment(Adjustment a, String by, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        if (a.reason() == null || a.reason().isBlank() || a.assessor() == null || a.assessor().isBlank()) {
            throw new IllegalArgumentException("an adjustment needs a reason and the assessor's name");
        }
        jdbc.sql("insert into adjustment (subject, period, item, points, reason, assessor, recorded_at, recorded_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.subject(), a.period(), a.item(), a.points(), a.reason(), a.assessor(), timestamp(at), by)
                .update(keys, "id");
        return id(keys);
    }

    // ----------------------------------------------------------------------------------------------------- batch

    /**
     * Adds the manual records of a ledger (an imported workbook) in one transaction: all of them or, on any failure,
     * none. Regulations replace the unit's earlier row; tasks replace a task of the same number.
     */
    public void importAll(List<Regulation> regulations, List<Training> trainings, List<Outage> outages,
                          List<SpecialTask> tasks, List<Adjustment> adjustments, String by, Instant at) {
        transaction.executeWithoutResult(status -> {
            regulations.forEach(r -> writeRegulation(r, by, at));
            trainings.forEach(t -> writeTraining(t, by, at));
            outages.forEach(o -> writeOutage(o, by, at));
            tasks.forEach(t -> writeTask(t, by, at));
            adjustments.forEach(a -> writeAdjustment(a, by, at));
        });
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static long id(KeyHolder keys) {
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Points as the ledger writes them: {@code -2}, {@code 0.5}, never {@code -2.00} or {@code 2E+1}. */
    static BigDecimal points(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
