package org.warmline.ledger;

/**
 * One problem found in a data set, located as {@code FILE:ROW:COLUMN}. Rows are numbered as a spreadsheet shows them
 * (the header is row 1); {@code row} is 0 and {@code column} empty when the problem concerns a whole file.
 *
 * @param file    the file name as given (e.g. {@code cases.csv}, or {@code ledger.xlsx[cases]})
 * @param row     the row, or 0
 * @param column  the column header as written, or empty
 * @param message the message in the reader's language
 */
public record LedgerProblem(String file, int row, String column, String message) {

    @Override
    public String toString() {
        return file + ":" + row + ":" + (column == null ? "" : column) + ": " + message;
    }
}
