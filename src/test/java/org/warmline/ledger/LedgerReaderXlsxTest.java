package org.warmline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.warmline.ledger.CaseColumn.ADDRESS;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.UNIT;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerReaderXlsxTest {

    @TempDir
    Path dir;

    /** Copies a CSV text into a sheet, all cells as text. */
    private static Sheet sheet(XSSFWorkbook book, String name, String csv) throws IOException {
        Sheet sheet = book.createSheet(name);
        int r = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(new StringReader(csv))) {
            for (CsvRecord record : reader) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < record.getFieldCount(); c++) {
                    if (!record.getField(c).isEmpty()) {
                        row.createCell(c).setCellValue(record.getField(c));
                    }
                }
            }
        }
        return sheet;
    }

    private Path save(XSSFWorkbook book, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            book.write(out);
        }
        book.close();
        return file;
    }

    private static String located(LedgerProblem p) {
        return p.file() + ":" + p.row() + ":" + p.column();
    }

    @Test
    void aWorkbookGivesTheSameDataSetAsTheCsvFolder(@TempDir Path csv) throws IOException {
        DataSet expected = LedgerFixtures.reader().read(LedgerFixtures.english(csv)).data();
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "组织机构", LedgerFixtures.UNITS_ZH);
        sheet(book, "notes", "anything\n1\n");
        Sheet cases = sheet(book, "工单台账", LedgerFixtures.CASES_ZH);
        sheet(book, "staff", LedgerFixtures.STAFF);
        sheet(book, "regulations", LedgerFixtures.REGULATIONS);
        sheet(book, "trainings", LedgerFixtures.TRAININGS);
        sheet(book, "outages", LedgerFixtures.OUTAGES);
        sheet(book, "tasks", LedgerFixtures.TASKS);
        sheet(book, "adjustments", LedgerFixtures.ADJUSTMENTS);
        // C001: submitted_at (column 10) as an Excel date cell, phone (column 6) as a number
        CellStyle dateStyle = book.createCellStyle();
        dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
        Row c001 = cases.getRow(1);
        c001.getCell(10).setCellValue(LocalDateTime.of(2026, 1, 5, 8, 30));
        c001.getCell(10).setCellStyle(dateStyle);
        c001.getCell(6).setCellValue(13800138000d);
        // the training date as an Excel date, a boolean cell, points as a number
        Row training = book.getSheet("trainings").getRow(1);
        training.getCell(1).setCellValue(LocalDateTime.of(2026, 1, 10, 0, 0));
        training.getCell(1).setCellStyle(dateStyle);
        training.getCell(3).setCellValue(true);
        book.getSheet("adjustments").getRow(1).getCell(3).setCellValue(-2d);
        Path file = save(book, "book.xlsx");

        LedgerReading reading = LedgerFixtures.reader().read(file);
        assertThat(reading.data()).isEqualTo(expected);
        assertThat(reading.data().cases().get(0).at(SUBMITTED_AT))
                .isEqualTo(OffsetDateTime.parse("2026-01-05T08:30:00+08:00").toInstant().toEpochMilli());
        assertThat(reading.data().cases().get(0).get(CITIZEN_PHONE)).isEqualTo("13800138000");
        assertThat(reading.warnings()).containsExactly("book.xlsx[notes]:0:: 未知的工作表,已忽略");
    }

    @Test
    void reportsProblemsWithTheSheetAndSpreadsheetRow() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\n");
        Sheet cases = sheet(book, "cases", "case_no,submitted_at,unit\nC1,2026-01-05 08:30,B01\nC2,2026-01-05 08:30,\n");
        cases.getRow(2).createCell(2).setCellFormula("\"B\"&\"01\"");
        cases.createRow(5).createCell(0).setCellValue("C1");
        cases.getRow(5).createCell(1).setCellValue("2026-01-05 25:00");
        Path file = save(book, "book.xlsx");
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
        assertThat(e.problems()).extracting(LedgerReaderXlsxTest::located).containsExactlyInAnyOrder(
                "book.xlsx[cases]:3:unit", "book.xlsx[cases]:6:case_no", "book.xlsx[cases]:6:submitted_at");
        LedgerException en = catchThrowableOfType(LedgerException.class,
                () -> new LedgerReader(LedgerFixtures.scheme(), Locale.ENGLISH).read(file));
        assertThat(en.problems()).extracting(LedgerProblem::message)
                .contains("the formula cell has no saved result (formulas are never calculated here, only their saved "
                        + "results are read); open and save the file in Excel, WPS or LibreOffice, or enter the value");
    }

    @Test
    void aMissingRequiredSheetIsAProblem() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "cases", "case_no,submitted_at\nC1,2026-01-05 08:30\n");
        Path file = save(book, "book.xlsx");
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
        assertThat(e.problems()).extracting(LedgerReaderXlsxTest::located).containsExactly("book.xlsx[units]:0:");
    }

    @Test
    void rejectsAZipBombDisguisedAsXlsx() throws IOException {
        Path file = dir.resolve("bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            put(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            put(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="cases" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            put(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>").getBytes(StandardCharsets.UTF_8));
            byte[] rows = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaa</t></is></c></row>".repeat(10_000)
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 500; i++) { // ~300 MB unpacked, a few hundred KB packed
                zip.write(rows);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(Files.size(file)).isLessThan(2_000_000);
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
        assertThat(e.problems()).extracting(LedgerReaderXlsxTest::located).containsExactly("bomb.xlsx:0:");
        assertThat(e.problems().get(0).message()).contains("压缩炸弹");
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void rejectsAPartLargerThanTheLimitAndTooManyColumnsAndHugeCells() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\n");
        Sheet cases = sheet(book, "cases", "case_no,submitted_at,demand\nC1,2026-01-05 08:30,x\n");
        // Excel (and POI) cap a cell at 32,767 characters; the reader's 100,000 limit is lowered here to test it
        cases.getRow(1).getCell(2).setCellValue("x".repeat(30_000));
        Path file = save(book, "book.xlsx");
        LedgerReader.Limits cell = new LedgerReader.Limits(1000, 1L << 30, 20_000, 4_000_000, 1000, 1L << 30, 1000);
        LedgerException e = catchThrowableOfType(LedgerException.class,
                () -> new LedgerReader(LedgerFixtures.scheme(), Locale.CHINESE, cell).read(file));
        assertThat(e.problems()).extracting(LedgerReaderXlsxTest::located).containsExactly("book.xlsx[cases]:2:demand");

        LedgerReader.Limits small = new LedgerReader.Limits(1000, 1L << 30, 1_000_000, 4_000_000, 1000, 10_000, 1000);
        LedgerException part = catchThrowableOfType(LedgerException.class,
                () -> new LedgerReader(LedgerFixtures.scheme(), Locale.CHINESE, small).read(file));
        assertThat(part.problems()).extracting(LedgerReaderXlsxTest::located).containsExactly("book.xlsx:0:");

        XSSFWorkbook wide = new XSSFWorkbook();
        sheet(wide, "units", "code,kind\nB01,BRANCH\n");
        Row header = wide.createSheet("cases").createRow(0);
        for (int c = 0; c < 2000; c++) {
            header.createCell(c).setCellValue("c" + c);
        }
        Path wideFile = save(wide, "wide.xlsx");
        LedgerException columns = catchThrowableOfType(LedgerException.class,
                () -> LedgerFixtures.reader().read(wideFile));
        assertThat(columns.problems()).extracting(LedgerReaderXlsxTest::located)
                .containsExactly("wide.xlsx[cases]:1:ALM");
    }

    @Test
    void rejectsFilesThatAreNotWorkbooks() throws IOException {
        Path garbage = dir.resolve("garbage.xlsx");
        byte[] bytes = new byte[10_000];
        new java.util.Random(3).nextBytes(bytes);
        Files.write(garbage, bytes);
        Path renamed = dir.resolve("text.xlsx");
        Files.writeString(renamed, "case_no\nC1\n");
        Path zip = dir.resolve("zip.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "hello.txt", "hello");
        }
        Path xls = dir.resolve("old.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3});
        for (Path file : List.of(garbage, renamed, zip, xls)) {
            LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
            assertThat(e).as(file.toString()).isNotNull();
            assertThat(e.problems()).extracting(LedgerReaderXlsxTest::located)
                    .containsExactly(file.getFileName() + ":0:");
        }
    }

    @Test
    void theOrganizationAloneIsReadWithoutCases() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", LedgerFixtures.UNITS);
        sheet(book, "staff", LedgerFixtures.STAFF);
        Path file = save(book, "org.xlsx");
        DataSet data = LedgerFixtures.reader().readOrganization(file).data();
        assertThat(data.units()).isNotEmpty();
        assertThat(data.staff()).isNotEmpty();
        assertThat(data.cases()).isEmpty();
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
        assertThat(e.problems()).extracting(LedgerReaderXlsxTest::located).containsExactly("org.xlsx[cases]:0:");
    }

    @Test
    void aFormulaIsReadByItsCachedValueNeverEvaluated() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\nB02,BRANCH\n");
        Sheet cases = sheet(book, "cases", "case_no,submitted_at,unit,complex\nC1,2026-01-05 08:30\n");
        // the cached value is what the program that saved the file computed; this one disagrees with the formula
        var unit = cases.getRow(1).createCell(2);
        unit.setCellFormula("\"B\"&\"02\"");
        unit.setCellValue("B01");
        var complex = cases.getRow(1).createCell(3);
        complex.setCellFormula("TRUE()");
        complex.setCellValue(true);
        Path file = save(book, "cached.xlsx");
        CaseRecord c = LedgerFixtures.reader().read(file).data().cases().get(0);
        assertThat(c.get(UNIT)).isEqualTo("B01");
        assertThat(c.is(COMPLEX)).isTrue();
    }

    @Test
    void anErrorValueIsAProblemNamingTheCell() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\n");
        Sheet cases = sheet(book, "cases", "case_no,submitted_at,unit\nC1,2026-01-05 08:30\n");
        var unit = cases.getRow(1).createCell(2);
        unit.setCellFormula("VLOOKUP(\"x\",A1:A2,1,FALSE)");
        unit.setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.NA.getCode());
        Path file = save(book, "error.xlsx");
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
        assertThat(e.problems()).extracting(LedgerProblem::toString)
                .containsExactly("error.xlsx[cases]:2:unit: 单元格是错误值 #N/A(多为公式出错),请改正后再导入");
    }

    @Test
    void aNumericPhoneIsItsDigitsWhenItHoldsElevenAndAProblemOtherwise() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\n");
        Sheet cases = sheet(book, "cases", "case_no,submitted_at,citizen_phone\nC1,2026-01-05 08:30\n"
                + "C2,2026-01-05 08:30\nC3,2026-01-05 08:30\nC4,2026-01-05 08:30,1.38E+10\n");
        cases.getRow(1).createCell(2).setCellValue(13800138000d);
        cases.getRow(2).createCell(2).setCellValue(88886666d);
        cases.getRow(3).createCell(2).setCellValue(1380013800.5d);
        Path file = save(book, "phones.xlsx");
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(file));
        assertThat(e.problems()).extracting(LedgerProblem::toString).containsExactly(
                "phones.xlsx[cases]:3:citizen_phone: 联系电话是数字 88886666,不是 11 位手机号码:数字格式会丢失号码的位数或"
                        + "开头的 0;请把该列设置为“文本”格式后重新填写号码",
                "phones.xlsx[cases]:4:citizen_phone: 联系电话是数字 1380013800.5,不是 11 位手机号码:数字格式会丢失号码的位数或"
                        + "开头的 0;请把该列设置为“文本”格式后重新填写号码",
                "phones.xlsx[cases]:5:citizen_phone: 联系电话“1.38E+10”是科学计数法,号码的位数已经丢失(不同用户会被当成同一人);"
                        + "请在 Excel 中把该列设置为“文本”格式后重新填写完整号码");
        XSSFWorkbook good = new XSSFWorkbook();
        sheet(good, "units", "code,kind\nB01,BRANCH\n");
        sheet(good, "cases", "case_no,submitted_at\nC1,2026-01-05 08:30\n").getRow(1).createCell(2)
                .setCellValue(13800138000d);
        good.getSheet("cases").getRow(0).createCell(2).setCellValue("citizen_phone");
        assertThat(LedgerFixtures.reader().read(save(good, "good.xlsx")).data().cases().get(0).get(CITIZEN_PHONE))
                .isEqualTo("13800138000");
    }

    @Test
    void sheetsWithTheCasesHeaderAreOneTable() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\n");
        sheet(book, "1月台账", "XX热力公司2026年1月信访台账\n工单编号,提交时间\nC1,2026-01-05 08:30\nC2,2026-01-06 08:30\n");
        sheet(book, "2月", "工单编号,提交时间,责任单位\nC3,2026-02-05 08:30,B01\n");
        sheet(book, "说明", "本台账按月分表\n");
        Path file = save(book, "months.xlsx");
        LedgerReading reading = LedgerFixtures.reader().read(file);
        assertThat(reading.data().cases()).extracting(CaseRecord::caseNo).containsExactly("C1", "C2", "C3");
        assertThat(reading.warnings()).containsExactly(
                "months.xlsx[1月台账]:2:: 表头在第 2 行;其上方的第 1 行不是表头(标题、填报说明等),已跳过:“XX热力公司2026年1月信访台账”",
                "months.xlsx[说明]:0:: 未知的工作表,已忽略");

        XSSFWorkbook twice = new XSSFWorkbook();
        sheet(twice, "units", "code,kind\nB01,BRANCH\n");
        sheet(twice, "1月", "工单编号,提交时间\nC1,2026-01-05 08:30\n");
        sheet(twice, "2月", "工单编号,提交时间\nC9,2026-02-05 08:30\nC1,2026-02-06 08:30\n");
        Path dup = save(twice, "twice.xlsx");
        LedgerException e = catchThrowableOfType(LedgerException.class, () -> LedgerFixtures.reader().read(dup));
        assertThat(e.problems()).extracting(LedgerProblem::toString)
                .containsExactly("twice.xlsx[2月]:3:工单编号: 工单编号 C1 重复,twice.xlsx[1月] 第 2 行已出现");
    }

    @Test
    void aMissingTableNamesTheSheetsFoundAndTheNamesAccepted() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "组织机构", "code,kind\nB01,BRANCH\n");
        sheet(book, "Sheet1", "单号,日期\nC1,2026-01-05\n");
        Path file = save(book, "book.xlsx");
        LedgerException e = catchThrowableOfType(LedgerException.class,
                () -> new LedgerReader(LedgerFixtures.scheme(), Locale.ENGLISH).read(file));
        assertThat(e.problems()).extracting(LedgerProblem::toString).containsExactly("book.xlsx[cases]:0:: required "
                + "table cases (工单台账) is missing: no sheet is named cases or 工单台账, and no sheet has the cases header "
                + "(at least case_no and submitted_at; one sheet per month is fine); sheets in the workbook: 组织机构, "
                + "Sheet1");
    }

    @Test
    void aMergedRangeGivesItsFirstCellToEveryCell() throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        sheet(book, "units", "code,kind\nB01,BRANCH\n");
        Sheet cases = sheet(book, "cases", "case_no,submitted_at,unit,handler_note\nC1,2026-01-05 08:30,B01,x\n"
                + "C2,2026-01-05 09:30\nC3,2026-01-05 10:30\nC4,2026-01-05 11:30\n");
        cases.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(1, 3, 2, 3));
        Path file = save(book, "merged.xlsx");
        LedgerReading reading = LedgerFixtures.reader().read(file);
        assertThat(reading.data().cases()).extracting(c -> c.get(UNIT)).containsExactly("B01", "B01", "B01", null);
    }

    @Test
    void anInlineStringCellRewrittenByPoiReadsAsPoiReadsIt() throws IOException {
        // the writer's streaming workbook keeps texts as inline strings; POI, changing such a cell, writes a <v> beside
        // the old <is> (a number) or inside it (a text): a typed value is its <v>, an inline string its <is>
        Path written = dir.resolve("written.xlsx");
        DataSet data = LedgerFixtures.reader().read(LedgerFixtures.english(Files.createDirectory(dir.resolve("csv"))))
                .data();
        new LedgerWriter(java.time.ZoneId.of("Asia/Shanghai")).writeXlsx(data, written);
        Path changed = dir.resolve("changed.xlsx");
        String poiAddress;
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(written))) {
            Sheet cases = book.getSheet("cases");
            cases.getRow(1).getCell(7).setCellValue("新地址");
            poiAddress = cases.getRow(1).getCell(7).getStringCellValue();
            cases.getRow(1).getCell(17).setCellValue(LocalDateTime.of(2026, 1, 5, 17, 30));
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            cases.getRow(1).getCell(17).setCellStyle(date);
            try (OutputStream out = Files.newOutputStream(changed)) {
                book.write(out);
            }
        }
        CaseRecord c = LedgerFixtures.reader().read(changed).data().cases().get(0);
        assertThat(c.get(ADDRESS)).isEqualTo(poiAddress);
        assertThat(c.at(CONTACTED_AT)).isEqualTo(LocalDateTime.of(2026, 1, 5, 17, 30)
                .atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli());
    }
}
