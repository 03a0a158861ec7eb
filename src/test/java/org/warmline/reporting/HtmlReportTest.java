package org.warmline.reporting;

import java.io.StringWriter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.warmline.assessment.AssessmentResult;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static String html(AssessmentResult result, Locale locale) {
        StringWriter out = new StringWriter();
        HtmlReport.write(result, out, locale);
        return out.toString();
    }

    @Test
    void chinesePageIsSelfContainedAndEscaped() {
        String html = html(ReportFixtures.month(), Locale.SIMPLIFIED_CHINESE);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">", "<meta charset=\"utf-8\">",
                "<style>", "<svg", "</svg>", "<details", "</html>");
        assertThat(html).contains("城东&lt;script&gt;alert(1)&lt;/script&gt; &amp; 分公司")
                .doesNotContain("<script", "alert(1)</script>")
                .contains("&lt;b&gt;late&lt;/b&gt; &amp; &quot;quoted&quot;").doesNotContain("<b>late</b>");

        // nothing outside the file: no http(s) or protocol-relative reference, no src or link at all
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)")
                .doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)\\ssrc\\s*=")
                .doesNotContainPattern("(?i)<link\\b").doesNotContainPattern("(?i)@import|url\\(");

        assertThat(html).contains("暖线考核报告", "2026-01 (月度)", "2026-02-05T00:00:00+08:00", "default",
                "case C2026010009: completed before submitted", "year 2027 has no holiday schedule");
        assertThat(html).contains("排名", "同类排名", "区域分公司", "片区管家", "台账管理", "扣分与加分明细",
                "ledger.missing-field", "C2026010003", "contacted_at is empty", "resolution.bonus");
        assertThat(html).contains("比率 0.96", "指数 87.5", "评价渠道构成 PHONE 0.7");
        // the points of an entry are shown rounded half-up
        assertThat(html).contains("<td class=\"num\">1.01</td>").contains("<td class=\"num\">84.50</td>");
    }

    @Test
    void theChartAndTheRankingAreSortedByScore() {
        String html = html(ReportFixtures.month(), Locale.CHINA);
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertThat(svg.indexOf("S01 王管家")).isPositive().isLessThan(svg.indexOf("B01 城东"));
        assertThat(svg).contains("fill=\"" + ReportSupport.gradeColour("优秀") + "\"",
                "fill=\"" + ReportSupport.gradeColour("良好") + "\"").contains("91.33", "84.50");
        assertThat(countMatches(svg, "<rect ")).isEqualTo(2);

        String ranking = html.substring(html.indexOf("id=\"ranking\""), html.indexOf("id=\"subjects\""));
        assertThat(ranking.indexOf(">S01<")).isPositive().isLessThan(ranking.indexOf(">B01<"));
    }

    @Test
    void englishLabelsWithLocaleEnglish() {
        String html = html(ReportFixtures.month(), Locale.ENGLISH);
        assertThat(html).contains("<html lang=\"en\">", "Warmline assessment report", "2026-01 (month)", "As of",
                "Scheme version", "Warnings", "Ranking", "Rank in kind", "Regional branch", "Area steward",
                "Ledger management", "Deductions and bonuses", "Deduction", "Bonus", "Excellent", "Good");
        String withoutResultData = html.replace("王管家", "").replace("分公司", "").replace("城东", "");
        assertThat(withoutResultData).doesNotContainPattern("[\\u4e00-\\u9fff]");
    }

    @Test
    void aYearShowsTheAnnualFigures() {
        String html = html(ReportFixtures.year(), Locale.SIMPLIFIED_CHINESE);
        assertThat(html).contains("年度综合", "月度均分", "季度均分", "年度得分", "各月总分", "各季度总分");
        assertThat(html).contains("<td class=\"num\">87.41</td>", "<td class=\"num\">88.10</td>",
                "<td class=\"num\">92.13</td>", "<td class=\"num\">91.75</td>", "2026-Q4", "2026-12");
        String en = html(ReportFixtures.year(), Locale.ENGLISH);
        assertThat(html).contains("各考核对象年度综合得分", "总分 95.00 · 年度综合 87.41");
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertThat(svg.indexOf("S01 王管家")).isLessThan(svg.indexOf("B01 城东")); // by final, not by year total
        assertThat(svg).contains(">91.75<", ">87.41<");
        assertThat(en).contains("Monthly mean", "Quarterly mean", "Year total", "Final", "Ranked by the annual");
    }

    @Test
    void largeResultsStayBounded() {
        String html = html(ReportFixtures.manyDeductions(2_000), Locale.ENGLISH);
        assertThat(countMatches(html, "ledger.late-record")).isEqualTo(HtmlReport.ENTRIES_PER_ITEM);
        assertThat(html).contains("… and 1500 more (see the XLSX or JSON)");

        StringWriter out = new StringWriter();
        HtmlReport.write(ReportFixtures.manyDeductions(50), out, Locale.CHINESE, 10, 5);
        assertThat(countMatches(out.toString(), "ledger.late-record")).isEqualTo(5);
        assertThat(out.toString()).contains("另有 45 条");
    }

    @Test
    void escapesEverySpecialCharacter() {
        assertThat(HtmlReport.escape("<a href='x'>\"&\"</a>\u0000"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD");
        assertThat(HtmlReport.escape(null)).isEmpty();
        assertThat(HtmlReport.escape("😀 ok")).isEqualTo("😀 ok");
    }

    private static int countMatches(String text, String literal) {
        Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
