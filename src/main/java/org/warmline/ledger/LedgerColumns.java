package org.warmline.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tables and columns of the ledger format (docs/ledger.md), in the order the writer writes them, with their
 * English names (file names, sheet names and headers as written) and their Chinese names (accepted when reading), all
 * documented in docs/ledger.md.
 */
public final class LedgerColumns {

    private LedgerColumns() {
    }

    /**
     * One column of a table.
     *
     * @param name    the English header, as written
     * @param chinese the Chinese header
     */
    public record Column(String name, String chinese) {
    }

    /** The tables of a data set, in the order they are written. */
    public enum Table {
        UNITS(LedgerTable.UNITS),
        STAFF(LedgerTable.STAFF),
        CASES(LedgerTable.CASES),
        REGULATIONS(LedgerTable.REGULATIONS),
        TRAININGS(LedgerTable.TRAININGS),
        OUTAGES(LedgerTable.OUTAGES),
        TASKS(LedgerTable.TASKS),
        ADJUSTMENTS(LedgerTable.ADJUSTMENTS);

        private final String tableName;
        private final String chinese;
        private final List<Column> columns;
        private final List<String> headers;
        private final List<String> chineseHeaders;

        /** The reader's table definition is the one source of names; the writer writes exactly what it reads. */
        Table(LedgerTable table) {
            this.tableName = table.english;
            this.chinese = table.chinese;
            List<Column> cols = new ArrayList<>();
            List<String> en = new ArrayList<>();
            List<String> zh = new ArrayList<>();
            for (LedgerTable.Column column : table.columns) {
                cols.add(new Column(column.english(), column.chinese()));
                en.add(column.english());
                zh.add(column.chinese());
            }
            this.columns = Collections.unmodifiableList(cols);
            this.headers = Collections.unmodifiableList(en);
            this.chineseHeaders = Collections.unmodifiableList(zh);
        }

        /** The English table name: the sheet name, and the file name without {@code .csv}. */
        public String tableName() {
            return tableName;
        }

        /** The Chinese table name (docs/ledger.md), accepted as a file or sheet name too. */
        public String chinese() {
            return chinese;
        }

        /** The CSV file name, e.g. {@code cases.csv}. */
        public String fileName() {
            return tableName + ".csv";
        }

        /** The columns in the order they are written. */
        public List<Column> columns() {
            return columns;
        }

        /** The English headers in the order they are written. */
        public List<String> headers() {
            return headers;
        }

        /** The Chinese headers, in the same order as {@link #headers()}. */
        public List<String> chineseHeaders() {
            return chineseHeaders;
        }

        /** The position of a column given by its English or Chinese header (trimmed, English in any case), or -1. */
        public int indexOf(String header) {
            if (header == null) {
                return -1;
            }
            String h = header.trim();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (c.name().equalsIgnoreCase(h) || c.chinese().equals(h)) {
                    return i;
                }
            }
            return -1;
        }

        /** The table given by its English (any case) or Chinese name, with or without {@code .csv}; or null. */
        public static Table lookup(String name) {
            if (name == null) {
                return null;
            }
            String n = name.trim();
            if (n.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                n = n.substring(0, n.length() - 4);
            }
            for (Table t : values()) {
                if (t.tableName.equalsIgnoreCase(n) || t.chinese.equals(n)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The tables every data set must have (docs/ledger.md): {@code cases} and {@code units}. */
    public static final List<Table> REQUIRED = List.of(Table.UNITS, Table.CASES);
}
