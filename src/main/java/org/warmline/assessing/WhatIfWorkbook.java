package org.warmline.assessing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;

/**
 * The what-if of a scheme version as an XLSX workbook (SXSSF, streamed): a summary sheet (the period, the two
 * versions, as of, and every subject's total before and after), the items that changed, and every deduction and bonus
 * that differs with its case or record. Texts are text cells; a text starting with {@code = + - @} (or a tab or
 * carriage return) is also marked as text (Excel's leading apostrophe), so that no name, reason or reference from the
 * desk's data is ever taken for a formula, not even when a user edits the cell. Numbers are numeric cells.
 */
final class WhatIfWorkbook {

    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final SXSSFWorkbook workbook;
    private final MessageSource messages;
    private final Locale locale;
    private final CellStyle header;
    private final CellStyle label;
    private final CellStyle number;
    private final CellStyle quoted;

    private WhatIfWorkbook(SXSSFWorkbook workbook, MessageSource messages, Locale locale) {
        this.workbook = workbook;
        this.messages = messages;
        this.locale = locale;
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        label = workbook.createCellStyle();
        label.setFont(bold);
        number = workbook.createCellStyle();
        number.setDataFormat(workbook.createDataFormat().getFormat("0.00##"));
        quoted = workbook.createCellStyle();
        quoted.setQuotePrefixed(true);
    }

    /** Writes the comparison to {@code out} (flushed, not closed). */
    static void write(SchemeWhatIf.Comparison comparison, OutputStream out, MessageSource messages, Locale locale,
                      ZoneId zone) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        workbook.setCompressTempFiles(false);
        try {
            WhatIfWorkbook writer = new WhatIfWorkbook(workbook, messages, locale);
            writer.summary(comparison, zone);
            writer.items(comparison);
            writer.entries(comparison);
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

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private void summary(SchemeWhatIf.Comparison c, ZoneId zone) {
        Sheet sheet = workbook.createSheet(msg("whatIf.sheet.summary"));
        int r = 0;
        r = pair(sheet, r, msg("whatIf.period"), c.period().label());
        r = pair(sheet, r, msg("whatIf.versionBefore"), c.versionBefore());
        r = pair(sheet, r, msg("whatIf.versionAfter"), c.versionAfter());
        r = pair(sheet, r, msg("whatIf.asOf"), c.asOf().atZone(zone).toLocalDateTime().withNano(0).toString()
                .replace('T', ' '));
        Row counts = sheet.createRow(r++);
        text(counts, 0, msg("whatIf.changedSubjects"), label);
        number(counts, 1, BigDecimal.valueOf(c.changed().size()));
        counts = sheet.createRow(r++);
        text(counts, 0, msg("whatIf.entryChanges"), label);
        number(counts, 1, BigDecimal.valueOf(c.entryChanges()));
        r++;
        boolean year = c.subjects().stream().anyMatch(s -> s.finalBefore() != null || s.finalAfter() != null);
        List<String> heads = new java.util.ArrayList<>(List.of(msg("assessing.code"), msg("assessing.name"),
                msg("whatIf.kind"), msg("whatIf.before"), msg("whatIf.after"), msg("whatIf.difference"),
                msg("whatIf.gradeBefore"), msg("whatIf.gradeAfter")));
        if (year) {
            heads.addAll(List.of(msg("whatIf.finalBefore"), msg("whatIf.finalAfter"), msg("whatIf.difference")));
        }
        headers(sheet.createRow(r++), heads);
        for (SchemeWhatIf.SubjectChange s : c.subjects()) {
            if (r >= MAX_ROWS) {
                break;
            }
            Row row = sheet.createRow(r++);
            text(row, 0, s.code(), null);
            text(row, 1, s.name(), null);
            text(row, 2, msg("assessing.kind." + s.kind().name()), null);
            number(row, 3, s.before());
            number(row, 4, s.after());
            number(row, 5, s.difference());
            text(row, 6, s.gradeBefore(), null);
            text(row, 7, s.gradeAfter(), null);
            if (year) {
                number(row, 8, s.finalBefore());
                number(row, 9, s.finalAfter());
                number(row, 10, s.finalDifference());
            }
        }
        widths(sheet, 14, 24, 14, 10, 10, 10, 10, 10, 12, 12, 10);
    }

    private void items(SchemeWhatIf.Comparison c) {
        Sheet sheet = workbook.createSheet(msg("whatIf.sheet.items"));
        int r = 0;
        headers(sheet.createRow(r++), List.of(msg("assessing.code"), msg("assessing.name"), msg("assessing.item"),
                msg("whatIf.before"), msg("whatIf.after"), msg("whatIf.difference"), msg("whatIf.entryCount")));
        for (SchemeWhatIf.SubjectChange s : c.changed()) {
            for (SchemeWhatIf.ItemChange i : s.items()) {
                if (r >= MAX_ROWS) {
                    return;
                }
                Row row = sheet.createRow(r++);
                text(row, 0, s.code(), null);
                text(row, 1, s.name(), null);
                text(row, 2, msg("assessing.item." + i.item().code()), null);
                number(row, 3, i.before());
                number(row, 4, i.after());
                number(row, 5, i.difference());
                number(row, 6, BigDecimal.valueOf(i.entries().size()));
            }
        }
        widths(sheet, 14, 24, 18, 10, 10, 10, 10);
    }

    private void entries(SchemeWhatIf.Comparison c) {
        Sheet sheet = workbook.createSheet(msg("whatIf.sheet.entries"));
        int r = 0;
        headers(sheet.createRow(r++), List.of(msg("assessing.code"), msg("assessing.name"), msg("assessing.item"),
                msg("whatIf.change"), msg("whatIf.ref"), msg("whatIf.rule"), msg("whatIf.pointsBefore"),
                msg("whatIf.pointsAfter"), msg("whatIf.reasonBefore"), msg("whatIf.reasonAfter")));
        long total = c.entryChanges();
        long written = 0;
        for (SchemeWhatIf.SubjectChange s : c.changed()) {
            for (SchemeWhatIf.ItemChange i : s.items()) {
                for (SchemeWhatIf.EntryChange e : i.entries()) {
                    if (r >= MAX_ROWS - 1) {
                        text(sheet.createRow(r), 0, msg("whatIf.rowsLeftOut", total - written), label);
                        return;
                    }
                    Row row = sheet.createRow(r++);
                    text(row, 0, s.code(), null);
                    text(row, 1, s.name(), null);
                    text(row, 2, msg("assessing.item." + i.item().code()), null);
                    text(row, 3, msg(changeKey(e)), null);
                    text(row, 4, e.ref(), null);
                    text(row, 5, e.rule(), null);
                    number(row, 6, e.before());
                    number(row, 7, e.after());
                    text(row, 8, e.reasonBefore(), null);
                    text(row, 9, e.reasonAfter(), null);
                    written++;
                }
            }
        }
        widths(sheet, 14, 20, 16, 14, 18, 26, 10, 10, 50, 50);
    }

    /** The message key of how an entry changes, e.g. {@code whatIf.change.deduction.APPEARS}. */
    static String changeKey(SchemeWhatIf.EntryChange e) {
        return "whatIf.change." + (e.bonus() ? "bonus." : "deduction.") + e.change().name();
    }

    private int pair(Sheet sheet, int r, String name, String value) {
        Row row = sheet.createRow(r);
        text(row, 0, name, label);
        text(row, 1, value, null);
        return r + 1;
    }

    private void headers(Row row, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            text(row, i, names.get(i), header);
        }
    }

    /** A text cell; one that a spreadsheet could read as a formula is marked as text. */
    private void text(Row row, int column, String value, CellStyle style) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        String text = value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT - 1) + "…" : value;
        cell.setCellValue(text);
        if (looksLikeFormula(text)) {
            cell.setCellStyle(quoted);
        } else if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Whether a spreadsheet would take the text for a formula (OWASP's CSV injection characters). */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\uFF1D' || first == '\uFF0B' || first == '\uFF0D' || first == '\uFF20';
    }

    private void number(Row row, int column, BigDecimal value) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(number);
    }

    private static void widths(Sheet sheet, int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, characters[i] * 256);
        }
    }
}
