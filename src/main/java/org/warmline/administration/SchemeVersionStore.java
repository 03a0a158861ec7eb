package org.warmline.administration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The uploaded scheme versions (table {@code scheme_version}); the built-in default is not stored. */
@Repository
class SchemeVersionStore {

    /** One stored version: its YAML as uploaded, and from which day it applies (empty: not activated). */
    record Stored(String version, String content, Optional<LocalDate> activeFrom, Instant uploadedAt,
                  String uploadedBy, Optional<Instant> activatedAt, Optional<String> activatedBy) {
    }

    private final JdbcClient jdbc;

    SchemeVersionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Stored> all() {
        return jdbc.sql("select version, content, active_from, uploaded_at, uploaded_by, activated_at, activated_by"
                        + " from scheme_version order by uploaded_at, id")
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2),
                        Optional.ofNullable(rs.getObject(3, LocalDate.class)),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                        Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(rs.getString(7))))
                .list();
    }

    Optional<Stored> find(String version) {
        return all().stream().filter(s -> s.version().equals(version)).findFirst();
    }

    /** Stores a new, not yet activated version; false when the name is taken. */
    boolean insert(String version, String content, Instant at, String by) {
        Integer taken = jdbc.sql("select count(*) from scheme_version where version = ?").param(version)
                .query(Integer.class).single();
        if (taken > 0) {
            return false;
        }
        try {
            jdbc.sql("insert into scheme_version (version, content, active_from, uploaded_at, uploaded_by)"
                            + " values (?, ?, null, ?, ?)")
                    .params(version, content, at.atOffset(ZoneOffset.UTC), by).update();
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /**
     * Sets (or, with {@code null}, clears) the day a version applies from.
     *
     * @throws DuplicateKeyException when another version starts on that day
     */
    void activate(String version, LocalDate from, Instant at, String by) {
        jdbc.sql("update scheme_version set active_from = ?, activated_at = ?, activated_by = ? where version = ?")
                .params(from, at.atOffset(ZoneOffset.UTC), by, version).update();
    }
}
