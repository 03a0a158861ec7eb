package org.warmline.assessing;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.ledger.Adjustment;
import org.warmline.records.ManualRecords;
import org.warmline.security.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A published period's result workbook is its frozen result (the live one on request), and the trend chart takes a
 * published month's frozen totals and keeps an unpublished month's live totals for the cache time.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:assessing-frozen;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class FrozenExportAndTrendTest extends AssessingFixture {

    private static final Instant AS_OF = Instant.parse("2026-04-01T00:00:00Z");
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired
    Publications publications;
    @Autowired
    LiveAssessment live;
    @Autowired
    ManualRecords records;

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static BigDecimal total(ResultDocument result, String code) {
        return TrendMonths.plain(ResultDocument.decimal(result.subject(code).orElseThrow().get("total")));
    }

    private BigDecimal liveTotal(Period period, Instant asOf, String code) {
        AssessmentResult result = live.assess(period, asOf, ZH);
        return TrendMonths.plain(result.subjects().stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow().total());
    }

    private static BigDecimal total(TrendMonths.MonthTotals month, String code) {
        return month.subjects().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow().total();
    }

    private void adjust(String subject, String period, String reason) {
        records.addAdjustment(new Adjustment(subject, period, "keywork.other", new BigDecimal("-2"), reason, "考核办",
                0), "test", Instant.now());
    }

    /** The summary sheet of the result workbook a GET gives. */
    private Sheet export(MockHttpServletRequestBuilder request, Account as) throws Exception {
        byte[] xlsx = mvc.perform(request.with(user(as.username()).roles(as.role().name())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            return book.getSheetAt(0);
        }
    }

    private static List<String> texts(Sheet sheet) {
        List<String> texts = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING) {
                    texts.add(cell.getStringCellValue());
                }
            }
        }
        return texts;
    }

    /** The value next to a label in the summary's first column. */
    private static String value(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return row.getCell(1).getStringCellValue();
            }
        }
        throw new AssertionError("no " + label);
    }

    /** A subject's total in the summary's ranking (code in column C, total in column F). */
    private static Optional<BigDecimal> ranked(Sheet sheet, String code) {
        for (Row row : sheet) {
            Cell cell = row.getCell(2);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(code)) {
                return Optional.of(TrendMonths.plain(BigDecimal.valueOf(row.getCell(5).getNumericCellValue())));
            }
        }
        return Optional.empty();
    }

    @Test
    void aPublishedPeriodExportsItsFrozenResultAndTheLiveOneOnRequest() throws Exception {
        Account assessor = account(Caller.ASSESSOR);
        Period period = live.period("2026-01");
        Publication published = publications.publish(period, AS_OF, assessor, Instant.now());
        ResultDocument frozen = ResultDocument.parse(published.resultZh());
        BigDecimal frozenTotal = total(frozen, "B02S1");
        adjust("B02S1", "2026-01", "导出测试");
        BigDecimal liveTotal = liveTotal(period, Instant.now(), "B02S1");
        assertThat(liveTotal).isNotEqualByComparingTo(frozenTotal);

        mvc.perform(get("/assessments/2026-01/result.xlsx").with(user(assessor.username()).roles("ASSESSOR")))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"warmline-2026-01-v1.xlsx\""));
        Sheet summary = export(get("/assessments/2026-01/result.xlsx"), assessor);
        assertThat(ranked(summary, "B02S1")).contains(frozenTotal);
        assertThat(value(summary, "结果来源")).startsWith("已发布结果 第 1 版")
                .contains(assessor.username());
        assertThat(texts(summary)).contains(frozen.asOf(), "default").doesNotContain("导出测试");
        assertThat(frozen.asOf()).isEqualTo("2026-04-01T08:00:00+08:00");

        Sheet english = export(get("/assessments/2026-01/result.xlsx").param("lang", "en"), assessor);
        assertThat(value(english, "Result")).startsWith("published version 1 (published ");
        assertThat(ranked(english, "B02S1")).contains(frozenTotal);

        Sheet liveSheet = export(get("/assessments/2026-01/result.xlsx").param("live", "true"), assessor);
        assertThat(ranked(liveSheet, "B02S1")).contains(liveTotal);
        assertThat(value(liveSheet, "结果来源")).isEqualTo("实时结果(导出时计算)");

        // a manager gets the frozen result of their subtree only
        Sheet manager = export(get("/assessments/2026-01/result.xlsx"), account(Caller.MANAGER_B01));
        assertThat(ranked(manager, "B01S1")).contains(total(frozen, "B01S1"));
        assertThat(ranked(manager, "B02S1")).isEmpty();

        // an unpublished period is the live result
        Sheet unpublished = export(get("/assessments/2026-Q1/result.xlsx"), assessor);
        assertThat(value(unpublished, "结果来源")).isEqualTo("实时结果(导出时计算)");
        assertThat(ranked(unpublished, "B02S1"))
                .contains(liveTotal(live.period("2026-Q1"), Instant.now(), "B02S1"));
    }

    @Test
    void aFrozenJsonReadBackIsTheSameResult() {
        for (String label : List.of("2026-01", "2026-Q1", "2026")) {
            Period period = live.period(label);
            for (Locale locale : List.of(ZH, Locale.ENGLISH)) {
                byte[] json = LiveAssessment.json(live.assess(period, AS_OF, locale));
                AssessmentResult back = ResultDocument.parse(json).toResult(period);
                assertThat(new String(LiveAssessment.json(back), StandardCharsets.UTF_8))
                        .as(label + " " + locale).isEqualTo(new String(json, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void theTrendTakesPublishedMonthsFrozenAndKeepsLiveMonthsForAWhile() throws Exception {
        Period feb = live.period("2026-02");
        Period mar = live.period("2026-03");
        Period year = live.period("2026");
        Publication published = publications.publish(feb, AS_OF, account(Caller.ASSESSOR), Instant.now());
        BigDecimal frozenFeb = total(ResultDocument.parse(published.resultZh()), "B01S1");
        adjust("B01S1", "2026-02", "趋势测试");

        MovingClock clock = new MovingClock(AS_OF);
        TrendMonths trend = new TrendMonths(live, publications, clock, Duration.ofSeconds(60));
        assertThat(liveTotal(feb, clock.instant(), "B01S1")).isNotEqualByComparingTo(frozenFeb);

        List<TrendMonths.MonthTotals> first = trend.year(year, ZH);
        assertThat(first).extracting(TrendMonths.MonthTotals::month).hasSize(12).startsWith("2026-01", "2026-02");
        int unpublished = (int) first.stream().filter(m -> m.publishedVersion() == null).count();
        assertThat(unpublished).isBetween(10, 11); // 2026-01 too, if the export test ran first
        assertThat(trend.liveRuns()).isEqualTo(unpublished);
        assertThat(first.get(1).publishedVersion()).isEqualTo(published.version());
        assertThat(total(first.get(1), "B01S1")).isEqualByComparingTo(frozenFeb);
        assertThat(first.get(2).publishedVersion()).isNull();
        BigDecimal marchBefore = liveTotal(mar, clock.instant(), "B01S1");
        assertThat(total(first.get(2), "B01S1")).isEqualByComparingTo(marchBefore);

        // within the cache time: nothing assessed again, the same totals
        clock.advance(Duration.ofSeconds(30));
        List<TrendMonths.MonthTotals> again = trend.year(year, ZH);
        assertThat(trend.liveRuns()).isEqualTo(unpublished);
        assertThat(again.get(2)).isSameAs(first.get(2));
        // another language is another entry
        trend.year(year, Locale.ENGLISH);
        assertThat(trend.liveRuns()).isEqualTo(2 * unpublished);

        // a change of the desk's data shows in a live month once the entry has expired
        adjust("B01S1", "2026-03", "趋势测试");
        assertThat(total(trend.year(year, ZH).get(2), "B01S1")).isEqualByComparingTo(marchBefore);
        clock.advance(Duration.ofSeconds(31));
        List<TrendMonths.MonthTotals> later = trend.year(year, ZH);
        assertThat(trend.liveRuns()).isEqualTo(3 * unpublished);
        BigDecimal marchAfter = liveTotal(mar, clock.instant(), "B01S1");
        assertThat(marchAfter).isNotEqualByComparingTo(marchBefore);
        assertThat(total(later.get(2), "B01S1")).isEqualByComparingTo(marchAfter);
        assertThat(total(later.get(1), "B01S1")).isEqualByComparingTo(frozenFeb);

        // the chart's data through the page: the frozen February, its version, the live March
        String body = mvc.perform(get("/assessments/trend").param("year", "2026").param("subject", "B01S1")
                        .with(user(account(Caller.ASSESSOR).username()).roles("ASSESSOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Map<String, Object> chart = ResultDocument.parse(body).root();
        assertThat(((List<?>) chart.get("published")).get(1)).isEqualTo(published.version());
        assertThat(((List<?>) chart.get("published")).get(2)).isNull();
        List<?> series = (List<?>) chart.get("series");
        assertThat(series).hasSize(1);
        List<?> data = (List<?>) ((Map<?, ?>) series.get(0)).get("data");
        assertThat(ResultDocument.decimal(data.get(1))).isEqualByComparingTo(frozenFeb);
        assertThat(ResultDocument.decimal(data.get(2))).isEqualByComparingTo(liveTotal(mar, Instant.now(), "B01S1"));
    }
}
