package org.warmline.ledger;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warmline.ledger.LedgerColumns.Table;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerWriterTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    private static CaseRecord fullCase() {
        return CaseRecord.builder().row(1)
                .set(CaseColumn.CASE_NO, "C2026010001").set(CaseColumn.CHANNEL, Channel.HOTLINE)
                .set(CaseColumn.CATEGORY, Category.COMPLAINT).set(CaseColumn.COMPLEX, true)
                .set(CaseColumn.TOPIC, "TEMPERATURE").set(CaseColumn.CITIZEN_NAME, "王伟")
                .set(CaseColumn.CITIZEN_PHONE, "13812345678")
                .set(CaseColumn.ADDRESS, "东城区建设路1号锦绣家园小区1号楼1单元101室")
                .set(CaseColumn.DEMAND, "室温只有14度, \"尽快\"处理")
                .at(CaseColumn.OCCURRED_AT, at("2026-01-05T07:00:00")).at(CaseColumn.SUBMITTED_AT, at("2026-01-05T08:30:00"))
                .at(CaseColumn.RECORDED_AT, at("2026-01-05T08:31:00")).at(CaseColumn.ACCEPTED_AT, at("2026-01-05T08:35:00"))
                .set(CaseColumn.ACCEPTED_BY, "KF001").at(CaseColumn.DISPATCHED_AT, at("2026-01-05T08:40:00"))
                .set(CaseColumn.UNIT, "B01S1A01").set(CaseColumn.HANDLER, "GJ0001")
                .at(CaseColumn.CONTACTED_AT, at("2026-01-05T09:10:00")).set(CaseColumn.SITE_SURVEY, true)
                .at(CaseColumn.SURVEYED_AT, at("2026-01-05T11:00:00")).set(CaseColumn.SOLUTION, "已排气\n清洗过滤网")
                .at(CaseColumn.SOLUTION_AT, at("2026-01-05T12:00:00.250"))
                .at(CaseColumn.COMPLETED_AT, at("2026-01-06T10:00:00")).set(CaseColumn.RESOLVED, true)
                .set(CaseColumn.EVALUATION, EvaluationLevel.UNSATISFIED)
                .set(CaseColumn.EVALUATION_CHANNEL, EvaluationChannel.PHONE)
                .at(CaseColumn.EVALUATED_AT, at("2026-01-06T15:00:00")).set(CaseColumn.EVALUATION_COMMENT, "温度还是低")
                .at(CaseColumn.UNSATISFIED_AT, at("2026-01-06T15:00:00"))
                .at(CaseColumn.REVIEWED_AT, at("2026-01-07T09:00:00"))
                .set(CaseColumn.REVIEW_FINDING, ReviewFinding.SERVICE_PROBLEM)
                .at(CaseColumn.REHANDLED_AT, at("2026-01-08T09:00:00"))
                .build();
    }

    private static CaseRecord emptyCase() {
        return CaseRecord.builder().row(2)
                .set(CaseColumn.CASE_NO, "C2026010002").at(CaseColumn.SUBMITTED_AT, at("2026-01-31T23:59:59"))
                .build();
    }

    static DataSet sample() {
        return new DataSet(
                List.of(new Unit("HQ", "客户服务部", UnitKind.HQ_SERVICE, null),
                        new Unit("B01", "城东分公司", UnitKind.BRANCH, null),
                        new Unit("B01S1", "和平供热站", UnitKind.STATION, "B01"),
                        new Unit("B01S1A01", "锦绣家园片区", UnitKind.AREA, "B01S1")),
                List.of(new Staff("KF001", "李娜", Post.AGENT, "HQ"), new Staff("GJ0001", "张强", Post.STEWARD, "B01S1A01")),
                List.of(fullCase(), emptyCase()),
                List.of(new Regulation("B01", true, true, false, true, true)),
                List.of(new Training("B01", LocalDate.of(2026, 2, 3), "信访工作条例学习", true, false, true)),
                List.of(new Outage("热线", null, at("2026-01-10T09:00:00"), Instants.NONE, 1)),
                List.of(new SpecialTask("RW2026001", "B01", "隐患排查", LocalDate.of(2026, 1, 20), true, null, null),
                        new SpecialTask("RW2026002", "B01", "入户测温", LocalDate.of(2026, 1, 25), false,
                                LocalDate.of(2026, 1, 27), false)),
                List.of(new Adjustment("B01", "2026-01", "keywork.other", new BigDecimal("-2"), "督办事项未反馈",
                        "考核办张伟", 1),
                        new Adjustment("B01S1", "2026-Q1", "keywork.other", new BigDecimal("0.50"), "保障突出", null, 2)));
    }

    private static List<String> lines(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return List.of(text.substring(1).split("\r\n", -1));
    }

    @Test
    void csvFolderHasEveryTableWithExactHeaders() throws Exception {
        new LedgerWriter(SHANGHAI).writeCsvFolder(sample(), dir);
        for (Table table : Table.values()) {
            Path file = dir.resolve(table.fileName());
            assertThat(file).exists();
            assertThat(lines(file).get(0)).isEqualTo(String.join(",", table.headers()));
        }
        assertThat(lines(dir.resolve("cases.csv")).get(0)).isEqualTo(
                "case_no,channel,category,complex,topic,citizen_name,citizen_phone,address,demand,occurred_at,"
                        + "submitted_at,recorded_at,accepted_at,accepted_by,dispatched_at,unit,handler,contacted_at,"
                        + "site_survey,surveyed_at,solution,solution_at,completed_at,resolved,evaluation,"
                        + "evaluation_channel,evaluated_at,evaluation_comment,unsatisfied_at,reviewed_at,"
                        + "review_finding,rehandled_at,explained_at");
        assertThat(lines(dir.resolve("units.csv"))).containsExactly("code,name,kind,parent", "HQ,客户服务部,HQ_SERVICE,",
                "B01,城东分公司,BRANCH,", "B01S1,和平供热站,STATION,B01", "B01S1A01,锦绣家园片区,AREA,B01S1", "");
    }

    @Test
    void valuesAreFormattedAsTheSpecSays() throws Exception {
        new LedgerWriter(SHANGHAI).writeCsvFolder(sample(), dir);
        String cases = Files.readString(dir.resolve("cases.csv"), StandardCharsets.UTF_8);
        assertThat(cases).contains("C2026010001,HOTLINE,COMPLAINT,true,TEMPERATURE,王伟,13812345678,")
                .contains("\"室温只有14度, \"\"尽快\"\"处理\",2026-01-05 07:00:00,2026-01-05 08:30:00,")
                .contains(",KF001,2026-01-05 08:40:00,B01S1A01,GJ0001,2026-01-05 09:10:00,true,2026-01-05 11:00:00,")
                .contains("\"已排气\n清洗过滤网\",2026-01-05 12:00:00.250,2026-01-06 10:00:00,true,UNSATISFIED,PHONE,")
                .contains(",SERVICE_PROBLEM,2026-01-08 09:00:00,\r\n")
                .contains("C2026010002,,,false,,,,,,,2026-01-31 23:59:59,,,,,,,,false,,,,,false,,,,,,,,,\r\n");
        assertThat(lines(dir.resolve("tasks.csv"))).contains("RW2026001,B01,隐患排查,2026-01-20,true,,",
                "RW2026002,B01,入户测温,2026-01-25,false,2026-01-27,false");
        assertThat(lines(dir.resolve("adjustments.csv"))).contains("B01,2026-01,keywork.other,-2,督办事项未反馈,考核办张伟",
                "B01S1,2026-Q1,keywork.other,0.50,保障突出,");
        assertThat(lines(dir.resolve("outages.csv"))).contains("热线,,2026-01-10 09:00:00,");
        assertThat(lines(dir.resolve("regulations.csv"))).contains("B01,true,true,false,true,true");
        assertThat(lines(dir.resolve("trainings.csv"))).contains("B01,2026-02-03,信访工作条例学习,true,false,true");
    }

    @Test
    void instantsUseTheWritersZone() throws Exception {
        new LedgerWriter(ZoneId.of("UTC")).writeCsvFolder(sample(), dir);
        assertThat(lines(dir.resolve("outages.csv"))).contains("热线,,2026-01-10 01:00:00,");
    }

    @Test
    void instantFormattingMatchesJavaTimeOverManyInstants() {
        for (String zone : List.of("Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York")) {
            ZoneId z = ZoneId.of(zone);
            LedgerWriter.InstantText text = new LedgerWriter.InstantText(z);
            java.util.SplittableRandom r = new java.util.SplittableRandom(7);
            for (int i = 0; i < 20_000; i++) {
                long ms = r.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
                if (i % 2 == 0) {
                    ms = ms / 1000 * 1000;
                }
                LocalDateTime ldt = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(ms), z);
                String expected = ldt.toLocalDate() + " " + String.format("%02d:%02d:%02d", ldt.getHour(),
                        ldt.getMinute(), ldt.getSecond()) + (ms % 1000 == 0 ? "" : String.format(".%03d",
                        Math.floorMod(ms, 1000)));
                assertThat(text.format(ms)).as("%s %d", zone, ms).isEqualTo(expected);
            }
            assertThat(text.format(Instants.NONE)).isEmpty();
        }
    }

    @Test
    void streamingCasesGivesTheSameFileAsTheFolderWriter() throws Exception {
        new LedgerWriter(SHANGHAI).writeCsvFolder(sample(), dir.resolve("folder"));
        Path streamed = dir.resolve("streamed.csv");
        try (CaseCsvStream out = LedgerWriter.openCasesCsv(streamed, SHANGHAI)) {
            for (CaseRecord c : sample().cases()) {
                out.write(c);
            }
            assertThat(out.written()).isEqualTo(2);
        }
        assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(dir.resolve("folder/cases.csv")));
    }

    @Test
    void xlsxIsAReadableWorkbookWithOneSheetPerTable() throws Exception {
        Path file = dir.resolve("ledger.xlsx");
        new LedgerWriter(SHANGHAI).writeXlsx(sample(), file);
        DataFormatter fmt = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); Workbook wb = WorkbookFactory.create(in)) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("units", "staff", "cases", "regulations", "trainings", "outages",
                    "tasks", "adjustments");
            for (Table table : Table.values()) {
                Row header = wb.getSheet(table.tableName()).getRow(0);
                List<String> names = new ArrayList<>();
                header.forEach(c -> names.add(c.getStringCellValue()));
                assertThat(names).containsExactlyElementsOf(table.headers());
            }
            Sheet cases = wb.getSheet("cases");
            assertThat(cases.getLastRowNum()).isEqualTo(2);
            Row first = cases.getRow(1);
            assertThat(fmt.formatCellValue(first.getCell(0))).isEqualTo("C2026010001");
            assertThat(fmt.formatCellValue(first.getCell(Table.CASES.indexOf("submitted_at"))))
                    .isEqualTo("2026-01-05 08:30:00");
            assertThat(fmt.formatCellValue(first.getCell(Table.CASES.indexOf("solution_at"))))
                    .isEqualTo("2026-01-05 12:00:00.250");
            assertThat(fmt.formatCellValue(first.getCell(Table.CASES.indexOf("evaluation")))).isEqualTo("UNSATISFIED");
            assertThat(first.getCell(Table.CASES.indexOf("explained_at"))).isNull();
            Row second = cases.getRow(2);
            assertThat(second.getCell(Table.CASES.indexOf("channel"))).isNull();
            assertThat(fmt.formatCellValue(second.getCell(Table.CASES.indexOf("complex")))).isEqualTo("false");
            Row adj = wb.getSheet("adjustments").getRow(1);
            assertThat(adj.getCell(3).getNumericCellValue()).isEqualTo(-2.0);
            assertThat(fmt.formatCellValue(adj.getCell(3))).isEqualTo("-2");
            assertThat(fmt.formatCellValue(wb.getSheet("units").getRow(3).getCell(3))).isEqualTo("B01");
        }
    }

    @Test
    void columnsKnowTheirChineseNames() {
        assertThat(Table.CASES.headers()).hasSize(33);
        assertThat(Table.CASES.indexOf("工单编号")).isZero();
        assertThat(Table.CASES.indexOf("答复/方案时间")).isEqualTo(Table.CASES.indexOf("solution_at"));
        assertThat(Table.lookup("工单台账")).isEqualTo(Table.CASES);
        assertThat(Table.lookup("Units.csv")).isEqualTo(Table.UNITS);
        for (Table t : Table.values()) {
            assertThat(t.chineseHeaders()).hasSameSizeAs(t.headers()).doesNotHaveDuplicates();
        }
    }
}
