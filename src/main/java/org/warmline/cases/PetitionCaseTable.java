package org.warmline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.warmline.assessment.PhoneNumbers;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Instants;

/**
 * The table {@code petition_case} (db/migration): a column per column of the ledger ({@link CaseColumn}, named alike)
 * and the desk's own columns ({@link Desk}, declared once here), with how a {@link Case} or a {@link CaseRecord} is
 * bound to its columns and read from them. Instants are {@code timestamp with time zone}, enumerations their codes.
 */
final class PetitionCaseTable {

    /** Every column the desk writes and reads of a case ({@code id} and {@code version} aside), the ledger's first. */
    static final String COLUMNS;
    static final int COLUMN_COUNT;

    static {
        StringBuilder columns = new StringBuilder(CaseColumn.names());
        for (Desk column : Desk.values()) {
            columns.append(", ").append(column.column());
        }
        COLUMNS = columns.toString();
        COLUMN_COUNT = CaseColumn.ALL.size() + Desk.values().length;
    }

    private PetitionCaseTable() {
    }

    /** How a column's values are read from a row. */
    private enum Sql {
        TEXT, INSTANT, ID, LONG, FLAG
    }

    /**
     * The desk's own columns of a case: its state, withdrawal, intake keys, links, resolution and routing, and the
     * working columns the desk keeps for its queries (the nearest running deadline and its amber instant, for sorting
     * and the clocks' counts; the normalised phone, for intake look-ups), which are written and never read back.
     */
    enum Desk {
        STATE(Sql.TEXT, (c, clocks) -> c.state, (c, v) -> c.state = CaseState.valueOf((String) v)),
        WITHDRAWN_AT(Sql.INSTANT, (c, clocks) -> c.withdrawnAt, (c, v) -> c.withdrawnAt = (Instant) v),
        WITHDRAWN_REASON(Sql.TEXT, (c, clocks) -> c.withdrawnReason, (c, v) -> c.withdrawnReason = (String) v),
        EXTERNAL_TICKET(Sql.TEXT, (c, clocks) -> c.externalTicket, (c, v) -> c.externalTicket = (String) v),
        IDEMPOTENCY_KEY(Sql.TEXT, (c, clocks) -> c.idempotencyKey, (c, v) -> c.idempotencyKey = (String) v),
        IDEMPOTENCY_FINGERPRINT(Sql.TEXT, (c, clocks) -> c.idempotencyFingerprint,
                (c, v) -> c.idempotencyFingerprint = (String) v),
        PARENT_CASE(Sql.ID, (c, clocks) -> c.parentCase, (c, v) -> c.parentCase = (CaseId) v),
        HANDLER_RESOLVED(Sql.FLAG, (c, clocks) -> c.handlerResolved, (c, v) -> c.handlerResolved = (Boolean) v),
        // a resolution as recorded in the ledger (Source.RECORDED) is not stored: it is read back from resolved
        RESOLUTION(Sql.TEXT, (c, clocks) -> c.resolutionSource == Resolution.Source.RECORDED ? null : c.resolution,
                (c, v) -> c.resolution = v == null ? null : Resolution.valueOf((String) v)),
        RESOLUTION_SOURCE(Sql.TEXT,
                (c, clocks) -> c.resolutionSource == Resolution.Source.RECORDED ? null : c.resolutionSource,
                (c, v) -> c.resolutionSource = v == null ? null : Resolution.Source.valueOf((String) v)),
        RESOLUTION_AT(Sql.INSTANT, (c, clocks) -> c.resolutionAt, (c, v) -> c.resolutionAt = (Instant) v),
        RESOLUTION_BY(Sql.TEXT, (c, clocks) -> c.resolutionBy, (c, v) -> c.resolutionBy = (String) v),
        REPEAT_OF(Sql.ID, (c, clocks) -> c.repeatOf, (c, v) -> c.repeatOf = (CaseId) v),
        FOLLOW_UP_OF(Sql.ID, (c, clocks) -> c.followUpOf, (c, v) -> c.followUpOf = (CaseId) v),
        ROUTED_UNIT(Sql.TEXT, (c, clocks) -> c.routedUnit, (c, v) -> c.routedUnit = (String) v),
        ROUTED_HANDLER(Sql.TEXT, (c, clocks) -> c.routedHandler, (c, v) -> c.routedHandler = (String) v),
        ROUTING_RULE(Sql.LONG, (c, clocks) -> c.routingRule, (c, v) -> c.routingRule = (Long) v),
        NEAREST_DEADLINE(Sql.INSTANT, (c, clocks) -> clocks.nearestDeadline(c).orElse(null), null),
        AMBER_AT(Sql.INSTANT, (c, clocks) -> clocks.nearestAmber(c).orElse(null), null),
        PHONE_KEY(Sql.TEXT, (c, clocks) -> PhoneNumbers.normalize(c.citizenPhone()), null);

        private final Sql sql;
        private final BiFunction<Case, CaseClocks, Object> value;
        /** Sets the case's field from the column's value; null for a working column, never read back. */
        private final BiConsumer<Case, Object> reading;

        Desk(Sql sql, BiFunction<Case, CaseClocks, Object> value, BiConsumer<Case, Object> reading) {
            this.sql = sql;
            this.value = value;
            this.reading = reading;
        }

        /** The column's name, e.g. {@code withdrawn_at}. */
        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The values of a case's columns, in the order of {@link #COLUMNS}, as parameters of a statement. */
    static List<Object> values(Case c, CaseClocks clocks) {
        List<Object> values = new ArrayList<>(COLUMN_COUNT + 2);
        for (CaseColumn<?> column : CaseColumn.ALL) {
            values.add(param(c.get(column)));
        }
        for (Desk column : Desk.values()) {
            values.add(param(column.value.apply(c, clocks)));
        }
        return values;
    }

    /** A case from a row holding {@code id}, {@code version} and {@link #COLUMNS}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Case read(ResultSet rs, int row) throws SQLException {
        Case c = new Case();
        c.id = new CaseId(rs.getLong("id"));
        c.version = rs.getInt("version");
        for (CaseColumn<?> column : CaseColumn.ALL) {
            c.set((CaseColumn) column, value(rs, rs.findColumn(column.name()), column));
        }
        for (Desk column : Desk.values()) {
            if (column.reading != null) {
                column.reading.accept(c, value(rs, rs.findColumn(column.column()), column.sql));
            }
        }
        if (c.resolution == null && c.completedAt() != null) {
            // completed before the desk kept resolutions, or imported from a ledger: resolved as recorded
            c.resolution = c.resolved() ? Resolution.RESOLVED : Resolution.UNRESOLVED;
            c.resolutionSource = Resolution.Source.RECORDED;
        }
        return c;
    }

    /** The values of a ledger record's columns, in the order of {@link CaseColumn#ALL}, as parameters. */
    static List<Object> values(CaseRecord r) {
        List<Object> values = new ArrayList<>(CaseColumn.ALL.size() + 1);
        for (CaseColumn<?> column : CaseColumn.ALL) {
            values.add(param(r.get(column)));
        }
        return values;
    }

    /**
     * A ledger record from the columns of {@link CaseColumn#ALL}, in their order, from the row's column {@code first}
     * on. Instants are floored to the millisecond, as {@link Instant#toEpochMilli} gives them.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static CaseRecord record(ResultSet rs, int first, int row) throws SQLException {
        CaseRecord.Builder record = CaseRecord.builder().row(row);
        for (CaseColumn<?> column : CaseColumn.ALL) {
            record.set((CaseColumn) column, value(rs, first + column.index(), column));
        }
        return record.build();
    }

    /** A ledger column's value in a row: its type's ({@link CaseColumn#type()}), null when the column is NULL. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(ResultSet rs, int index, CaseColumn<?> column) throws SQLException {
        return switch (column.kind()) {
            case INSTANT -> value(rs, index, Sql.INSTANT);
            case FLAG -> rs.getBoolean(index);
            case CODE -> {
                String code = rs.getString(index);
                yield code == null ? null : Enum.valueOf((Class) column.type(), code);
            }
            default -> rs.getString(index);
        };
    }

    private static Object value(ResultSet rs, int index, Sql sql) throws SQLException {
        return switch (sql) {
            case TEXT -> rs.getString(index);
            case INSTANT -> {
                OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
                yield value == null ? null : value.toInstant();
            }
            case ID -> {
                long id = rs.getLong(index);
                yield rs.wasNull() ? null : new CaseId(id);
            }
            case LONG -> {
                long value = rs.getLong(index);
                yield rs.wasNull() ? null : value;
            }
            case FLAG -> {
                boolean value = rs.getBoolean(index);
                yield rs.wasNull() ? null : value;
            }
        };
    }

    /** A value as a parameter of a statement: an instant in UTC, an enumeration by its code, a case by its id. */
    static Object param(Object value) {
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof CaseId id) {
            return id.value();
        }
        return value;
    }

    /** An instant of a ledger record as a parameter: {@link Instants#NONE} is NULL. */
    static Object param(long millis) {
        return millis == Instants.NONE ? null : param(Instant.ofEpochMilli(millis));
    }
}
