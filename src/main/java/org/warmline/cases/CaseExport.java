package org.warmline.cases;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.warmline.security.Account;
import org.warmline.web.DeskFormat;

/**
 * The case list as filtered, as an Excel workbook written as a stream (POI SXSSF: rows go to disk, not memory), page
 * by page of the viewer's scope, at most {@value #MAX_ROWS} cases (beyond that the workbook says so in its last row).
 * Every cell is text, never a formula, so a demand typed as {@code =HYPERLINK(…)} stays the text it is. Phone numbers
 * are as the list shows them: in full for those who work the case (logged as reveals, as the API's list is), masked
 * for everyone else.
 */
@Component
class CaseExport {

    static final int MAX_ROWS = 50_000;
    private static final int PAGE = 500;

    private record Column(String key, Function<DeskSupport.Row, String> value) {
    }

    private final DeskSupport support;
    private final MessageSource messages;
    private final PhoneReveals reveals;

    CaseExport(DeskSupport support, MessageSource messages, PhoneReveals reveals) {
        this.support = support;
        this.messages = messages;
        this.reveals = reveals;
    }

    void write(Account me, CaseQuery query, Locale locale, HttpServletResponse response) throws IOException {
        Instant now = Instant.now();
        DeskSupport.Org org = support.org();
        DeskFormat fmt = support.format();
        List<Column> columns = columns(fmt, locale);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(text("export.sheet", locale) + "-" + java.time.LocalDate.now(fmt.zone()) + ".xlsx",
                        StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try (OutputStream out = response.getOutputStream()) {
            SXSSFSheet sheet = workbook.createSheet(text("export.sheet", locale));
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(text(columns.get(i).key(), locale));
            }
            int rowNumber = 1;
            int offset = 0;
            boolean truncated = false;
            while (true) {
                CasePage page = support.search(me, query.page(PAGE, offset));
                List<CaseId> revealed = new ArrayList<>();
                for (Case c : page.cases()) {
                    if (rowNumber > MAX_ROWS) {
                        truncated = true;
                        break;
                    }
                    DeskSupport.Row r = support.row(c, me, org, now);
                    if (!r.phoneMasked() && c.citizenPhone() != null) {
                        revealed.add(c.id());
                    }
                    Row row = sheet.createRow(rowNumber++);
                    for (int i = 0; i < columns.size(); i++) {
                        String value = columns.get(i).value().apply(r);
                        row.createCell(i).setCellValue(value == null ? "" : value);
                    }
                }
                if (!revealed.isEmpty()) {
                    reveals.recordAll(revealed, me, now);
                }
                offset += PAGE;
                if (truncated || page.cases().size() < PAGE) {
                    break;
                }
            }
            if (truncated) {
                sheet.createRow(rowNumber + 1).createCell(0)
                        .setCellValue(messages.getMessage("export.truncated", new Object[] {MAX_ROWS}, locale));
            }
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }

    private List<Column> columns(DeskFormat fmt, Locale locale) {
        return List.of(
                new Column("export.column.caseNo", r -> r.c().caseNo()),
                new Column("export.column.channel", r -> code("channel.", r.c().channel(), locale)),
                new Column("export.column.category", r -> code("category.", r.c().category(), locale)),
                new Column("export.column.complex", r -> text(r.c().complex() ? "bool.true" : "bool.false", locale)),
                new Column("export.column.topic", r -> r.c().topic() == null ? null
                        : messages.getMessage("topic." + r.c().topic(), null, r.c().topic(), locale)),
                new Column("export.column.citizenName", r -> r.c().citizenName()),
                new Column("export.column.citizenPhone", DeskSupport.Row::phone),
                new Column("export.column.address", r -> r.c().address()),
                new Column("export.column.demand", r -> r.c().demand()),
                new Column("export.column.submittedAt", r -> fmt.at(r.c().submittedAt())),
                new Column("export.column.acceptedAt", r -> fmt.at(r.c().acceptedAt())),
                new Column("export.column.dispatchedAt", r -> fmt.at(r.c().dispatchedAt())),
                new Column("export.column.unit", DeskSupport.Row::unitName),
                new Column("export.column.handler", DeskSupport.Row::handlerName),
                new Column("export.column.contactedAt", r -> fmt.at(r.c().contactedAt())),
                new Column("export.column.solution", r -> r.c().solution()),
                new Column("export.column.solutionAt", r -> fmt.at(r.c().solutionAt())),
                new Column("export.column.completedAt", r -> fmt.at(r.c().completedAt())),
                new Column("export.column.resolved", r -> r.c().completedAt() == null ? ""
                        : text(r.c().resolved() ? "bool.true" : "bool.false", locale)),
                new Column("export.column.evaluation", r -> code("level.", r.c().evaluation(), locale)),
                new Column("export.column.state", r -> code("case.state.", r.c().state(), locale)),
                new Column("export.column.deadline", r -> r.nearestDeadline().map(fmt::at).orElse("")));
    }

    private String code(String prefix, Enum<?> value, Locale locale) {
        return value == null ? "" : messages.getMessage(prefix + value.name(), null, value.name(), locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
