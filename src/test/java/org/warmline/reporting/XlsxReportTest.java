package org.warmline.reporting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.SubjectResult;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxReportTest {

    private static XSSFWorkbook open(AssessmentResult result, Locale locale) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReport.write(result, out, locale);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static final DataFormatter FORMAT = new DataFormatter(Locale.ROOT);

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        if (row != null) {
            for (int i = 0; i < row.getLastCellNum(); i++) {
                Cell cell = row.getCell(i);
                texts.add(cell == null ? "" : FORMAT.formatCellValue(cell));
            }
        }
        return texts;
    }

    /** The index of the first row whose first cell is {@code text}. */
    private static int find(Sheet sheet, String text) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && text.equals(cell.getStringCellValue())) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no row starting with " + text + " in " + sheet.getSheetName());
    }

    @Test
    void chineseWorkbookHasASummaryAndASheetPerSubject() throws IOException {
        try (XSSFWorkbook workbook = open(ReportFixtures.month(), Locale.SIMPLIFIED_CHINESE)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(0)).isEqualTo("汇总");
            assertThat(workbook.getSheetName(1)).isEqualTo("B01");
            assertThat(workbook.getSheetName(2)).isEqualTo("S01");

            Sheet summary = workbook.getSheet("汇总");
            assertThat(texts(summary.getRow(find(summary, "考核周期")))).containsExactly("考核周期", "2026-01 (月度)");
            assertThat(texts(summary.getRow(find(summary, "计算时点")))).contains("2026-02-05T00:00:00+08:00");
            assertThat(texts(summary.getRow(find(summary, "考核方案版本")))).contains("default");
            int warnings = find(summary, "警告");
            assertThat(texts(summary.getRow(warnings + 1))).contains("case C2026010009: completed before submitted");

            int header = find(summary, "排名");
            assertThat(texts(summary.getRow(header)))
                    .containsExactly("排名", "同类排名", "代码", "名称", "类别", "总分", "等级");
            Row first = summary.getRow(header + 1);
            Row second = summary.getRow(header + 2);
            assertThat(texts(first)).containsExactly("1", "1", "S01", "王管家", "片区管家", "91.33", "优秀");
            assertThat(texts(second))
                    .containsExactly("2", "1", "B01", ReportFixtures.HOSTILE_NAME, "区域分公司", "84.50", "良好");
            assertThat(first.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(5).getNumericCellValue()).isEqualTo(91.33);
            assertThat(first.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.00");

            Sheet branch = workbook.getSheet("B01");
            int items = find(branch, "编号");
            assertThat(texts(branch.getRow(items)))
                    .startsWith("编号", "指标", "得分", "满分", "加分上限", "比率", "指数");
            assertThat(texts(branch.getRow(items + 2))).startsWith("1.2", "台账管理", "6.50", "7.00", "0.00");
            assertThat(texts(branch.getRow(items + 7))).startsWith("2.3", "解决率", "10.00", "10.00", "3.00", "0.96");
            assertThat(texts(branch.getRow(items + 13))).startsWith("4.2", "其他重点工作");

            int entries = items + 16;
            assertThat(texts(branch.getRow(entries - 1))).containsExactly("扣分与加分明细");
            assertThat(texts(branch.getRow(entries)))
                    .containsExactly("编号", "指标", "类型", "规则", "分值", "工单/记录", "原因");
            assertThat(texts(branch.getRow(entries + 1)))
                    .containsExactly("1.2", "台账管理", "扣分", "ledger.missing-field", "0.50", "C2026010003",
                            "contacted_at is empty");
            assertThat(texts(branch.getRow(entries + 2)))
                    .containsExactly("2.3", "解决率", "加分", "resolution.bonus", "2.00", "B01", "rate 96 % ≥ 95 %");

            Sheet steward = workbook.getSheet("S01");
            int stewardItems = find(steward, "编号");
            assertThat(texts(steward.getRow(stewardItems + 8))).startsWith("3.3"); // 8 items
            assertThat(texts(steward.getRow(stewardItems + 7)))
                    .containsExactly("3.2", "评价结果", "15.00", "15.00", "0.00", "", "87.50", "评价渠道构成=PHONE 0.7");
            int stewardEntries = find(steward, "扣分与加分明细") + 1;
            Row rounded = steward.getRow(stewardEntries + 2);
            assertThat(texts(rounded)).contains("1.01", "<b>late</b> & \"quoted\"");
            assertThat(rounded.getCell(4).getNumericCellValue()).isEqualTo(1.01);
        }
    }

    @Test
    void englishHeadersWithLocaleEnglish() throws IOException {
        try (XSSFWorkbook workbook = open(ReportFixtures.month(), Locale.ENGLISH)) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Summary");
            Sheet summary = workbook.getSheetAt(0);
            assertThat(texts(summary.getRow(find(summary, "Period")))).containsExactly("Period", "2026-01 (month)");
            assertThat(texts(summary.getRow(find(summary, "Rank"))))
                    .containsExactly("Rank", "Rank in kind", "Code", "Name", "Kind", "Total", "Grade");
            assertThat(texts(summary.getRow(find(summary, "Rank") + 1)))
                    .containsExactly("1", "1", "S01", "王管家", "Area steward", "91.33", "Excellent");
            Sheet branch = workbook.getSheet("B01");
            int entries = find(branch, "Deductions and bonuses") + 1;
            assertThat(texts(branch.getRow(entries)))
                    .containsExactly("No.", "Item", "Type", "Rule", "Points", "Case / record", "Reason");
            assertThat(texts(branch.getRow(entries + 1))).startsWith("1.2", "Ledger management", "Deduction");
        }
    }

    @Test
    void aYearShowsTheAnnualFiguresAndRanksByTheFinalScore() throws IOException {
        try (XSSFWorkbook workbook = open(ReportFixtures.year(), Locale.CHINA)) {
            Sheet summary = workbook.getSheet("汇总");
            int header = find(summary, "排名");
            assertThat(texts(summary.getRow(header))).containsExactly("排名", "同类排名", "代码", "名称", "类别",
                    "总分", "等级", "月度均分", "季度均分", "年度得分", "年度综合");
            assertThat(texts(summary.getRow(header + 1)))
                    .containsExactly("1", "1", "S01", "王管家", "片区管家", "90.00", "优秀", "92.13", "93.00", "90.00",
                            "91.75");
            assertThat(texts(summary.getRow(header + 2))).startsWith("2", "1", "B01")
                    .endsWith("88.10", "87.90", "95.00", "87.41");

            Sheet branch = workbook.getSheet("B01");
            int annual = find(branch, "月度均分");
            assertThat(texts(branch.getRow(annual + 1))).containsExactly("88.10", "87.90", "95.00", "87.41");
            int months = find(branch, "各月总分");
            assertThat(texts(branch.getRow(months))).hasSize(13).contains("2026-01", "2026-12");
            assertThat(texts(branch.getRow(months + 1))).hasSize(13).contains("88.00");
            assertThat(texts(branch.getRow(find(branch, "各季度总分")))).contains("2026-Q4");
        }
    }

    @Test
    void sheetNamesAreSafeAndUnique() throws IOException {
        AssessmentResult month = ReportFixtures.month();
        SubjectResult b = month.subjects().get(0);
        List<SubjectResult> subjects = new ArrayList<>();
        for (String code : List.of("a/b:c*?", "A/B:C*?", "汇总", "X".repeat(40), "X".repeat(40), "")) {
            subjects.add(new SubjectResult(code, b.name(), b.kind(), b.total(), b.grade(), b.items(), null,
                    List.of(), List.of()));
        }
        AssessmentResult result = new AssessmentResult(month.period(), month.asOf(), month.scheme(), List.of(),
                subjects);
        try (XSSFWorkbook workbook = open(result, null)) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(workbook.getSheetName(i));
            }
            assertThat(names).hasSize(7).doesNotHaveDuplicates().allMatch(n -> n.length() <= 31 && !n.isEmpty());
            assertThat(names.get(0)).isEqualTo("汇总");
            assertThat(names.get(1)).isEqualTo("a_b_c__");
            assertThat(names.get(2)).isEqualTo("A_B_C__~2");
            assertThat(names.get(3)).isEqualTo("汇总~2");
            assertThat(names.get(4)).isEqualTo("X".repeat(31));
            assertThat(names.get(5)).isEqualTo("X".repeat(29) + "~2");
        }
    }

    @Test
    void aSheetStopsAtTheRowLimitWithANote() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReport.write(ReportFixtures.manyDeductions(100), out, Locale.ENGLISH, 50);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheet("T01");
            assertThat(sheet.getLastRowNum()).isEqualTo(49);
            String note = sheet.getRow(49).getCell(0).getStringCellValue();
            assertThat(note).startsWith("This sheet reached Excel's row limit;").contains("more rows were not written");
            assertThat(texts(sheet.getRow(48))).contains("ledger.late-record");
        }
    }
}
