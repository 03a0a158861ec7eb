package org.warmline.cases;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.api.ApiFixture;
import org.warmline.files.TestFiles;
import org.warmline.ledger.Category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The case page's work on a real application (H2): notes and the contact log shown and kept in the history, a
 * correction with before → after and the published-period notice, files added (photos without location, a refused
 * file keeping nothing) and shown as a gallery, downloads on the history, the printable sheet, the text search in
 * demand, solution and notes, and the Excel export of the list as filtered.
 */
class CaseWorkPagesTest extends ApiFixture {

    @Autowired
    CaseAttachments attachments;
    @Autowired
    JdbcClient jdbc;

    private static RequestPostProcessor as(Caller caller) {
        return user(account(caller).username()).roles(account(caller).role().name());
    }

    private String page(Case c, Caller caller) throws Exception {
        return mvc.perform(get("/cases/{no}", c.caseNo()).with(as(caller))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<HistoryEntry> history(Case c, String action) {
        return desk.history(c.id()).stream().filter(h -> h.action().equals(action)).toList();
    }

    @Test
    void aNoteAndContactAttemptsAreShownAndKeptInTheHistory() throws Exception {
        Case c = dispatched();
        mvc.perform(post("/cases/{no}/notes", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("text", "用户白天上班,<b>晚上</b>7点后再联系"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/cases/{no}/contacts", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("version", Integer.toString(c.version())).param("outcome", "SWITCHED_OFF")
                        .param("remark", "两次关机"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/cases/{no}/contacts", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("version", Integer.toString(c.version())).param("outcome", "REACHED"))
                .andExpect(status().is3xxRedirection());
        Case after = desk.find(c.id()).orElseThrow();
        assertThat(after.contactedAt()).isNotNull();
        assertThat(after.state()).isEqualTo(CaseState.IN_PROGRESS);
        String page = page(after, Caller.AGENT);
        assertThat(page).contains("用户白天上班,&lt;b&gt;晚上&lt;/b&gt;7点后再联系", "关机", "两次关机", "已联系上",
                "内部备注", "联系记录", "联系结果");
        assertThat(history(c, "NOTE")).hasSize(1);
        assertThat(history(c, "CONTACT_ATTEMPT")).filteredOn(h -> "contact_outcome".equals(h.field()))
                .extracting(HistoryEntry::after).containsExactly("SWITCHED_OFF", "REACHED");
        mvc.perform(post("/cases/{no}/notes", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf()).param("text", " "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请填写备注内容")));
        mvc.perform(post("/cases/{no}/contacts", c.caseNo()).with(as(Caller.AGENT)).with(csrf())
                .param("outcome", "REACHED")).andExpect(status().isForbidden());
        mvc.perform(get("/cases/{no}", c.caseNo()).param("lang", "en").with(as(Caller.ASSESSOR)))
                .andExpect(content().string(allOf(containsString("Internal notes"), containsString("Switched off"),
                        not(containsString("id=\"note-form\"")), not(containsString("id=\"contact-form\"")))));
    }

    @Test
    void aCorrectionShowsBeforeAndAfterAndSaysWhenThePeriodIsPublished() throws Exception {
        Case c = accepted(Category.CONSULTATION);
        String period = c.submittedAt().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().substring(0, 7);
        assertThat(page(c, Caller.AGENT)).contains("id=\"correction\"").doesNotContain("id=\"published-warning\"");
        jdbc.sql("insert into assessment_publication (period, version, scheme, as_of, result_zh, result_en, "
                        + "published_by, published_at) values (?, 1, 'default', ?, '{}', '{}', 'assessor', ?)")
                .params(period, OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC)).update();
        assertThat(page(c, Caller.AGENT)).contains("id=\"published-warning\"", period, "已发布的考核结果不会改变");

        mvc.perform(post("/cases/{no}/correct", c.caseNo()).with(as(Caller.AGENT)).with(csrf())
                        .param("version", Integer.toString(c.version())).param("category", "COMPLAINT")
                        .param("topic", "漏水").param("complex", "false").param("address", c.address())
                        .param("citizenName", c.citizenName()).param("citizenPhone", "")
                        .param("reason", "来电人补充:实为投诉漏水"))
                .andExpect(status().is3xxRedirection());
        Case corrected = desk.find(c.id()).orElseThrow();
        assertThat(corrected.category()).isEqualTo(Category.COMPLAINT);
        assertThat(corrected.topic()).isEqualTo("LEAK");
        assertThat(corrected.citizenPhone()).as("an empty phone field keeps the number").isEqualTo(PHONE);
        assertThat(history(c, "CORRECT")).extracting(HistoryEntry::field).containsExactly("category", "topic");
        assertThat(page(corrected, Caller.AGENT)).contains("更正", "咨询", "投诉", "室温不达标", "漏水",
                "来电人补充:实为投诉漏水");

        mvc.perform(post("/cases/{no}/correct", c.caseNo()).with(as(Caller.AGENT)).with(csrf())
                        .param("version", Integer.toString(corrected.version())).param("citizenPhone", "13912345678")
                        .param("reason", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("更正须填写原因")));
        mvc.perform(post("/cases/{no}/correct", c.caseNo()).with(as(Caller.AGENT)).with(csrf())
                        .param("version", Integer.toString(c.version())).param("category", "SUGGESTION")
                        .param("reason", "旧页面"))
                .andExpect(status().isConflict());
        mvc.perform(post("/cases/{no}/correct", c.caseNo()).with(as(Caller.AGENT)).with(csrf())
                        .param("version", Integer.toString(corrected.version())).param("citizenPhone", "13912345678")
                        .param("reason", "号码记错"))
                .andExpect(status().is3xxRedirection());
        String assessorPage = page(corrected, Caller.ASSESSOR);
        assertThat(assessorPage).as("phone numbers in the history are masked").doesNotContain("13912345678")
                .contains("139****5678").doesNotContain("id=\"correction\"");
    }

    @Test
    void filesAreAddedShownDownloadedWithAHistoryLineAndRefusedFilesKeepNothing() throws Exception {
        Case c = dispatched();
        mvc.perform(multipart("/cases/{no}/attachments", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .file(new MockMultipartFile("files", "温度计.jpg", "image/jpeg", TestFiles.fixture("gps.jpg")))
                        .file(new MockMultipartFile("files", "记录.xlsx", "application/octet-stream",
                                TestFiles.xlsx())))
                .andExpect(status().is3xxRedirection());
        List<CaseAttachments.Attachment> files = attachments.of(c.id());
        assertThat(files).extracting(CaseAttachments.Attachment::fileName).containsExactly("温度计.jpg", "记录.xlsx");
        String page = page(c, Caller.MANAGER_IN);
        assertThat(page).contains("id=\"gallery\"", "/attachments/" + files.get(0).id() + "/preview", "记录.xlsx",
                "Excel (XLSX)");

        MvcResult download = mvc.perform(get("/cases/{no}/attachments/{id}", c.caseNo(), files.get(0).id())
                        .with(as(Caller.ASSESSOR)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/jpeg"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", containsString("inline")))
                .andReturn();
        assertThat(download.getResponse().getContentAsByteArray()).hasSize((int) files.get(0).size());
        mvc.perform(get("/cases/{no}/attachments/{id}", c.caseNo(), files.get(1).id()).with(as(Caller.AGENT)))
                .andExpect(header().string("Content-Disposition", containsString("attachment")));
        mvc.perform(get("/cases/{no}/attachments/{id}/preview", c.caseNo(), files.get(0).id())
                .with(as(Caller.AGENT))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/jpeg"));
        assertThat(history(c, CaseAttachments.DOWNLOADED)).extracting(HistoryEntry::note)
                .containsExactly("温度计.jpg", "记录.xlsx");

        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        mvc.perform(multipart("/cases/{no}/attachments", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .file(new MockMultipartFile("files", "现场.jpg", "image/jpeg", TestFiles.jpeg(20, 20)))
                        .file(new MockMultipartFile("files", "photo.jpg", "image/jpeg",
                                svg.getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(containsString("photo.jpg"), containsString("SVG"))));
        mvc.perform(multipart("/cases/{no}/attachments", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .file(new MockMultipartFile("files", "bomb.docx", "application/msword",
                                java.nio.file.Files.readAllBytes(TestFiles.docxBomb()))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("压缩炸弹")));
        mvc.perform(multipart("/cases/{no}/attachments", c.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .file(new MockMultipartFile("files", "通知.docx", "application/msword",
                                TestFiles.docxWithExternalEntity())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("DOCTYPE")));
        assertThat(attachments.of(c.id())).as("nothing of a refused upload is kept").hasSize(2);
        assertThat(history(c, "ATTACH")).hasSize(2);
    }

    @Test
    void thePrintableSheetHasTheFactsMilestonesHistoryAndPhotos() throws Exception {
        Case c = solutionGiven();
        try (CaseAttachments.Prepared p = attachments.prepare(new ByteArrayInputStream(TestFiles.jpeg(64, 48)),
                "维修后.jpg", org.warmline.files.FileKind.ALL)) {
            attachments.add(c.id(), p, "S01", false, Instant.now());
        }
        String sheet = mvc.perform(get("/cases/{no}/print", c.caseNo()).with(as(Caller.MANAGER_IN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(sheet).contains("信访工单", c.caseNo(), "办理节点", "派单", "联系用户", "答复/方案", "更换阀门",
                "处理记录", "维修后.jpg", "/preview", "经办人签字", "/css/cases-", "/js/sheet-", "138****5678")
                .doesNotContain("<script>").doesNotContain("style=\"");
    }

    @Test
    void theTextSearchLooksInDemandSolutionAndNotesWithTheOtherFilters() throws Exception {
        Case c = solutionGiven(); // demand 卧室室温16度, solution 更换阀门
        String word = "蝴蝶阀" + Long.toString(System.nanoTime(), 36);
        desk.note(c.id(), account(Caller.AGENT), Instant.now(), "需更换" + word);
        for (String text : new String[] {word, "卧室室温", "更换阀门"}) {
            String list = mvc.perform(get("/cases").param("text", text).param("state", "SOLUTION_GIVEN")
                    .with(as(Caller.MANAGER_IN))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(list).as(text).contains(c.caseNo());
        }
        assertThat(mvc.perform(get("/cases").param("text", word).param("state", "CLOSED").with(as(Caller.AGENT)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(c.caseNo());
        assertThat(mvc.perform(get("/cases").param("text", word).with(as(Caller.MANAGER_OUT)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(c.caseNo());
    }

    @Test
    void theExportHasTheListAsFilteredAsTextWithPhonesAsTheListShowsThem() throws Exception {
        Case c = dispatched();
        String marker = "导出" + Long.toString(System.nanoTime(), 36);
        desk.note(c.id(), account(Caller.AGENT), Instant.now(), marker);
        Case formula = desk.registerByAgent(new org.warmline.cases.RegisterCommand(
                org.warmline.ledger.Channel.HOTLINE, Category.COMPLAINT, false, "室温不达标", "=HYPERLINK(\"x\")",
                PHONE, "幸福小区", "=1+1 " + marker, null, Instant.now().minusSeconds(60), null),
                account(Caller.AGENT), Instant.now());
        for (Caller caller : new Caller[] {Caller.AGENT, Caller.ASSESSOR, Caller.MANAGER_OUT}) {
            MvcResult result = mvc.perform(get("/cases/export.xlsx").param("text", marker).with(as(caller)))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Disposition", containsString(".xlsx")))
                    .andReturn();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                    result.getResponse().getContentAsByteArray()))) {
                Sheet sheet = workbook.getSheetAt(0);
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("工单号");
                List<String> numbers = new ArrayList<>();
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as("text only, never a formula").isEqualTo(CellType.STRING);
                    }
                    if (row.getRowNum() > 0) {
                        numbers.add(row.getCell(0).getStringCellValue());
                    }
                }
                if (caller == Caller.MANAGER_OUT) {
                    assertThat(numbers).as("only what the viewer may see").isEmpty();
                    continue;
                }
                assertThat(numbers).containsExactlyInAnyOrder(c.caseNo(), formula.caseNo());
                Row row = sheet.getRow(numbers.indexOf(formula.caseNo()) + 1);
                assertThat(row.getCell(5).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
                assertThat(row.getCell(6).getStringCellValue())
                        .isEqualTo(caller == Caller.AGENT ? PHONE : "138****5678");
            }
        }
    }
}
