package org.warmline.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.warmline.assessment.AnnualFigures;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.scheme.ItemCode;

/**
 * The assessment result as an XLSX workbook, written as a stream (SXSSF) so a subject with hundreds of thousands of
 * deductions does not fill the memory.
 *
 * <ul>
 *   <li>a summary sheet (汇总 / Summary): period, as_of, scheme version, the caller's {@link Note notes}, the
 *       warnings, then every subject ranked (rank, rank within its kind, code, name, kind, total, grade, and for a
 *       year the monthly mean, quarterly mean, year total and final);</li>
 *   <li>one sheet per subject, named after its code (made safe for Excel, unique, at most 31 characters): the subject,
 *       its annual figures and monthly / quarterly totals for a year, its item scores, then every deduction and
 *       bonus.</li>
 * </ul>
 * Numbers are numeric cells shown with 2 decimals. A sheet stops at Excel's 1,048,576 rows; its last row then says how
 * many rows were left out.
 */
public final class XlsxReport {

    /** Excel's row limit per sheet. */
    static final int EXCEL_MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    /** Excel's limit on the text of one cell. */
    private static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private XlsxReport() {
    }

    /**
     * Writes the workbook to {@code out}, which is flushed but not closed.
     *
     * @param locale English headers when its language is {@code en}; Chinese otherwise (and when {@code null})
     * @throws UncheckedIOException when writing fails
     */
    public static void write(AssessmentResult result, OutputStream out, Locale locale) {
        write(result, out, locale, List.of(), EXCEL_MAX_ROWS);
    }

    /**
     * A line the caller adds to the summary sheet after the scheme version, e.g. where the result comes from (the live
     * result or a published version): a label and a value, both already in the workbook's language.
     */
    public record Note(String label, String value) {
    }

    /**
     * As {@link #write(AssessmentResult, OutputStream, Locale)}, with the caller's notes in the summary sheet after the
     * scheme version.
     */
    public static void write(AssessmentResult result, OutputStream out, Locale locale, List<Note> notes) {
        write(result, out, locale, notes, EXCEL_MAX_ROWS);
    }

    /** As {@link #write(AssessmentResult, OutputStream, Locale)}, with a smaller row limit per sheet (for tests). */
    static void write(AssessmentResult result, OutputStream out, Locale locale, int maxRowsPerSheet) {
        write(result, out, locale, List.of(), maxRowsPerSheet);
    }

    private static void write(AssessmentResult result, OutputStream out, Locale locale, List<Note> notes,
                              int maxRowsPerSheet) {
        if (maxRowsPerSheet < 2 || maxRowsPerSheet > EXCEL_MAX_ROWS) {
            throw new IllegalArgumentException("maxRowsPerSheet " + maxRowsPerSheet);
        }
        ReportMessages messages = ReportMessages.of(locale);
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        workbook.setCompressTempFiles(false);
        try {
            new Writer(workbook, messages, maxRowsPerSheet, notes == null ? List.of() : notes).write(result);
            workbook.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the temporary files are already gone
            }
        }
    }

    private static final class Writer {

        private final SXSSFWorkbook workbook;
        private final ReportMessages messages;
        private final int maxRows;
        private final CellStyle title;
        private final CellStyle header;
        private final CellStyle label;
        private final CellStyle number;
        private final CellStyle figure;
        private final Set<String> sheetNames = new HashSet<>();
        private final List<Note> notes;

        Writer(SXSSFWorkbook workbook, ReportMessages messages, int maxRows, List<Note> notes) {
            this.workbook = workbook;
            this.notes = notes;
            this.messages = messages;
            this.maxRows = maxRows;

            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);

            title = workbook.createCellStyle();
            title.setFont(big);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            label = workbook.createCellStyle();
            label.setFont(bold);
            number = workbook.createCellStyle();
            number.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            figure = workbook.createCellStyle();
            figure.setDataFormat(workbook.createDataFormat().getFormat("0.00##"));
        }

        void write(AssessmentResult result) {
            List<ReportSupport.Ranked> ranking = ReportSupport.rank(result);
            summary(result, ranking);
            List<SubjectResult> subjects = result.subjects() == null ? List.of() : result.subjects();
            for (SubjectResult subject : subjects) {
                subject(subject);
            }
        }

        private void summary(AssessmentResult result, List<ReportSupport.Ranked> ranking) {
            Rows rows = new Rows(newSheet(messages.get("sheet.summary")));
            boolean year = ReportSupport.isYear(result);

            Row row = rows.next();
            text(row, 0, messages.get("report.title"), title);
            row = rows.next();
            text(row, 0, messages.get("label.period"), label);
            text(row, 1, ReportSupport.period(result, messages), null);
            row = rows.next();
            text(row, 0, messages.get("label.asOf"), label);
            text(row, 1, ReportSupport.asOf(result), null);
            row = rows.next();
            text(row, 0, messages.get("label.scheme"), label);
            text(row, 1, result.scheme(), null);
            for (Note note : notes) {
                row = rows.next();
                text(row, 0, note.label(), label);
                text(row, 1, note.value(), null);
            }
            row = rows.next();
            text(row, 0, messages.get("label.subjects"), label);
            if (row != null) {
                row.createCell(1).setCellValue(ranking.size());
            }

            List<String> warnings = result.warnings() == null ? List.of() : result.warnings();
            row = rows.next();
            text(row, 0, messages.get("label.warnings"), label);
            if (warnings.isEmpty()) {
                text(row, 1, messages.get("label.noWarnings"), null);
            } else {
                if (row != null) {
                    row.createCell(1).setCellValue(warnings.size());
                }
                for (String warning : warnings) {
                    row = rows.next();
                    if (row != null) {
                        text(row, 1, warning, null);
                    }
                }
            }
            rows.next();
            row = rows.next();
            if (row != null) {
                text(row, 0, messages.get(year ? "note.rankingBasis.year" : "note.rankingBasis.period"), null);
            }

            String[] columns = year
                    ? new String[] {"col.rank", "col.kindRank", "col.code", "col.name", "col.kind", "col.total",
                        "col.grade", "col.monthlyMean", "col.quarterlyMean", "col.annualTotal", "col.final"}
                    : new String[] {"col.rank", "col.kindRank", "col.code", "col.name", "col.kind", "col.total",
                        "col.grade"};
            headerRow(rows.next(), columns);
            for (ReportSupport.Ranked ranked : ranking) {
                row = rows.next();
                if (row == null) {
                    continue;
                }
                SubjectResult subject = ranked.subject();
                row.createCell(0).setCellValue(ranked.rank());
                row.createCell(1).setCellValue(ranked.kindRank());
                text(row, 2, subject.code(), null);
                text(row, 3, subject.name(), null);
                text(row, 4, messages.kind(subject.kind()), null);
                number(row, 5, subject.total());
                text(row, 6, messages.grade(subject.grade()), null);
                if (year) {
                    AnnualFigures annual = subject.annual();
                    if (annual != null) {
                        number(row, 7, annual.monthlyMean());
                        number(row, 8, annual.quarterlyMean());
                        number(row, 9, annual.annualTotal());
                        number(row, 10, annual.finalScore());
                    }
                }
            }
            rows.finish();
            widths(rows.sheet, 14, 12, 14, 28, 16, 10, 10, 12, 12, 12, 12);
        }

        private void subject(SubjectResult subject) {
            Rows rows = new Rows(newSheet(subject.code()));

            Row row = rows.next();
            text(row, 0, ReportSupport.nullToEmpty(subject.code()) + " " + ReportSupport.nullToEmpty(subject.name()),
                    title);
            row = rows.next();
            text(row, 0, messages.get("col.kind"), label);
            text(row, 1, messages.kind(subject.kind()), null);
            text(row, 2, messages.get("col.total"), label);
            number(row, 3, subject.total());
            text(row, 4, messages.get("col.grade"), label);
            text(row, 5, messages.grade(subject.grade()), null);

            AnnualFigures annual = subject.annual();
            if (annual != null) {
                headerRow(rows.next(), "col.monthlyMean", "col.quarterlyMean", "col.annualTotal", "col.final");
                row = rows.next();
                number(row, 0, annual.monthlyMean());
                number(row, 1, annual.quarterlyMean());
                number(row, 2, annual.annualTotal());
                number(row, 3, annual.finalScore());
            }
            periodTotals(rows, "section.monthlyTotals", subject.monthlyTotals());
            periodTotals(rows, "section.quarterlyTotals", subject.quarterlyTotals());

            Map<ItemCode, ItemResult> items = subject.items() == null ? Map.of() : subject.items();
            rows.next();
            row = rows.next();
            if (row != null) {
                text(row, 0, messages.get("section.items"), label);
            }
            headerRow(rows.next(), "col.itemNo", "col.item", "col.score", "col.max", "col.cap", "col.rate",
                    "col.index", "col.figures");
            for (Map.Entry<ItemCode, ItemResult> entry : items.entrySet()) {
                row = rows.next();
                if (row == null) {
                    continue;
                }
                ItemCode code = entry.getKey();
                ItemResult item = entry.getValue();
                text(row, 0, code.number(), null);
                text(row, 1, messages.item(code), null);
                if (item == null) {
                    continue;
                }
                number(row, 2, item.score());
                number(row, 3, item.max());
                number(row, 4, item.cap());
                Map<String, Object> figures = item.figures() == null ? Map.of() : item.figures();
                StringBuilder others = new StringBuilder();
                for (Map.Entry<String, Object> f : figures.entrySet()) {
                    BigDecimal value = ReportSupport.figureNumber(f.getValue());
                    if ("rate".equals(f.getKey()) && value != null) {
                        figureCell(row, 5, value);
                    } else if ("index".equals(f.getKey()) && value != null) {
                        figureCell(row, 6, value);
                    } else {
                        if (!others.isEmpty()) {
                            others.append("; ");
                        }
                        others.append(messages.figure(f.getKey())).append('=').append(ReportSupport.figure(f.getValue()));
                    }
                }
                if (!others.isEmpty()) {
                    text(row, 7, others.toString(), null);
                }
            }

            rows.next();
            row = rows.next();
            if (row != null) {
                text(row, 0, messages.get("section.entries"), label);
            }
            headerRow(rows.next(), "col.itemNo", "col.item", "col.type", "col.rule", "col.points", "col.ref",
                    "col.reason");
            for (Map.Entry<ItemCode, ItemResult> entry : items.entrySet()) {
                ItemResult item = entry.getValue();
                if (item == null) {
                    continue;
                }
                entries(rows, entry.getKey(), item.deductions(), "entry.deduction");
                entries(rows, entry.getKey(), item.bonuses(), "entry.bonus");
            }
            rows.finish();
            widths(rows.sheet, 10, 18, 12, 26, 10, 18, 60, 40);
        }

        private void periodTotals(Rows rows, String section, List<SubjectResult.PeriodTotal> totals) {
            if (totals == null || totals.isEmpty()) {
                return;
            }
            Row labels = rows.next();
            Row values = rows.next();
            if (labels == null || values == null) {
                return;
            }
            text(labels, 0, messages.get(section), label);
            text(values, 0, messages.get("col.total"), label);
            int column = 1;
            for (SubjectResult.PeriodTotal total : totals) {
                if (total == null) {
                    continue;
                }
                Cell cell = labels.createCell(column);
                cell.setCellValue(clip(total.period()));
                cell.setCellStyle(header);
                number(values, column, total.total());
                column++;
            }
        }

        private void entries(Rows rows, ItemCode code, List<Entry> entries, String typeKey) {
            if (entries == null) {
                return;
            }
            String type = messages.get(typeKey);
            String name = messages.item(code);
            for (Entry e : entries) {
                Row row = rows.next();
                if (row == null) {
                    continue; // counted as left out by rows
                }
                text(row, 0, code.number(), null);
                text(row, 1, name, null);
                text(row, 2, type, null);
                if (e == null) {
                    continue;
                }
                text(row, 3, e.rule(), null);
                number(row, 4, e.points());
                text(row, 5, e.ref(), null);
                text(row, 6, e.reason(), null);
            }
        }

        private Sheet newSheet(String wanted) {
            String base = WorkbookUtil.createSafeSheetName(wanted == null || wanted.isBlank() ? "_" : wanted.strip(),
                    '_');
            if (base.isBlank()) {
                base = "_";
            }
            String name = base;
            for (int n = 2; sheetNames.contains(name.toLowerCase(Locale.ROOT)); n++) {
                String suffix = "~" + n;
                name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
            }
            sheetNames.add(name.toLowerCase(Locale.ROOT));
            return workbook.createSheet(name);
        }

        private void headerRow(Row row, String... keys) {
            if (row == null) {
                return;
            }
            for (int i = 0; i < keys.length; i++) {
                text(row, i, messages.get(keys[i]), header);
            }
        }

        private void text(Row row, int column, String value, CellStyle style) {
            if (row == null) {
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(clip(value));
            if (style != null) {
                cell.setCellStyle(style);
            }
        }

        private void number(Row row, int column, BigDecimal value) {
            if (row == null || value == null) {
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(ReportSupport.rounded(value).doubleValue());
            cell.setCellStyle(number);
        }

        private void figureCell(Row row, int column, BigDecimal value) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(figure);
        }

        private static void widths(Sheet sheet, int... characters) {
            for (int i = 0; i < characters.length; i++) {
                sheet.setColumnWidth(i, characters[i] * 256);
            }
        }

        private static String clip(String value) {
            if (value == null) {
                return "";
            }
            if (value.length() <= MAX_CELL_TEXT) {
                return value;
            }
            int end = MAX_CELL_TEXT - 1;
            if (Character.isHighSurrogate(value.charAt(end - 1))) {
                end--;
            }
            return value.substring(0, end) + "…";
        }

        /** The rows of one sheet, stopping one row short of the limit to leave room for the note. */
        private final class Rows {
            final Sheet sheet;
            private int next;
            private long leftOut;

            Rows(Sheet sheet) {
                this.sheet = sheet;
            }

            /** The next row, or {@code null} (counted as left out) once the sheet is full. */
            Row next() {
                if (next >= maxRows - 1) {
                    leftOut++;
                    return null;
                }
                return sheet.createRow(next++);
            }

            void finish() {
                if (leftOut > 0) {
                    Row row = sheet.createRow(next++);
                    text(row, 0, messages.get("note.rowLimit", leftOut), label);
                }
            }
        }
    }
}
