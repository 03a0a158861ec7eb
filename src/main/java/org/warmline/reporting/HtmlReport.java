package org.warmline.reporting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.warmline.assessment.AnnualFigures;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.scheme.ItemCode;

/**
 * The assessment result as one self-contained HTML page, readable offline: no external style sheet, script, font or
 * image (an inline {@code <style>}, the bar chart as inline SVG, no JavaScript). It shows the period, as_of, scheme
 * version and warnings, a bar chart of every subject's total (highest first, coloured by grade), the ranking, and per
 * subject a collapsible section with its item scores and their deductions and bonuses. All text from the result is
 * escaped. To keep the page bounded, at most {@value #ENTRIES_PER_ITEM} entries are listed per item (and at most
 * {@value #ENTRIES_PER_PAGE} in all, {@value #WARNINGS_PER_PAGE} warnings); the rest are counted, with a pointer to
 * the XLSX or JSON result.
 */
public final class HtmlReport {

    static final int ENTRIES_PER_ITEM = 500;
    static final int ENTRIES_PER_PAGE = 50_000;
    static final int WARNINGS_PER_PAGE = 1_000;

    private static final int LABEL_CHARS = 24;

    private HtmlReport() {
    }

    /**
     * Writes the page to {@code out}, which is flushed but not closed.
     *
     * @param locale English when its language is {@code en}; Chinese otherwise (and when {@code null})
     * @throws UncheckedIOException when writing fails
     */
    public static void write(AssessmentResult result, Writer out, Locale locale) {
        write(result, out, locale, ENTRIES_PER_ITEM, ENTRIES_PER_PAGE);
    }

    /** As {@link #write(AssessmentResult, Writer, Locale)} with other bounds (for tests). */
    static void write(AssessmentResult result, Writer out, Locale locale, int entriesPerItem, int entriesPerPage) {
        try {
            BufferedWriter buffered = new BufferedWriter(out, 1 << 16);
            new Page(buffered, ReportMessages.of(locale), entriesPerItem, entriesPerPage).write(result);
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text escaped for HTML and XML content and attribute values; characters not allowed there become U+FFFD. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                        || (Character.isSurrogate(c) && !pairedSurrogate(text, i)) ? "\uFFFD" : null;
            };
            if (replacement != null) {
                if (escaped == null) {
                    escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                escaped.append(replacement);
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static final String STYLE = """
            body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;\
            margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.3em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.meta dt{font-weight:bold}\
            dl.meta dd{margin:0}
            table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}\
            th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}th{background:#f0f0f0;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .warnings li{color:#8a4b00}.note{color:#666;font-style:italic}
            details{margin:.4em 0}details>summary{cursor:pointer;font-weight:bold}\
            details.subject{border:1px solid #ddd;border-radius:4px;padding:.4em .8em}\
            details.entries>summary{font-weight:normal}
            .grade{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-size:.9em}
            .legend span{margin-right:1em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;\
            vertical-align:middle}
            svg.chart{max-width:100%;height:auto}svg.chart text{font-size:12px;fill:#222}\
            svg.chart line{stroke:#ddd}
            @media print{details{display:block}}
            """;

    private static final class Page {
        private final Writer out;
        private final ReportMessages messages;
        private final int entriesPerItem;
        private int entriesLeft;

        Page(Writer out, ReportMessages messages, int entriesPerItem, int entriesPerPage) {
            this.out = out;
            this.messages = messages;
            this.entriesPerItem = entriesPerItem;
            this.entriesLeft = entriesPerPage;
        }

        void write(AssessmentResult result) throws IOException {
            List<ReportSupport.Ranked> ranking = ReportSupport.rank(result);
            boolean year = ReportSupport.isYear(result);
            String title = messages.get("report.title") + " · "
                    + (result.period() == null ? "" : result.period().label());

            out.write("<!DOCTYPE html>\n<html lang=\"" + messages.htmlLang() + "\">\n<head>\n<meta charset=\"utf-8\">\n");
            out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            out.write("<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n");

            out.write("<header>\n<h1>" + escape(title) + "</h1>\n<dl class=\"meta\">\n");
            meta("label.period", ReportSupport.period(result, messages));
            meta("label.asOf", ReportSupport.asOf(result));
            meta("label.scheme", result.scheme());
            meta("label.subjects", Integer.toString(ranking.size()));
            out.write("</dl>\n</header>\n");

            warnings(result.warnings());
            chart(ranking, year);
            ranking(ranking, year);

            out.write("<section id=\"subjects\">\n<h2>" + label("section.subjects") + "</h2>\n");
            List<SubjectResult> subjects = result.subjects() == null ? List.of() : result.subjects();
            for (int i = 0; i < subjects.size(); i++) {
                subject(subjects.get(i), i);
            }
            out.write("</section>\n</body>\n</html>\n");
        }

        private void meta(String key, String value) throws IOException {
            out.write("<dt>" + label(key) + "</dt><dd>" + escape(value) + "</dd>\n");
        }

        private void warnings(List<String> warnings) throws IOException {
            List<String> list = warnings == null ? List.of() : warnings;
            out.write("<section id=\"warnings\" class=\"warnings\">\n<h2>" + label("label.warnings") + " ("
                    + list.size() + ")</h2>\n");
            if (list.isEmpty()) {
                out.write("<p>" + label("label.noWarnings") + "</p>\n");
            } else {
                out.write("<ul>\n");
                int shown = Math.min(list.size(), WARNINGS_PER_PAGE);
                for (int i = 0; i < shown; i++) {
                    out.write("<li>" + escape(list.get(i)) + "</li>\n");
                }
                out.write("</ul>\n");
                if (list.size() > shown) {
                    out.write("<p class=\"note\">" + escape(messages.get("note.moreWarnings", list.size() - shown))
                            + "</p>\n");
                }
            }
            out.write("</section>\n");
        }

        private void chart(List<ReportSupport.Ranked> ranking, boolean year) throws IOException {
            String caption = label(year ? "chart.caption.year" : "chart.caption");
            out.write("<section id=\"chart\">\n<h2>" + label("section.chart") + "</h2>\n<p>" + caption + "</p>\n");
            out.write("<p class=\"legend\">" + label("chart.legend") + ": ");
            for (String key : ReportSupport.GRADE_KEYS) {
                out.write("<span><i style=\"background:" + ReportSupport.gradeColour(key) + "\"></i>"
                        + label("grade." + key) + "</span>");
            }
            out.write("</p>\n");

            BigDecimal top = BigDecimal.valueOf(100);
            for (ReportSupport.Ranked ranked : ranking) {
                if (ranked.score() != null && ranked.score().compareTo(top) > 0) {
                    top = ranked.score();
                }
            }
            double scale = Math.ceil(top.doubleValue() / 20) * 20;
            int labelWidth = 230;
            int barWidth = 600;
            int rowHeight = 20;
            int axis = 20;
            int width = labelWidth + barWidth + 70;
            int height = axis + ranking.size() * rowHeight + 10;
            out.write("<svg class=\"chart\" role=\"img\" width=\"" + width
                    + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">\n");
            out.write("<title>" + caption + "</title>\n");
            for (int tick = 0; tick <= scale; tick += 20) {
                double x = labelWidth + barWidth * tick / scale;
                out.write(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"12\" "
                                + "text-anchor=\"middle\">%d</text>\n",
                        x, axis - 4, x, height - 5, x, tick));
            }
            int y = axis;
            for (ReportSupport.Ranked ranked : ranking) {
                SubjectResult subject = ranked.subject();
                String name = ReportSupport.nullToEmpty(subject.code()) + " " + shorten(subject.name());
                double value = ranked.score() == null ? 0 : Math.max(0, ranked.score().doubleValue());
                double w = barWidth * Math.min(value, scale) / scale;
                out.write(String.format(Locale.ROOT,
                        "<g><title>%s</title><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                                + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                                + "<text x=\"%.1f\" y=\"%d\">%s</text></g>\n",
                        escape(subject.code() + " " + ReportSupport.nullToEmpty(subject.name()) + ": "
                                + ReportSupport.number(ranked.score()) + " " + messages.grade(subject.grade())),
                        labelWidth - 6, y + 14, escape(name),
                        labelWidth, y + 3, w, rowHeight - 6, ReportSupport.gradeColour(subject.grade()),
                        labelWidth + w + 4, y + 14, escape(ReportSupport.number(ranked.score()))));
                y += rowHeight;
            }
            out.write("</svg>\n</section>\n");
        }

        private static String shorten(String name) {
            String text = ReportSupport.nullToEmpty(name);
            if (text.codePointCount(0, text.length()) <= LABEL_CHARS) {
                return text;
            }
            return text.substring(0, text.offsetByCodePoints(0, LABEL_CHARS - 1)) + "…";
        }

        private void ranking(List<ReportSupport.Ranked> ranking, boolean year) throws IOException {
            out.write("<section id=\"ranking\">\n<h2>" + label("section.ranking") + "</h2>\n");
            out.write("<p class=\"note\">" + label(year ? "note.rankingBasis.year" : "note.rankingBasis.period")
                    + "</p>\n");
            out.write("<table>\n<thead><tr>");
            String[] columns = year
                    ? new String[] {"col.rank", "col.kindRank", "col.code", "col.name", "col.kind", "col.total",
                        "col.grade", "col.monthlyMean", "col.quarterlyMean", "col.annualTotal", "col.final"}
                    : new String[] {"col.rank", "col.kindRank", "col.code", "col.name", "col.kind", "col.total",
                        "col.grade"};
            for (String column : columns) {
                out.write("<th>" + label(column) + "</th>");
            }
            out.write("</tr></thead>\n<tbody>\n");
            for (ReportSupport.Ranked ranked : ranking) {
                SubjectResult subject = ranked.subject();
                out.write("<tr><td class=\"num\">" + ranked.rank() + "</td><td class=\"num\">" + ranked.kindRank()
                        + "</td><td><a href=\"#s" + ranked.index() + "\">" + escape(subject.code()) + "</a></td><td>"
                        + escape(subject.name()) + "</td><td>" + escape(messages.kind(subject.kind())) + "</td>"
                        + num(subject.total()) + "<td>" + grade(subject.grade()) + "</td>");
                if (year) {
                    AnnualFigures annual = subject.annual();
                    if (annual == null) {
                        out.write("<td></td><td></td><td></td><td></td>");
                    } else {
                        out.write(num(annual.monthlyMean()) + num(annual.quarterlyMean())
                                + num(annual.annualTotal()) + num(annual.finalScore()));
                    }
                }
                out.write("</tr>\n");
            }
            out.write("</tbody>\n</table>\n</section>\n");
        }

        private void subject(SubjectResult subject, int index) throws IOException {
            out.write("<details class=\"subject\" id=\"s" + index + "\">\n<summary>" + escape(subject.code()) + " "
                    + escape(subject.name()) + " · " + escape(messages.kind(subject.kind())) + " · "
                    + label("col.total") + " " + escape(ReportSupport.number(subject.total()))
                    + (subject.annual() == null ? "" : " · " + label("col.final") + " "
                        + escape(ReportSupport.number(subject.annual().finalScore())))
                    + " " + grade(subject.grade()) + "</summary>\n");

            AnnualFigures annual = subject.annual();
            if (annual != null) {
                out.write("<table class=\"annual\"><thead><tr><th>" + label("col.monthlyMean") + "</th><th>"
                        + label("col.quarterlyMean") + "</th><th>" + label("col.annualTotal") + "</th><th>"
                        + label("col.final") + "</th></tr></thead><tbody><tr>" + num(annual.monthlyMean())
                        + num(annual.quarterlyMean()) + num(annual.annualTotal()) + num(annual.finalScore())
                        + "</tr></tbody></table>\n");
            }
            periodTotals("section.monthlyTotals", subject.monthlyTotals());
            periodTotals("section.quarterlyTotals", subject.quarterlyTotals());

            Map<ItemCode, ItemResult> items = subject.items() == null ? Map.of() : subject.items();
            out.write("<h3>" + label("section.items") + "</h3>\n<table class=\"items\"><thead><tr><th>"
                    + label("col.itemNo") + "</th><th>" + label("col.item") + "</th><th>" + label("col.score")
                    + "</th><th>" + label("col.max") + "</th><th>" + label("col.cap") + "</th><th>"
                    + label("col.figures") + "</th></tr></thead>\n<tbody>\n");
            for (Map.Entry<ItemCode, ItemResult> entry : items.entrySet()) {
                ItemResult item = entry.getValue();
                out.write("<tr><td>" + escape(entry.getKey().number()) + "</td><td>"
                        + escape(messages.item(entry.getKey())) + "</td>");
                if (item == null) {
                    out.write("<td></td><td></td><td></td><td></td></tr>\n");
                    continue;
                }
                out.write(num(item.score()) + num(item.max()) + num(item.cap()) + "<td>"
                        + escape(figures(item.figures())) + "</td></tr>\n");
            }
            out.write("</tbody></table>\n");

            out.write("<h3>" + label("section.entries") + "</h3>\n");
            boolean any = false;
            for (Map.Entry<ItemCode, ItemResult> entry : items.entrySet()) {
                ItemResult item = entry.getValue();
                if (item == null) {
                    continue;
                }
                int deductions = item.deductions() == null ? 0 : item.deductions().size();
                int bonuses = item.bonuses() == null ? 0 : item.bonuses().size();
                if (deductions + bonuses == 0) {
                    continue;
                }
                any = true;
                entries(entry.getKey(), item, deductions, bonuses);
            }
            if (!any) {
                out.write("<p class=\"note\">" + label("entry.none") + "</p>\n");
            }
            out.write("</details>\n");
        }

        private void periodTotals(String section, List<SubjectResult.PeriodTotal> totals) throws IOException {
            if (totals == null || totals.isEmpty()) {
                return;
            }
            StringBuilder head = new StringBuilder("<tr><th>" + label("col.period") + "</th>");
            StringBuilder body = new StringBuilder("<tr><th>" + label("col.total") + "</th>");
            for (SubjectResult.PeriodTotal total : totals) {
                if (total != null) {
                    head.append("<th>").append(escape(total.period())).append("</th>");
                    body.append(num(total.total()));
                }
            }
            out.write("<table class=\"totals\"><caption>" + label(section) + "</caption><thead>" + head
                    + "</tr></thead><tbody>" + body + "</tr></tbody></table>\n");
        }

        private void entries(ItemCode code, ItemResult item, int deductions, int bonuses) throws IOException {
            out.write("<details class=\"entries\"><summary>" + escape(code.number()) + " "
                    + escape(messages.item(code)) + " · "
                    + escape(messages.get("entry.counts", deductions, bonuses)) + "</summary>\n");
            int limit = Math.max(0, Math.min(entriesPerItem, entriesLeft));
            int shown = 0;
            if (limit > 0) {
                out.write("<table><thead><tr><th>" + label("col.type") + "</th><th>" + label("col.rule") + "</th><th>"
                        + label("col.points") + "</th><th>" + label("col.ref") + "</th><th>" + label("col.reason")
                        + "</th></tr></thead>\n<tbody>\n");
                shown += rows(item.deductions(), "entry.deduction", limit);
                shown += rows(item.bonuses(), "entry.bonus", limit - shown);
                out.write("</tbody></table>\n");
            }
            entriesLeft -= shown;
            int more = deductions + bonuses - shown;
            if (more > 0) {
                out.write("<p class=\"note\">" + escape(messages.get("note.moreEntries", more)) + "</p>\n");
            }
            out.write("</details>\n");
        }

        private int rows(List<Entry> entries, String typeKey, int limit) throws IOException {
            if (entries == null || limit <= 0) {
                return 0;
            }
            String type = label(typeKey);
            int shown = 0;
            for (Entry e : entries) {
                if (shown >= limit) {
                    break;
                }
                shown++;
                if (e == null) {
                    continue;
                }
                out.write("<tr><td>" + type + "</td><td>" + escape(e.rule()) + "</td>" + num(e.points()) + "<td>"
                        + escape(e.ref()) + "</td><td>" + escape(e.reason()) + "</td></tr>\n");
            }
            return shown;
        }

        private String figures(Map<String, Object> figures) {
            if (figures == null || figures.isEmpty()) {
                return "";
            }
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, Object> f : figures.entrySet()) {
                if (!text.isEmpty()) {
                    text.append("; ");
                }
                text.append(messages.figure(f.getKey())).append(' ').append(ReportSupport.figure(f.getValue()));
            }
            return text.toString();
        }

        private String grade(String grade) {
            if (grade == null || grade.isBlank()) {
                return "";
            }
            return "<span class=\"grade\" style=\"background:" + ReportSupport.gradeColour(grade) + "\">"
                    + escape(messages.grade(grade)) + "</span>";
        }

        private static String num(BigDecimal value) {
            return "<td class=\"num\">" + escape(ReportSupport.number(value)) + "</td>";
        }

        private String label(String key) {
            return escape(messages.get(key));
        }
    }
}
