package org.warmline.administration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The imported holiday schedules (table {@code holiday_calendar}), one per year, in the holiday-cn JSON format. */
@Repository
class HolidayCalendarStore {

    /** One imported year. */
    record Imported(int year, String content, Instant importedAt, String importedBy) {
    }

    private final JdbcClient jdbc;

    HolidayCalendarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Imported> all() {
        return jdbc.sql("select calendar_year, content, imported_at, imported_by from holiday_calendar"
                        + " order by calendar_year")
                .query((rs, i) -> new Imported(rs.getInt(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
                .list();
    }

    /** Stores a year's schedule, replacing an earlier import of the same year. */
    void save(int year, String content, Instant at, String by) {
        int updated = jdbc.sql("update holiday_calendar set content = ?, imported_at = ?, imported_by = ?"
                        + " where calendar_year = ?")
                .params(content, at.atOffset(ZoneOffset.UTC), by, year).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into holiday_calendar (calendar_year, content, imported_at, imported_by)"
                                + " values (?, ?, ?, ?)")
                        .params(year, content, at.atOffset(ZoneOffset.UTC), by).update();
            } catch (DuplicateKeyException raced) {
                // imported at the same moment by someone else: the later one wins, as with an update
                jdbc.sql("update holiday_calendar set content = ?, imported_at = ?, imported_by = ?"
                                + " where calendar_year = ?")
                        .params(content, at.atOffset(ZoneOffset.UTC), by, year).update();
            }
        }
    }
}
