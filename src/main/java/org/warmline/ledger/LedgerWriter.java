package org.warmline.ledger;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.function.Consumer;

import org.warmline.ledger.LedgerColumns.Table;

/**
 * Writes a {@link DataSet} in the ledger format of docs/ledger.md, so that reading it back gives the same data set:
 * a folder of CSV files (UTF-8 with a byte-order mark, as Excel writes) or one XLSX workbook, English table names,
 * headers and codes, columns in the order of {@link LedgerColumns}.
 *
 * <p>Values: instants as {@code yyyy-MM-dd HH:mm:ss} in the writer's zone ({@code .SSS} appended only when the
 * milliseconds are not zero), dates as {@code yyyy-MM-dd}, booleans as {@code true}/{@code false} (an unjudged
 * {@code quality_ok} empty), enumerations by code, points as plain decimals, empty values as empty cells. The
 * {@code row} components of the model are not written: a reader numbers rows as it reads them.
 */
public final class LedgerWriter {

    /** The UTF-8 byte-order mark written at the start of every CSV file. */
    public static final char BOM = '\uFEFF';

    private final ZoneId zone;

    public LedgerWriter(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** Writes every table of {@code data} as {@code <table>.csv} into {@code folder} (created when missing). */
    public void writeCsvFolder(DataSet data, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Table table : Table.values()) {
            writeCsv(table, data, folder.resolve(table.fileName()));
        }
    }

    /** Writes one table of {@code data} as a CSV file (header row first, even when the table is empty). */
    public void writeCsv(Table table, DataSet data, Path file) {
        try (CsvWriter csv = openCsv(file)) {
            csv.writeRecord(table.headers());
            forEachRow(table, data, new InstantText(zone), csv::writeRecord);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code data} as one XLSX workbook with one sheet per table (English sheet names and headers), streaming
     * rows to disk (POI SXSSF), so a million cases fit in little memory. Cells are text, except {@code points}.
     */
    public void writeXlsx(DataSet data, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        wb.setCompressTempFiles(true);
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            InstantText instants = new InstantText(zone);
            for (Table table : Table.values()) {
                SXSSFSheet sheet = wb.createSheet(table.tableName());
                Row header = sheet.createRow(0);
                for (int c = 0; c < table.headers().size(); c++) {
                    header.createCell(c).setCellValue(table.headers().get(c));
                }
                int pointsColumn = table == Table.ADJUSTMENTS ? table.indexOf("points") : -1;
                int[] next = {1};
                forEachRow(table, data, instants, values -> {
                    Row row = sheet.createRow(next[0]++);
                    for (int c = 0; c < values.length; c++) {
                        String v = values[c];
                        if (v.isEmpty()) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (c == pointsColumn) {
                            cell.setCellValue(Double.parseDouble(v));
                        } else {
                            cell.setCellValue(v);
                        }
                    }
                });
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                wb.close();
            } catch (IOException ignored) {
                // temp files are removed on close; nothing else to do
            }
            wb.dispose();
        }
    }

    /**
     * Opens {@code file} for writing cases one by one (header first), without holding them in memory; {@link
     * CaseCsvStream#close()} finishes the file.
     */
    public static CaseCsvStream openCasesCsv(Path file, ZoneId zone) {
        try {
            return new CaseCsvStream(openCsv(file), new InstantText(zone));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CsvWriter openCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16);
        w.write(BOM);
        return CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(w);
    }

    private static void forEachRow(Table table, DataSet data, InstantText t, Consumer<String[]> sink) {
        switch (table) {
            case UNITS -> {
                for (Unit u : data.units()) {
                    sink.accept(new String[]{text(u.code()), text(u.name()), code(u.kind()), text(u.parent())});
                }
            }
            case STAFF -> {
                for (Staff s : data.staff()) {
                    sink.accept(new String[]{text(s.code()), text(s.name()), code(s.post()), text(s.unit())});
                }
            }
            case CASES -> {
                for (CaseRecord c : data.cases()) {
                    sink.accept(caseRow(c, t));
                }
            }
            case REGULATIONS -> {
                for (Regulation r : data.regulations()) {
                    sink.accept(new String[]{text(r.unit()), bool(r.hasRegulation()), bool(r.classification()),
                            bool(r.authorityLevels()), bool(r.escalation()), bool(r.archiving())});
                }
            }
            case TRAININGS -> {
                for (Training r : data.trainings()) {
                    sink.accept(new String[]{text(r.unit()), date(r.heldOn()), text(r.title()), bool(r.signIn()),
                            bool(r.courseware()), bool(r.photos())});
                }
            }
            case OUTAGES -> {
                for (Outage o : data.outages()) {
                    sink.accept(new String[]{text(o.channel()), text(o.unit()), t.format(o.startedAt()),
                            t.format(o.backupStartedAt())});
                }
            }
            case TASKS -> {
                for (SpecialTask k : data.tasks()) {
                    sink.accept(new String[]{text(k.taskNo()), text(k.unit()), text(k.title()), date(k.dueDate()),
                            bool(k.planSubmitted()), date(k.completedOn()),
                            k.qualityOk() == null ? "" : bool(k.qualityOk())});
                }
            }
            case ADJUSTMENTS -> {
                for (Adjustment a : data.adjustments()) {
                    sink.accept(new String[]{text(a.subject()), text(a.period()), text(a.item()), points(a.points()),
                            text(a.reason()), text(a.assessor())});
                }
            }
            default -> throw new IllegalStateException("unknown table " + table);
        }
    }

    /** The cells of a case row, in the order of {@link Table#CASES} ({@link CaseColumn#ALL}). */
    static String[] caseRow(CaseRecord c, InstantText t) {
        String[] cells = new String[CaseColumn.ALL.size()];
        for (CaseColumn<?> column : CaseColumn.ALL) {
            cells[column.index()] = switch (column.kind()) {
                case INSTANT -> t.format(c.at(column.asInstant()));
                case FLAG -> bool(c.is(column.asFlag()));
                case CODE -> code((Enum<?>) c.get(column));
                default -> text((String) c.get(column));
            };
        }
        return cells;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String code(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    private static String bool(boolean b) {
        return b ? "true" : "false";
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static String points(BigDecimal p) {
        return p == null ? "" : p.toPlainString(); // keeps the scale, so reading back gives an equal BigDecimal
    }

    /** Formats epoch-millis instants as local {@code yyyy-MM-dd HH:mm:ss[.SSS]} text, by hand (no formatter). */
    static final class InstantText {

        private final ZoneRules rules;
        private final boolean fixed;
        private final long fixedOffsetMillis;

        InstantText(ZoneId zone) {
            this.rules = zone.getRules();
            this.fixed = rules.isFixedOffset();
            this.fixedOffsetMillis = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
        }

        String format(long millis) {
            if (millis == Instants.NONE) {
                return "";
            }
            long offset = fixed ? fixedOffsetMillis
                    : rules.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() * 1000L;
            long local = millis + offset;
            long day = Math.floorDiv(local, 86_400_000L);
            int msOfDay = (int) Math.floorMod(local, 86_400_000L);
            // civil-from-days (H. Hinnant)
            long z = day + 719_468;
            long era = (z >= 0 ? z : z - 146_096) / 146_097;
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            int d = (int) (doy - (153 * mp + 2) / 5 + 1);
            int m = (int) (mp < 10 ? mp + 3 : mp - 9);
            if (m <= 2) {
                y++;
            }
            if (y < 0 || y > 9999) {
                LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                        (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.ofTotalSeconds((int) (offset / 1000)));
                return ldt.toString();
            }
            int ms = msOfDay % 1000;
            int secOfDay = msOfDay / 1000;
            char[] b = new char[ms == 0 ? 19 : 23];
            int yy = (int) y;
            b[0] = (char) ('0' + yy / 1000);
            b[1] = (char) ('0' + yy / 100 % 10);
            b[2] = (char) ('0' + yy / 10 % 10);
            b[3] = (char) ('0' + yy % 10);
            b[4] = '-';
            two(b, 5, m);
            b[7] = '-';
            two(b, 8, d);
            b[10] = ' ';
            two(b, 11, secOfDay / 3600);
            b[13] = ':';
            two(b, 14, secOfDay / 60 % 60);
            b[16] = ':';
            two(b, 17, secOfDay % 60);
            if (ms != 0) {
                b[19] = '.';
                b[20] = (char) ('0' + ms / 100);
                b[21] = (char) ('0' + ms / 10 % 10);
                b[22] = (char) ('0' + ms % 10);
            }
            return new String(b);
        }

        private static void two(char[] b, int at, int v) {
            b[at] = (char) ('0' + v / 10);
            b[at + 1] = (char) ('0' + v % 10);
        }
    }
}
