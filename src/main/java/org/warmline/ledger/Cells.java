package org.warmline.ledger;

/** The values a source hands over besides plain text ({@link String}) cells. */
final class Cells {

    private Cells() {
    }

    /** A numeric XLSX cell; {@code date} when its number format is a date format. */
    record Number(double value, boolean date) {
    }

    /** Marks a formula cell without a cached value (rejected: formulas are never evaluated). */
    static final Object FORMULA = new Object() {
        @Override
        public String toString() {
            return "<formula>";
        }
    };

    /** Marks a cell longer than the limit (rejected). */
    static final Object TOO_LONG = new Object() {
        @Override
        public String toString() {
            return "<too long>";
        }
    };

    /** An XLSX cell holding an error value ({@code #N/A}, {@code #DIV/0!}, …), usually a formula's result. */
    record Error(String text) {
    }

    /**
     * Receives the rows of one table: the header first, then the data rows, each with its spreadsheet row number;
     * {@link #end} after the last row of a source read to its end.
     */
    interface RowSink {
        void header(int row, Object[] cells);

        void row(int row, Object[] cells);

        default void end() {
        }
    }

    /** Whether every cell is empty (null or blank text). */
    static boolean blank(Object[] cells) {
        for (Object cell : cells) {
            if (cell != null && !(cell instanceof String s && s.isBlank())) {
                return false;
            }
        }
        return true;
    }

    /** The spreadsheet letters of a 0-based column index (A, B, …, AA). */
    static String letters(int index) {
        StringBuilder b = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            b.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return b.toString();
    }
}
