package org.warmline.assessing;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.administration.Schemes;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.security.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The what-if pages on the example ledger: a version uploaded on the administration page is compared with the version
 * in force on a past period by the office (ASSESSOR, ADMIN; others 403), on the page and as a workbook whose texts a
 * spreadsheet never takes for formulas; a period that cannot be read or has not begun is 400 and an unknown version
 * 404, said in the user's language.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:assessing-what-if;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class WhatIfPagesTest extends AssessingFixture {

    private static final String VERSION = "strict-pages";
    /** A staff name a spreadsheet would run as a formula if it were not marked as text. */
    private static final String FORMULA_NAME = "=HYPERLINK(\"http://example.com\",\"x\")";

    @Autowired
    SchemeWhatIf whatIf;
    @Autowired
    LiveAssessment live;

    private static RequestPostProcessor as(Account account) {
        return user(account.username()).roles(account.role().name());
    }

    @BeforeEach
    void versionAndAFormulaLikeName() throws Exception {
        if (organization.staffMember("ZZ001").isEmpty()) {
            organization.saveAll(List.of(), List.of(new Staff("ZZ001", FORMULA_NAME, Post.AGENT, "HQ")));
            mvc.perform(multipart("/admin/schemes").file(new MockMultipartFile("file", "strict.yaml",
                            "application/yaml", Schemes.version(VERSION, "PT10M")))
                            .with(as(account(Caller.ADMIN))).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/schemes/" + VERSION));
        }
    }

    @Test
    void theOfficeComparesAPastPeriodAndOthersMayNot() throws Exception {
        // the form proposes the uploaded version and last month; the schemes page links to it
        mvc.perform(get("/assessments/what-if").with(as(account(Caller.ASSESSOR)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("方案试算"),
                        containsString("<option value=\"" + VERSION + "\" selected=\"selected\""),
                        containsString("value=\"" + YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1) + "\""),
                        not(containsString("id=\"what-if-summary\"")))));
        mvc.perform(get("/admin/schemes").with(as(account(Caller.ADMIN))))
                .andExpect(content().string(containsString("/assessments/what-if?version=" + VERSION)));
        mvc.perform(get("/assessments").param("period", "2026-01").with(as(account(Caller.ASSESSOR))))
                .andExpect(content().string(containsString("id=\"what-if-link\"")));

        SchemeWhatIf.Comparison expected = whatIf.compare(VERSION, live.period("2026-01"), Instant.now(),
                Locale.SIMPLIFIED_CHINESE);
        SchemeWhatIf.SubjectChange first = expected.changed().get(0);
        SchemeWhatIf.EntryChange entry = first.items().get(0).entries().get(0);
        String points = switch (entry.change()) {
            case APPEARS -> "扣 " + entry.after().stripTrailingZeros().toPlainString() + " 分";
            case DISAPPEARS -> "原扣 " + entry.before().stripTrailingZeros().toPlainString() + " 分";
            case CHANGES -> "扣 " + entry.before().stripTrailingZeros().toPlainString() + " → "
                    + entry.after().stripTrailingZeros().toPlainString() + " 分";
        };
        for (Caller office : List.of(Caller.ASSESSOR, Caller.ADMIN)) {
            mvc.perform(get("/assessments/what-if").param("version", VERSION).param("period", "2026-01")
                            .with(as(account(office))))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(
                            containsString("期间 2026-01:在用版本 default 与试算版本 " + VERSION + " 的对比"),
                            containsString(expected.changed().size() + " 个考核对象(共 " + expected.subjects().size()
                                    + " 个)的得分或扣分有变化,共 " + expected.entryChanges() + " 条扣分或加分不同"),
                            containsString("id=\"what-if-subject-" + first.code() + "\""),
                            containsString("id=\"what-if-" + first.code() + "-handling.response\""),
                            containsString("href=\"/cases/" + entry.ref() + "\""),
                            containsString("新增扣分"), containsString(points),
                            containsString("/assessments/what-if.xlsx?version=" + VERSION + "&amp;period=2026-01"))));
        }
        mvc.perform(get("/assessments/what-if").param("version", VERSION).param("period", "2026-01")
                        .param("lang", "en").with(as(account(Caller.ASSESSOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Period 2026-01: the version in force, default, compared "
                        + "with version " + VERSION)));
        for (Caller other : List.of(Caller.MANAGER_B01, Caller.AGENT, Caller.HANDLER)) {
            mvc.perform(get("/assessments/what-if").param("version", VERSION).param("period", "2026-01")
                    .with(as(account(other)))).andExpect(status().isForbidden());
            mvc.perform(get("/assessments/what-if.xlsx").param("version", VERSION).param("period", "2026-01")
                    .with(as(account(other)))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/assessments/what-if")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void badPeriodsAndUnknownVersionsAreSaidInTheUsersLanguage() throws Exception {
        RequestPostProcessor assessor = as(account(Caller.ASSESSOR));
        mvc.perform(get("/assessments/what-if").param("version", VERSION).param("period", "2026-13").with(assessor))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"what-if-error\""),
                        containsString("期间:无法识别“2026-13”,应为 2026-01、2026-Q1 或 2026"),
                        not(containsString("id=\"what-if-summary\"")))));
        mvc.perform(get("/assessments/what-if").param("version", VERSION).param("period", "2026-13")
                        .param("lang", "en").with(assessor))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("period: cannot read &quot;2026-13&quot;; use 2026-01, 2026-Q1 "
                        + "or 2026")));
        String coming = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(2).toString();
        mvc.perform(get("/assessments/what-if").param("version", VERSION).param("period", coming).with(assessor))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("期间 " + coming + " 尚未开始,没有可试算的数据")));
        mvc.perform(get("/assessments/what-if").param("version", "no-such").param("period", "2026-01")
                        .with(assessor))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("没有方案版本“no-such”,请从列表中选择。")));
        mvc.perform(get("/assessments/what-if").param("version", "no-such").param("period", "2026-01")
                        .param("lang", "en").with(assessor))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no scheme version &quot;no-such&quot;")));
        mvc.perform(get("/assessments/what-if.xlsx").param("version", VERSION).param("period", "Q5").with(assessor))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("无法识别“Q5”")));
        mvc.perform(get("/assessments/what-if.xlsx").param("version", "no-such").param("period", "2026-01")
                        .with(assessor))
                .andExpect(status().isNotFound());
    }

    @Test
    void theWorkbookHoldsEveryDifferenceAndNoFormula() throws Exception {
        byte[] xlsx = mvc.perform(get("/assessments/what-if.xlsx").param("version", VERSION)
                        .param("period", "2026-Q1").with(as(account(Caller.ASSESSOR))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", AssessmentApi.XLSX.toString()))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"warmline-what-if-2026-Q1-" + VERSION + ".xlsx\""))
                .andReturn().getResponse().getContentAsByteArray();
        SchemeWhatIf.Comparison expected = whatIf.compare(VERSION, live.period("2026-Q1"), Instant.now(),
                Locale.SIMPLIFIED_CHINESE);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2)))
                    .containsExactly("汇总", "分项变化", "扣分加分差异");
            Sheet summary = book.getSheetAt(0);
            assertThat(summary.getRow(1).getCell(1).getStringCellValue()).isEqualTo("default");
            assertThat(summary.getRow(2).getCell(1).getStringCellValue()).isEqualTo(VERSION);
            assertThat(summary.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(expected.changed().size());
            assertThat(summary.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(expected.entryChanges());
            // a header row after a blank one, then every subject
            assertThat(summary.getLastRowNum()).isEqualTo(7 + expected.subjects().size());
            Row formulaRow = null;
            for (Row row : summary) {
                Cell name = row.getCell(1);
                if (name != null && name.getCellType() == CellType.STRING
                        && FORMULA_NAME.equals(name.getStringCellValue())) {
                    formulaRow = row;
                }
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
            }
            assertThat(formulaRow).as("the subject named like a formula").isNotNull();
            assertThat(formulaRow.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(formulaRow.getCell(0).getCellStyle().getQuotePrefixed()).isFalse();

            Sheet entries = book.getSheetAt(2);
            assertThat(entries.getLastRowNum()).isEqualTo(expected.entryChanges());
            SchemeWhatIf.SubjectChange first = expected.changed().get(0);
            SchemeWhatIf.EntryChange entry = first.items().get(0).entries().get(0);
            Row one = entries.getRow(1);
            assertThat(one.getCell(0).getStringCellValue()).isEqualTo(first.code());
            assertThat(one.getCell(2).getStringCellValue()).isEqualTo("2.1 响应时效");
            assertThat(one.getCell(4).getStringCellValue()).isEqualTo(entry.ref());
            assertThat(one.getCell(5).getStringCellValue()).isEqualTo(entry.rule());
            if (entry.after() != null) {
                assertThat(one.getCell(7).getNumericCellValue()).isEqualTo(entry.after().doubleValue());
            }
            Sheet items = book.getSheetAt(1);
            assertThat(items.getLastRowNum()).isEqualTo(expected.changed().stream()
                    .mapToInt(s -> s.items().size()).sum());
        }
    }
}
