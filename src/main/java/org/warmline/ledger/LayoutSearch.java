package org.warmline.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds the header row of a table within the first rows of a file or sheet, as clerks lay them out: a title row
 * ("XX热力公司2026年1月信访台账", often merged across), a line of who filled it in, blank rows. The header is the first
 * row that names at least two columns of the table (or one, when it holds nothing else); the non-blank rows above it
 * are skipped with a warning that names them. When none of the first {@value #MAX_ROWS_ABOVE} non-blank rows is a
 * header, the first non-blank row is taken as the header, so that the missing columns are reported there.
 *
 * <p>For a sheet whose name names no table ({@code 1月}, {@code 1月台账}), the table is known only by its header: the
 * sheet is a part of the table when a row holds every required column of it; otherwise it is not read.
 */
final class LayoutSearch implements Cells.RowSink {

    /** Non-blank rows looked at for the header. */
    static final int MAX_ROWS_ABOVE = 20;
    private static final int SHOWN_CHARS = 30;

    private final LedgerTable table;
    private final boolean byHeader;
    private final Supplier<Cells.RowSink> open;
    private final Runnable notFound;
    private final Problems problems;
    private final String file;
    private final List<Object[]> above = new ArrayList<>();
    private final List<Integer> aboveRows = new ArrayList<>();
    private Cells.RowSink inner;
    private boolean given;

    private LayoutSearch(LedgerTable table, boolean byHeader, Supplier<Cells.RowSink> open, Runnable notFound,
                         Problems problems, String file) {
        this.table = table;
        this.byHeader = byHeader;
        this.open = open;
        this.notFound = notFound;
        this.problems = problems;
        this.file = file;
    }

    /** The rows of a file or sheet of a known table. */
    static LayoutSearch of(LedgerTable table, Supplier<Cells.RowSink> open, Problems problems, String file) {
        return new LayoutSearch(table, false, open, () -> { }, problems, file);
    }

    /** The rows of a file or sheet of a known table, read by the collector's reader of the table. */
    static LayoutSearch of(Collector collector, LedgerTable table, String file, Problems problems) {
        return of(table, () -> collector.open(table, file), problems, file);
    }

    /** The rows of a sheet that is a part of {@code table} if its header is the table's header. */
    static LayoutSearch byHeader(LedgerTable table, Supplier<Cells.RowSink> open, Runnable notFound,
                                 Problems problems, String file) {
        return new LayoutSearch(table, true, open, notFound, problems, file);
    }

    /** Whether a record is a header of the table (see the class comment). */
    static boolean namesColumns(LedgerTable table, Object[] cells) {
        int names = 0;
        int nonEmpty = 0;
        for (Object cell : cells) {
            String text = text(cell);
            if (!text.isEmpty()) {
                nonEmpty++;
                if (table.column(text) >= 0) {
                    names++;
                }
            }
        }
        return names >= 2 || (names == 1 && nonEmpty == 1);
    }

    /** Whether a record names every required column of the table. */
    static boolean namesRequired(LedgerTable table, Object[] cells) {
        boolean[] found = new boolean[table.columns.size()];
        for (Object cell : cells) {
            String text = text(cell);
            int index = text.isEmpty() ? -1 : table.column(text);
            if (index >= 0) {
                found[index] = true;
            }
        }
        for (int i = 0; i < found.length; i++) {
            if (table.columns.get(i).required() && !found[i]) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object cell) {
        return cell instanceof String s ? s.replace("\uFEFF", "").trim() : "";
    }

    @Override
    public void header(int row, Object[] cells) {
        row(row, cells);
    }

    @Override
    public void row(int row, Object[] cells) {
        if (inner != null) {
            inner.row(row, cells);
            return;
        }
        if (given || Cells.blank(cells)) {
            return;
        }
        if (byHeader ? namesRequired(table, cells) : namesColumns(table, cells)) {
            if (!above.isEmpty()) {
                problems.warn(file, row, "", "rowsAboveHeader", row, range(), shownTexts());
            }
            above.clear();
            aboveRows.clear();
            inner = open.get();
            inner.header(row, cells);
            return;
        }
        above.add(cells);
        aboveRows.add(row);
        if (above.size() >= MAX_ROWS_ABOVE) {
            giveUp();
        }
    }

    @Override
    public void end() {
        if (inner == null && !given) {
            if (above.isEmpty()) {
                if (byHeader) {
                    given = true;
                    notFound.run();
                } else {
                    problems.add(file, 0, "", "noHeader");
                    given = true;
                }
                return;
            }
            giveUp();
        }
        if (inner != null) {
            inner.end();
        }
    }

    /** No header among the rows looked at. */
    private void giveUp() {
        if (byHeader) {
            given = true;
            above.clear();
            notFound.run();
            return;
        }
        inner = open.get();
        inner.header(aboveRows.get(0), above.get(0));
        for (int i = 1; i < above.size(); i++) {
            inner.row(aboveRows.get(i), above.get(i));
        }
        above.clear();
        aboveRows.clear();
    }

    private String range() {
        int first = aboveRows.get(0);
        int last = aboveRows.get(aboveRows.size() - 1);
        return first == last ? Integer.toString(first) : first + "–" + last;
    }

    /** The first text of each skipped row, shortened, in quotes. */
    private String shownTexts() {
        List<String> texts = new ArrayList<>();
        for (Object[] cells : above) {
            for (Object cell : cells) {
                String text = cell instanceof String s ? s.trim()
                        : cell instanceof Cells.Number n ? Values.plain(n.value()) : "";
                if (!text.isEmpty()) {
                    texts.add("“" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text) + "”");
                    break;
                }
            }
        }
        return String.join(" ", texts);
    }
}
