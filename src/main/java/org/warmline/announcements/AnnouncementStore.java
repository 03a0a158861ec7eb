package org.warmline.announcements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.warmline.cases.CaseId;
import org.warmline.cases.KeyedText;

/** The announcements in the database (migration V17_1): the announcement, its area, its log and its calls. */
@Repository
class AnnouncementStore {

    private static final String COLUMNS = "id, cause, started_at, expected_restore_at, unit, case_id, case_no, state, "
            + "posted_at, posted_by, closed_at, closed_by, restored_at, version";

    /** One line of an announcement's log. */
    record Event(Instant at, String actor, KeyedText text) {
    }

    /** A call answered from an announcement: the case and when it was linked. */
    record Call(CaseId caseId, Instant linkedAt, String linkedBy) {
    }

    private final JdbcClient jdbc;

    AnnouncementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new announcement (its id and version are ignored) and returns it with its id. */
    Announcement insert(Announcement a) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into announcement (cause, started_at, expected_restore_at, unit, case_id, case_no, state, "
                        + "posted_at, posted_by, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(a.cause(), time(a.startedAt()), time(a.expectedRestoreAt()), a.unit(), a.caseId().value(),
                        a.caseNo(), a.state().name(), time(a.postedAt()), a.postedBy())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        writeArea(id, a.stations(), a.patterns());
        return find(id).orElseThrow();
    }

    /**
     * Saves what an update or closing changed, if the announcement still has the version read.
     *
     * @return whether it had (false: someone else changed it first; nothing was saved)
     */
    boolean update(Announcement a) {
        int updated = jdbc.sql("update announcement set cause = ?, expected_restore_at = ?, state = ?, closed_at = ?, "
                        + "closed_by = ?, restored_at = ?, version = version + 1 where id = ? and version = ?")
                .params(a.cause(), time(a.expectedRestoreAt()), a.state().name(), time(a.closedAt()), a.closedBy(),
                        time(a.restoredAt()), a.id(), a.version())
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("delete from announcement_station where announcement_id = ?").param(a.id()).update();
        jdbc.sql("delete from announcement_pattern where announcement_id = ?").param(a.id()).update();
        writeArea(a.id(), a.stations(), a.patterns());
        return true;
    }

    private void writeArea(long id, List<String> stations, List<String> patterns) {
        for (String unit : stations) {
            jdbc.sql("insert into announcement_station (announcement_id, unit) values (?, ?)").params(id, unit).update();
        }
        for (int i = 0; i < patterns.size(); i++) {
            jdbc.sql("insert into announcement_pattern (announcement_id, position, pattern) values (?, ?, ?)")
                    .params(id, i, patterns.get(i)).update();
        }
    }

    Optional<Announcement> find(long id) {
        return read("where id = ?", id).stream().findFirst();
    }

    /** The active announcements, newest first. */
    List<Announcement> active() {
        return read("where state = 'ACTIVE' order by posted_at desc, id desc");
    }

    /** The announcement a case stands for while it is active, if any. */
    Optional<Announcement> activeOfCase(CaseId caseId) {
        return read("where state = 'ACTIVE' and case_id = ?", caseId.value()).stream().findFirst();
    }

    /** The announcement a case stands for, active or closed, if any. */
    Optional<Announcement> ofCase(CaseId caseId) {
        return read("where case_id = ? order by id desc", caseId.value()).stream().findFirst();
    }

    /** The latest announcements, active or closed, newest first. */
    List<Announcement> recent(int limit) {
        return read("order by posted_at desc, id desc limit " + Math.max(1, limit));
    }

    private List<Announcement> read(String where, Object... params) {
        List<Object[]> rows = jdbc.sql("select " + COLUMNS + " from announcement " + where).params(params)
                .query((rs, i) -> row(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        Map<Long, List<String>> stations = new LinkedHashMap<>();
        jdbc.sql("select announcement_id, unit from announcement_station where announcement_id in (" + in
                        + ") order by unit").params(ids.toArray())
                .query(rs -> {
                    stations.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<Long, List<String>> patterns = new LinkedHashMap<>();
        jdbc.sql("select announcement_id, pattern from announcement_pattern where announcement_id in (" + in
                        + ") order by position").params(ids.toArray())
                .query(rs -> {
                    patterns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        List<Announcement> out = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            out.add(new Announcement(id, (String) r[1], (Instant) r[2], (Instant) r[3], (String) r[4],
                    new CaseId((Long) r[5]), (String) r[6], Announcement.State.valueOf((String) r[7]),
                    stations.getOrDefault(id, List.of()), patterns.getOrDefault(id, List.of()), (Instant) r[8],
                    (String) r[9], (Instant) r[10], (String) r[11], (Instant) r[12], (Integer) r[13]));
        }
        return out;
    }

    private static Object[] row(ResultSet rs) throws SQLException {
        return new Object[] {rs.getLong("id"), rs.getString("cause"), instant(rs, "started_at"),
                instant(rs, "expected_restore_at"), rs.getString("unit"), rs.getLong("case_id"), rs.getString("case_no"),
                rs.getString("state"), instant(rs, "posted_at"), rs.getString("posted_by"), instant(rs, "closed_at"),
                rs.getString("closed_by"), instant(rs, "restored_at"), rs.getInt("version")};
    }

    // ---------------------------------------------------------------------------------------------- log and calls

    void addEvent(long id, Instant at, String actor, KeyedText text) {
        jdbc.sql("insert into announcement_event (announcement_id, at, actor, message_key, message_args) "
                        + "values (?, ?, ?, ?, ?)")
                .params(id, time(at), actor, text.key(), text.encodedArgs()).update();
    }

    /** The announcement's log, oldest first. */
    List<Event> events(long id) {
        return jdbc.sql("select at, actor, message_key, message_args from announcement_event where announcement_id = ? "
                        + "order by at, id").param(id)
                .query((rs, i) -> new Event(instant(rs, "at"), rs.getString("actor"),
                        KeyedText.decode(rs.getString("message_key"), rs.getString("message_args"))))
                .list();
    }

    void addCall(long id, CaseId caseId, Instant at, String by) {
        jdbc.sql("insert into announcement_call (announcement_id, case_id, linked_at, linked_by) values (?, ?, ?, ?)")
                .params(id, caseId.value(), time(at), by).update();
    }

    /** The calls answered from the announcement, oldest first. */
    List<Call> calls(long id) {
        return jdbc.sql("select case_id, linked_at, linked_by from announcement_call where announcement_id = ? "
                        + "order by linked_at, case_id").param(id)
                .query((rs, i) -> new Call(new CaseId(rs.getLong("case_id")), instant(rs, "linked_at"),
                        rs.getString("linked_by")))
                .list();
    }

    /** How many calls each of the announcements had answered from it. */
    Map<Long, Long> callCounts(List<Long> ids) {
        Map<Long, Long> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.sql("select announcement_id, count(*) from announcement_call where announcement_id in (" + in
                        + ") group by announcement_id").params(ids.toArray())
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                });
        return out;
    }

    /** When each call of the announcements was linked, since {@code from}, by announcement. */
    Map<Long, List<Instant>> callTimes(List<Long> ids, Instant from) {
        Map<Long, List<Instant>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(ids);
        params.add(time(from));
        jdbc.sql("select announcement_id, linked_at from announcement_call where announcement_id in (" + in
                        + ") and linked_at >= ? order by linked_at").params(params.toArray())
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(instant(rs, "linked_at"));
                });
        return out;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
