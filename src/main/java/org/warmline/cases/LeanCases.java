package org.warmline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Instants;

/**
 * The live assessment's lean read of the cases ({@link CaseLedgerStore#forAssessmentLean}), derived from
 * {@link CaseColumn}: the columns the engine reads by value (codes, references, flags, the phone), then the free texts
 * it only checks for presence ({@link CaseColumn#free()}) as one bit mask, then the instants. Each database brings these
 * fields its own way ({@link CaseDatabase#leanCases}); a row's fields are read in this order ({@link Fields}).
 */
final class LeanCases {

    /** What a present free text reads as in a lean record. */
    static final String PRESENT = "\u2026";

    /** The columns read by value, in their order. */
    private static final List<CaseColumn<?>> HEAD = CaseColumn.ALL.stream()
            .filter(c -> c.kind() != CaseColumn.Kind.INSTANT && !c.free()).toList();
    /** The free texts, whose bits in the mask are 1, 2, 4, … in this order. */
    private static final List<CaseColumn<?>> FREE = CaseColumn.ALL.stream().filter(CaseColumn::free).toList();
    private static final List<CaseColumn<Instant>> INSTANTS = CaseColumn.ALL.stream()
            .filter(c -> c.kind() == CaseColumn.Kind.INSTANT).map(CaseColumn::asInstant).toList();

    /** The fields of a lean row. */
    static final int FIELDS = HEAD.size() + 1 + INSTANTS.size();

    /** The columns read by value and the free texts' mask, the start of a lean row. */
    static final String HEAD_COLUMNS;

    static {
        StringBuilder head = new StringBuilder();
        for (CaseColumn<?> column : HEAD) {
            head.append(column.name()).append(", ");
        }
        for (int i = 0; i < FREE.size(); i++) {
            head.append(i == 0 ? "" : " + ").append("(case when ").append(FREE.get(i).name())
                    .append(" is null then 0 else ").append(1 << i).append(" end)");
        }
        HEAD_COLUMNS = head.toString();
    }

    private LeanCases() {
    }

    /** The instant columns of a lean row, as they are stored (PostgreSQL's binary COPY sends them as they are). */
    static String instants() {
        return String.join(", ", INSTANTS.stream().map(CaseColumn::name).toList());
    }

    /** The instant columns of a lean row as epoch milliseconds computed by the database (a plain query's). */
    static String instantsInMillis() {
        return String.join(", ", INSTANTS.stream()
                .map(c -> "cast(extract(epoch from " + c.name() + ") * 1000 as bigint)").toList());
    }

    /**
     * The fields of one lean row, read in order: from PostgreSQL's binary COPY ({@link BinaryCopyReader}) or from a
     * query's row ({@link ResultSetFields}).
     */
    interface Fields<X extends Exception> {
        String text() throws X;

        boolean bool() throws X;

        int int4() throws X;

        /** Epoch milliseconds, or {@link Instants#NONE} for NULL. */
        long instantMillis() throws X;
    }

    /** A query's row as {@link Fields}, column after column. */
    static final class ResultSetFields implements Fields<SQLException> {
        private final ResultSet rs;
        private int column;

        ResultSetFields(ResultSet rs) {
            this.rs = rs;
        }

        @Override
        public String text() throws SQLException {
            return rs.getString(++column);
        }

        @Override
        public boolean bool() throws SQLException {
            return rs.getBoolean(++column);
        }

        @Override
        public int int4() throws SQLException {
            return rs.getInt(++column);
        }

        @Override
        public long instantMillis() throws SQLException {
            long value = rs.getLong(++column);
            return rs.wasNull() ? Instants.NONE : value;
        }
    }

    /**
     * One lean record from the fields of a lean row. Its free texts are {@link #PRESENT} when present; its row number
     * counts within the read (the engine does not use it).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <X extends Exception> CaseRecord record(Fields<X> f, int row) throws X {
        CaseRecord.Builder record = CaseRecord.builder().row(row + 2);
        for (CaseColumn<?> column : HEAD) {
            Object value = switch (column.kind()) {
                case FLAG -> f.bool();
                case CODE -> {
                    String code = f.text();
                    yield code == null ? null : Enum.valueOf((Class) column.type(), code);
                }
                default -> f.text();
            };
            record.set((CaseColumn) column, value);
        }
        int texts = f.int4();
        for (int i = 0; i < FREE.size(); i++) {
            record.set((CaseColumn) FREE.get(i), (texts & 1 << i) != 0 ? PRESENT : null);
        }
        for (CaseColumn<Instant> column : INSTANTS) {
            record.at(column, f.instantMillis());
        }
        return record.build();
    }
}
