package org.warmline.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Makes the workbooks that {@code src/test/resources/org/warmline/ledger/real/make.sh} then has LibreOffice save, from
 * the example ledger ({@code examples/ledger}): a typed workbook (real date, boolean and number cells, as a clerk's
 * Excel holds them), the clerk's layout (Chinese sheets and headers, a cases sheet per month with a title row, merged
 * 责任单位 blocks and a footer of totals and signatures), and a cases sheet whose phone column is numeric in scientific
 * format. Not a test: run by the script, its output is committed as it comes out of LibreOffice.
 *
 * <p>Usage: {@code RealFilesMaker EXAMPLE_DIR OUT_DIR}.
 */
final class RealFilesMaker {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> BOOLEANS = Set.of("complex", "site_survey", "resolved", "has_regulation",
            "classification", "authority_levels", "escalation", "archiving", "sign_in", "courseware", "photos",
            "plan_submitted", "quality_ok");
    private static final Set<String> DATES = Set.of("held_on", "due_date", "completed_on");
    private static final Map<String, Class<? extends Coded>> CODED = Map.of("channel", Channel.class,
            "category", Category.class, "topic", Topic.class, "evaluation", EvaluationLevel.class,
            "evaluation_channel", EvaluationChannel.class, "review_finding", ReviewFinding.class,
            "kind", UnitKind.class, "post", Post.class);

    private RealFilesMaker() {
    }

    public static void main(String[] args) throws IOException {
        Path example = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Map<LedgerColumns.Table, List<String[]>> tables = new LinkedHashMap<>();
        for (LedgerColumns.Table table : LedgerColumns.Table.values()) {
            tables.put(table, read(example.resolve(table.fileName())));
        }
        typed(tables, out.resolve("typed.xlsx"));
        clerk(tables, out.resolve("clerk.xlsx"));
        scientificPhones(tables.get(LedgerColumns.Table.CASES), out.resolve("phones.xlsx"));
    }

    private static List<String[]> read(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            for (CsvRecord r : reader) {
                String[] fields = r.getFields().toArray(String[]::new);
                fields[0] = fields[0].replace("\uFEFF", "");
                rows.add(fields);
            }
        }
        return rows;
    }

    /** Every table on a sheet of its own, English names, values in typed cells. */
    private static void typed(Map<LedgerColumns.Table, List<String[]>> tables, Path file) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Styles styles = new Styles(book);
            for (var e : tables.entrySet()) {
                Sheet sheet = book.createSheet(e.getKey().tableName());
                List<String[]> rows = e.getValue();
                String[] header = rows.get(0);
                for (int r = 0; r < rows.size(); r++) {
                    Row row = sheet.createRow(r);
                    for (int c = 0; c < rows.get(r).length; c++) {
                        String v = rows.get(r)[c];
                        if (r == 0) {
                            row.createCell(c).setCellValue(v);
                        } else if (!v.isEmpty()) {
                            typedCell(row.createCell(c), header[c], v, styles);
                        }
                    }
                }
            }
            save(book, file);
        }
    }

    private static void typedCell(Cell cell, String column, String v, Styles styles) {
        if (column.endsWith("_at") || column.equals("started_at")) {
            cell.setCellValue(LocalDateTime.parse(v, INSTANT));
            cell.setCellStyle(styles.instant);
        } else if (DATES.contains(column)) {
            cell.setCellValue(LocalDate.parse(v));
            cell.setCellStyle(styles.date);
        } else if (BOOLEANS.contains(column)) {
            cell.setCellValue(Boolean.parseBoolean(v));
        } else if (column.equals("points")) {
            cell.setCellValue(Double.parseDouble(v));
        } else if (column.equals("citizen_phone") && v.matches("\\d{11}")) {
            cell.setCellValue(Double.parseDouble(v));
        } else {
            cell.setCellValue(v);
        }
    }

    /**
     * The clerk's workbook: Chinese sheet names and headers, codes by their Chinese names, 是/否, typed dates; the cases
     * on one sheet per month (1月, 2月, 3月), each with a title row merged across, a line of who filled it in, the
     * header on row 3, the rows by responsible unit with the 责任单位 cells merged per unit, and a footer.
     */
    private static void clerk(Map<LedgerColumns.Table, List<String[]>> tables, Path file) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Styles styles = new Styles(book);
            for (var e : tables.entrySet()) {
                LedgerColumns.Table table = e.getKey();
                List<String[]> rows = e.getValue();
                if (table != LedgerColumns.Table.CASES) {
                    Sheet sheet = book.createSheet(table.chinese());
                    writeClerkRows(sheet, 0, rows.get(0), rows.subList(1, rows.size()), styles);
                    continue;
                }
                String[] header = rows.get(0);
                int submitted = List.of(header).indexOf("submitted_at");
                int unit = List.of(header).indexOf("unit");
                for (int month = 1; month <= 3; month++) {
                    String prefix = "2026-0" + month;
                    List<String[]> cases = new ArrayList<>(rows.subList(1, rows.size()).stream()
                            .filter(r -> r[submitted].startsWith(prefix)).toList());
                    cases.sort(Comparator.comparing((String[] r) -> r[unit].isEmpty() ? "~" : r[unit]));
                    Sheet sheet = book.createSheet(month + "月");
                    int last = header.length - 1;
                    sheet.createRow(0).createCell(0).setCellValue("XX热力公司2026年" + month + "月信访台账");
                    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, last));
                    sheet.createRow(1).createCell(0).setCellValue("填报单位:客户服务部    填报日期:2026-0"
                            + (month + 1) + "-01");
                    sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, last));
                    writeClerkRows(sheet, 2, header, cases, styles);
                    // 责任单位 merged per block of rows of one unit: the value stays in the block's first cell only
                    int from = 0;
                    for (int i = 1; i <= cases.size(); i++) {
                        if (i == cases.size() || !cases.get(i)[unit].equals(cases.get(from)[unit])) {
                            if (i - from > 1 && !cases.get(from)[unit].isEmpty()) {
                                for (int r = from + 1; r < i; r++) {
                                    sheet.getRow(3 + r).removeCell(sheet.getRow(3 + r).getCell(unit));
                                }
                                sheet.addMergedRegion(new CellRangeAddress(3 + from, 3 + i - 1, unit, unit));
                            }
                            from = i;
                        }
                    }
                    int end = 3 + cases.size();
                    Row total = sheet.createRow(end);
                    total.createCell(0).setCellValue("合计");
                    total.createCell(1).setCellValue(cases.size() + "件");
                    Row signed = sheet.createRow(end + 2);
                    signed.createCell(0).setCellValue("制表人:王芳");
                    signed.createCell(5).setCellValue("审核人:李强");
                }
            }
            save(book, file);
        }
    }

    private static void writeClerkRows(Sheet sheet, int at, String[] header, List<String[]> rows, Styles styles) {
        LedgerColumns.Table table = tableOf(sheet, header);
        Row head = sheet.createRow(at);
        for (int c = 0; c < header.length; c++) {
            head.createCell(c).setCellValue(table.chineseHeaders().get(table.indexOf(header[c])));
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(at + 1 + r);
            for (int c = 0; c < header.length; c++) {
                String v = rows.get(r)[c];
                if (v.isEmpty()) {
                    continue;
                }
                Cell cell = row.createCell(c);
                String column = header[c];
                if (BOOLEANS.contains(column)) {
                    cell.setCellValue(Boolean.parseBoolean(v) ? "是" : "否");
                } else if (CODED.containsKey(column) && table != LedgerColumns.Table.OUTAGES) {
                    cell.setCellValue(chinese(CODED.get(column), v));
                } else if (column.equals("citizen_phone")) {
                    cell.setCellValue(v);
                } else {
                    typedCell(cell, column, v, styles);
                }
            }
        }
    }

    private static LedgerColumns.Table tableOf(Sheet sheet, String[] header) {
        LedgerColumns.Table byName = LedgerColumns.Table.lookup(sheet.getSheetName());
        return byName != null ? byName : LedgerColumns.Table.CASES;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String chinese(Class<? extends Coded> type, String code) {
        Coded value = (Coded) Coded.lookup((Class) type, code);
        return value == null ? code : value.chinese();
    }

    /** The cases alone, the phone column numeric in scientific format, as a long number in a narrow column shows. */
    private static void scientificPhones(List<String[]> rows, Path file) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            CellStyle scientific = book.createCellStyle();
            scientific.setDataFormat(book.createDataFormat().getFormat("0.0000E+00"));
            Sheet sheet = book.createSheet("cases");
            String[] header = rows.get(0);
            int phone = List.of(header).indexOf("citizen_phone");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < header.length; c++) {
                    String v = rows.get(r)[c];
                    if (v.isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (r > 0 && c == phone && v.matches("\\d{11}")) {
                        cell.setCellValue(Double.parseDouble(v));
                        cell.setCellStyle(scientific);
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            save(book, file);
        }
    }

    private static void save(XSSFWorkbook book, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            book.write(out);
        }
    }

    private static final class Styles {
        final CellStyle instant;
        final CellStyle date;

        Styles(XSSFWorkbook book) {
            instant = book.createCellStyle();
            instant.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
        }
    }
}
