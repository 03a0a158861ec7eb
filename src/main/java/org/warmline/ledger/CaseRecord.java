package org.warmline.ledger;

import java.time.Instant;
import java.util.Arrays;

/**
 * One row of the case ledger (工单台账): a petition from intake to evaluation and review, a value per {@link CaseColumn}
 * (docs/ledger.md). Texts are trimmed, {@code null} when empty; codes of units and staff are as written; the topic is
 * normalised by {@link Topic#normalize(String)}; flags are never null; instants are epoch milliseconds ({@link #at}),
 * {@link Instants#NONE} when empty. {@link #row()} is the spreadsheet row it was read from (the header is row 1), for
 * messages. Immutable; made by a {@link Builder} that names each column it sets.
 */
public final class CaseRecord {

    /** The values of the columns that are not instants, by {@link CaseColumn#slot}. */
    private final Object[] values;
    /**
     * The instants, by {@link CaseColumn#slot} from {@link #base}: an array of the record's own, or a block shared
     * with the records read after it ({@link Builder#build(InstantBlocks)}).
     */
    private final long[] instants;
    private final int base;
    private final int row;

    private CaseRecord(Object[] values, long[] instants, int base, int row) {
        this.values = values;
        this.instants = instants;
        this.base = base;
        this.row = row;
    }

    /** A record with every column empty (flags false), to be filled. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A record with every column empty, to be filled and built with {@link Builder#build(InstantBlocks)}: its instants
     * are set in the blocks' one scratch array (one record at a time), not an array of its own.
     */
    static Builder builder(InstantBlocks blocks) {
        long[] scratch = blocks.scratch;
        System.arraycopy(Builder.NO_INSTANTS, 0, scratch, 0, scratch.length);
        return new Builder(Builder.NO_VALUES.clone(), scratch, 0);
    }

    /** A builder holding this record's values, to make a changed copy. */
    public Builder toBuilder() {
        return new Builder(values.clone(), Arrays.copyOfRange(instants, base, base + CaseColumn.INSTANTS), row);
    }

    /**
     * The value of a column: {@code null} when empty; an instant column's as an {@link Instant} (the engine reads
     * instants by {@link #at}).
     */
    public <T> T get(CaseColumn<T> column) {
        return value(values, instants, base, column);
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Object[] values, long[] instants, int base, CaseColumn<T> column) {
        if (column.kind() == CaseColumn.Kind.INSTANT) {
            long millis = instants[base + column.slot];
            return millis == Instants.NONE ? null : (T) Instant.ofEpochMilli(millis);
        }
        return (T) values[column.slot];
    }

    /** An instant, in epoch milliseconds, or {@link Instants#NONE} when empty. */
    public long at(CaseColumn<Instant> column) {
        return instants[base + column.slot];
    }

    /** Whether a column holds a value (an instant column: is not empty; a flag: always). */
    public boolean has(CaseColumn<?> column) {
        return column.kind() == CaseColumn.Kind.INSTANT ? instants[base + column.slot] != Instants.NONE
                : values[column.slot] != null;
    }

    /** A flag's value (an empty cell is false). */
    public boolean is(CaseColumn<Boolean> flag) {
        return (Boolean) values[flag.slot];
    }

    /** The case number (工单编号). */
    public String caseNo() {
        return (String) values[CaseColumn.CASE_NO.slot];
    }

    /** The spreadsheet row the record was read from (the header is row 1), or another number given when built. */
    public int row() {
        return row;
    }

    /** This record read from another row. */
    public CaseRecord withRow(int row) {
        return new CaseRecord(values, instants, base, row);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseRecord r && row == r.row
                && Arrays.equals(instants, base, base + CaseColumn.INSTANTS, r.instants, r.base,
                        r.base + CaseColumn.INSTANTS)
                && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = base; i < base + CaseColumn.INSTANTS; i++) {
            h = 31 * h + Long.hashCode(instants[i]);
        }
        return (31 * Arrays.hashCode(values) + h) * 31 + row;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("CaseRecord[");
        for (CaseColumn<?> column : CaseColumn.ALL) {
            s.append(column.name()).append('=').append(get(column)).append(", ");
        }
        return s.append("row=").append(row).append(']').toString();
    }

    /** Makes a {@link CaseRecord}, column by named column; every column not set stays empty (a flag false). */
    public static final class Builder {
        private Object[] values;
        private long[] instants;
        private int row;

        /** An empty record's values: every flag false, every instant {@link Instants#NONE}. */
        private static final Object[] NO_VALUES = new Object[CaseColumn.OBJECTS];
        private static final long[] NO_INSTANTS = new long[CaseColumn.INSTANTS];

        static {
            Arrays.fill(NO_INSTANTS, Instants.NONE);
            for (CaseColumn<?> column : CaseColumn.ALL) {
                if (column.kind() == CaseColumn.Kind.FLAG) {
                    NO_VALUES[column.slot] = Boolean.FALSE;
                }
            }
        }

        private Builder() {
            this(NO_VALUES.clone(), NO_INSTANTS.clone(), 0);
        }

        private Builder(Object[] values, long[] instants, int row) {
            this.values = values;
            this.instants = instants;
            this.row = row;
        }

        /**
         * Sets a column ({@code null}: empty; a flag's null is false). An instant column takes an {@link Instant}
         * (kept to the millisecond, as {@link Instant#toEpochMilli} gives it).
         */
        public <T> Builder set(CaseColumn<T> column, T value) {
            if (column.kind() == CaseColumn.Kind.INSTANT) {
                instants[column.slot] = value == null ? Instants.NONE : ((Instant) value).toEpochMilli();
            } else if (column.kind() == CaseColumn.Kind.FLAG) {
                values[column.slot] = value == null ? Boolean.FALSE : column.type().cast(value);
            } else {
                values[column.slot] = column.type().cast(value);
            }
            return this;
        }

        /** Sets an instant column in epoch milliseconds ({@link Instants#NONE}: empty). */
        public Builder at(CaseColumn<Instant> column, long millis) {
            instants[column.slot] = millis;
            return this;
        }

        /** The value set for a column so far (see {@link CaseRecord#get}). */
        public <T> T get(CaseColumn<T> column) {
            return value(values, instants, 0, column);
        }

        public Builder row(int row) {
            this.row = row;
            return this;
        }

        /** The record; the builder cannot be used again. */
        public CaseRecord build() {
            if (values == null) {
                throw new IllegalStateException("already built");
            }
            CaseRecord record = new CaseRecord(values, instants, 0, row);
            values = null;
            instants = null;
            return record;
        }

        /** The record, its instants kept in a block of the reading's (the builder cannot be used again). */
        CaseRecord build(InstantBlocks blocks) {
            if (values == null) {
                throw new IllegalStateException("already built");
            }
            int at = blocks.reserve();
            System.arraycopy(instants, 0, blocks.block, at, CaseColumn.INSTANTS);
            CaseRecord record = new CaseRecord(values, blocks.block, at, row);
            values = null;
            instants = null;
            return record;
        }
    }

    /**
     * The instants of the records of one reading, in blocks of many records each: a million records then make a few
     * hundred arrays of numbers, which the garbage collector copies (or, large, never moves) without looking into,
     * instead of a million small arrays it copies one by one. Blocks grow from 64 records to 32,768 (3.7 MB).
     */
    static final class InstantBlocks {
        private static final int MAX_RECORDS = 1 << 15;
        private long[] block = new long[0];
        /** The instants of the record being built ({@link CaseRecord#builder(InstantBlocks)}). */
        private final long[] scratch = new long[CaseColumn.INSTANTS];
        private int used;
        private int records = 32;

        /** Where the next record's instants go in {@link #block} (a new block when it is full). */
        int reserve() {
            if (used + CaseColumn.INSTANTS > block.length) {
                records = Math.min(records * 2, MAX_RECORDS);
                block = new long[records * CaseColumn.INSTANTS];
                used = 0;
            }
            int at = used;
            used += CaseColumn.INSTANTS;
            return at;
        }
    }
}
