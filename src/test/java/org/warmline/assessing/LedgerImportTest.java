package org.warmline.assessing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.cases.HistoryEntry;
import org.warmline.ledger.Adjustment;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerWriter;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.security.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import org.warmline.ledger.CaseColumn;

/**
 * Importing a ledger workbook into the desk: all or nothing, with the command's FILE:ROW:COLUMN problems in the
 * caller's language; the office only.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:assessing-import;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class LedgerImportTest extends AssessingFixture {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseLedgerStore cases;
    @Autowired
    CaseDesk desk;

    private static final long YEAR = 365L * 86_400_000L;

    /** A new branch with a steward, and the example's first ten cases a year earlier, renumbered, in it. */
    private static DataSet newBranch(String prefix, String caseUnit) {
        DataSet example = LiveAssessmentStoresTest.example();
        List<Unit> units = new ArrayList<>(example.units());
        units.add(new Unit(prefix + "B", "新区分公司", UnitKind.BRANCH, null));
        List<Staff> staff = new ArrayList<>(example.staff());
        staff.add(new Staff(prefix + "GJ", "新管家", Post.STEWARD, prefix + "B"));
        List<CaseRecord> moved = new ArrayList<>();
        for (CaseRecord c : example.cases().subList(0, 10)) {
            CaseRecord m = LiveAssessmentStoresTest.moved(c, prefix + c.caseNo(), -YEAR, c.get(CaseColumn.CATEGORY),
                    c.get(CaseColumn.CITIZEN_PHONE));
            moved.add(c.get(CaseColumn.UNIT) == null ? m : withUnit(m, caseUnit));
        }
        return new DataSet(units, staff, moved, List.of(), List.of(), List.of(), List.of(),
                List.of(new Adjustment(prefix + "B", "2025-01", "keywork.other", new java.math.BigDecimal("-1"),
                        "导入测试", "考核办", 0)));
    }

    private static CaseRecord withUnit(CaseRecord c, String unit) {
        return c.toBuilder().set(CaseColumn.UNIT, unit).set(CaseColumn.HANDLER, null).row(0).build();
    }

    private static MockMultipartFile workbook(DataSet data, String name) throws Exception {
        Path file = Files.createTempDirectory("import").resolve(name);
        new LedgerWriter(java.time.ZoneId.of("Asia/Shanghai")).writeXlsx(data, file);
        return new MockMultipartFile("file", name, AssessmentApi.XLSX.toString(), Files.readAllBytes(file));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private List<Long> counts() {
        return List.of(count("org_unit"), count("staff"), count("petition_case"), count("adjustment"),
                count("training"));
    }

    @Test
    void aWorkbookWithAnyProblemImportsNothingAndListsFileRowAndColumn() throws Exception {
        List<Long> before = counts();
        // a case of a unit that exists nowhere: the reader's problem, in the caller's language
        MockMultipartFile bad = workbook(newBranch("Q", "NOPE"), "bad.xlsx");
        mvc.perform(as(Caller.ADMIN, multipart("/api/ledger/import").file(bad)).header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.problems", hasItem(containsString("bad.xlsx[cases]:"))))
                .andExpect(jsonPath("$.problems", hasItem(containsString(":unit: "))));
        assertThat(counts()).isEqualTo(before);
        assertThat(organization.unit("QB")).isEmpty();

        // a stored case changed and a new one with a problem: nothing is changed, the stored case neither
        DataSet example = LiveAssessmentStoresTest.example();
        CaseRecord stored = example.cases().get(5);
        CaseRecord edited = withUnit(stored, "B02");
        DataSet mixed = newBranch("R", "NOPE");
        List<CaseRecord> withEdited = new ArrayList<>(mixed.cases());
        withEdited.add(edited);
        MockMultipartFile half = workbook(new DataSet(mixed.units(), mixed.staff(), withEdited, List.of(), List.of(),
                List.of(), List.of(), mixed.adjustments()), "half.xlsx");
        Case before5 = desk.findByCaseNo(stored.caseNo()).orElseThrow();
        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(half)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems", hasItem(containsString("half.xlsx[cases]:"))));
        assertThat(counts()).isEqualTo(before);
        assertThat(organization.unit("RB")).isEmpty();
        Case after5 = desk.findByCaseNo(stored.caseNo()).orElseThrow();
        assertThat(after5.unit()).isEqualTo(before5.unit());
        assertThat(after5.version()).isEqualTo(before5.version());
    }

    @Test
    void aGoodWorkbookIsImportedWhole() throws Exception {
        List<Long> before = counts();
        DataSet data = newBranch("G", "GB");
        mvc.perform(as(Caller.ADMIN, multipart("/api/ledger/import").file(workbook(data, "good.xlsx"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(true))
                .andExpect(jsonPath("$.created").value(10))
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.manualRecords").value(1));
        assertThat(organization.unit("GB")).isPresent();
        assertThat(organization.staffMember("GGJ")).isPresent();
        assertThat(cases.taken(data.cases().stream().map(CaseRecord::caseNo).toList())).hasSize(10);
        assertThat(counts().get(2)).isEqualTo(before.get(2) + 10);
        assertThat(counts().get(3)).isEqualTo(before.get(3) + 1);
        // the imported cases are assessed: the new branch is a subject of 2025-01 with its adjustment
        String json = mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2025-01?asOf=2025-03-01")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"code\" : \"GB\"").contains("导入测试");
    }

    @Test
    void onlyTheOfficeImportsAndThePageShowsTheProblems() throws Exception {
        MockMultipartFile bad = workbook(newBranch("P", "NOPE"), "page.xlsx");
        mvc.perform(as(Caller.MANAGER_B01, multipart("/api/ledger/import").file(bad)))
                .andExpect(status().isForbidden());
        Account admin = account(Caller.ADMIN);
        mvc.perform(multipart("/assessments/import").file(bad).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"import-problems\"")))
                .andExpect(content().string(containsString("page.xlsx[cases]:")));
        Account manager = account(Caller.MANAGER_B01);
        mvc.perform(get("/assessments/import").with(user(manager.username()).roles(manager.role().name())))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/assessments/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        "a,b".getBytes(StandardCharsets.UTF_8))).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"import-error\"")));
    }

    /**
     * A workbook that {@code /admin/import} refuses for what it would make of the stored organisation (a second
     * HQ_SERVICE unit, a unit code that is a stored staff member's code) is refused the same way by the assessment
     * office's import, page and API: the same FILE[table]:ROW:COLUMN problems, nothing imported.
     */
    @Test
    void theOrganisationChecksOfTheAdminImportApplyToo() throws Exception {
        organization.saveAll(List.of(), List.of(new Staff("XSTAFF1", "已有人员", Post.AGENT, null)));
        // a workbook of its own organisation only (no case), fine as a file: the stored units make the problems
        List<Unit> goodUnits = List.of(new Unit("OB", "新区分公司", UnitKind.BRANCH, null));
        List<Staff> staff = List.of(new Staff("OGJ", "新管家", Post.STEWARD, "OB"));
        List<Adjustment> adjustments = List.of(new Adjustment("OB", "2025-01", "keywork.other",
                new java.math.BigDecimal("-1"), "导入测试", "考核办", 0));
        List<Unit> units = new ArrayList<>(goodUnits);
        units.add(new Unit("OHQ", "另一个总部", UnitKind.HQ_SERVICE, null));
        units.add(new Unit("XSTAFF1", "片区", UnitKind.AREA, "OB"));
        DataSet data = new DataSet(units, staff, List.of(), List.of(), List.of(), List.of(), List.of(), adjustments);
        MockMultipartFile file = workbook(data, "org.xlsx");
        List<Long> before = counts();
        Account admin = account(Caller.ADMIN);

        String secondHq = "org.xlsx[units]:0:kind: ";
        String codeIsStaff = "org.xlsx[units]:0:code: ";
        mvc.perform(multipart("/admin/import").file(file).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(secondHq + "总部客户服务部只能有一个")))
                .andExpect(content().string(containsString(codeIsStaff + "单位编码 XSTAFF1 已被人员使用")));
        assertThat(counts()).isEqualTo(before);

        mvc.perform(multipart("/assessments/import").file(file).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"import-problems\"")))
                .andExpect(content().string(containsString(secondHq + "总部客户服务部只能有一个")))
                .andExpect(content().string(containsString(codeIsStaff + "单位编码 XSTAFF1 已被人员使用")));
        assertThat(counts()).isEqualTo(before);

        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(file)).header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems", hasItem(containsString(secondHq
                        + "there can be only one HQ_SERVICE unit"))))
                .andExpect(jsonPath("$.problems", hasItem(containsString(codeIsStaff
                        + "unit code XSTAFF1 is already a staff code"))));
        assertThat(counts()).isEqualTo(before);
        assertThat(organization.unit("OB")).isEmpty();
        assertThat(organization.unit("OHQ")).isEmpty();
        assertThat(organization.unit("XSTAFF1")).isEmpty();
        assertThat(organization.staffMember("OGJ")).isEmpty();

        // without the two bad units the same workbook goes in: the refusal was the organisation checks' alone
        MockMultipartFile good = workbook(new DataSet(goodUnits, staff, List.of(), List.of(), List.of(), List.of(),
                List.of(), adjustments), "org.xlsx");
        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(good))).andExpect(status().isOk());
        assertThat(organization.unit("OB")).isPresent();
    }

    /**
     * Export, edit a cell as Excel does (Apache POI: a cleared cell, a typed date), import: the preview lists exactly
     * the changed facts and changes nothing; the import changes them, each on the case's history with the importer;
     * the clocks and the live assessment follow (the live month is the command's assessment of the edited workbook);
     * importing the same workbook again changes nothing and adds no manual record twice.
     */
    @Test
    void exportEditImportMovesTheClocksAndTheLiveAssessment() throws Exception {
        byte[] exported = mvc.perform(as(Caller.ASSESSOR, get("/api/ledger/export"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        java.time.format.DateTimeFormatter seconds = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        String laterContact;
        byte[] edited;
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(exported))) {
            var sheet = book.getSheet("cases");
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            int contacted = header.indexOf("contacted_at");
            var open = row(sheet, "C2026010008");
            open.removeCell(open.getCell(contacted)); // the contact was typed by mistake: cleared
            var late = row(sheet, "C2026010006");
            java.time.LocalDateTime typed = java.time.LocalDateTime.parse(
                    late.getCell(contacted).getStringCellValue(), seconds).plusHours(1);
            laterContact = typed.format(seconds);
            var dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.createDataFormat().getFormat("yyyy/m/d h:mm:ss"));
            late.getCell(contacted).setCellValue(typed);
            late.getCell(contacted).setCellStyle(dateStyle);
            var out = new java.io.ByteArrayOutputStream();
            book.write(out);
            edited = out.toByteArray();
        }
        MockMultipartFile file = new MockMultipartFile("file", "edited.xlsx", AssessmentApi.XLSX.toString(), edited);
        Case open = desk.findByCaseNo("C2026010008").orElseThrow();
        List<Long> before = counts();

        String preview = mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import?dryRun=true").file(file)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.updated").value(2))
                .andExpect(jsonPath("$.manualRecords").value(0))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode plan = tools.jackson.databind.json.JsonMapper.builder().build().readTree(preview);
        assertThat(plan.get("unchanged").asInt()).isEqualTo(plan.get("newCases").size() + cases.count() - 2);
        assertThat(plan.get("changedCases").toString())
                .contains("{\"caseNo\":\"C2026010008\",\"row\":9,\"changes\":[{\"field\":\"contacted_at\","
                        + "\"before\":\"2026-01-06 14:09:01\",\"after\":\"\"}]}")
                .contains("\"after\":\"" + laterContact + "\"");
        assertThat(counts()).isEqualTo(before);
        assertThat(desk.findByCaseNo("C2026010008").orElseThrow().version()).isEqualTo(open.version());

        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(file)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(true))
                .andExpect(jsonPath("$.updated").value(2));
        assertThat(counts()).isEqualTo(before);
        Case changed = desk.findByCaseNo("C2026010008").orElseThrow();
        assertThat(changed.contactedAt()).isNull();
        assertThat(changed.state()).isEqualTo(org.warmline.cases.CaseState.DISPATCHED);
        List<HistoryEntry> lines = desk.history(changed.id()).stream()
                .filter(h -> h.action().equals("IMPORT")).toList();
        assertThat(lines).extracting(HistoryEntry::field, HistoryEntry::before, HistoryEntry::after,
                        HistoryEntry::actor, HistoryEntry::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("contacted_at", "2026-01-06T06:09:01Z", null,
                                account(Caller.ASSESSOR).username(), "edited.xlsx"),
                        org.assertj.core.groups.Tuple.tuple("state", "IN_PROGRESS", "DISPATCHED",
                                account(Caller.ASSESSOR).username(), null));
        // the contact clock runs again, from the dispatch
        CaseClocks.Clock contact = desk.clocks(changed, Instant.now()).clock(CaseClocks.Kind.CONTACT).orElseThrow();
        assertThat(contact.start()).isEqualTo(changed.dispatchedAt());

        // the live month is the command's assessment of the edited workbook
        String asOf = "2026-04-15T00:00+08:00";
        JsonNode live = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                mvc.perform(as(Caller.ASSESSOR, get("/api/assessments/2026-01?asOf=" + asOf)))
                        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        Path workbook = Files.write(Files.createTempDirectory("edited").resolve("edited.xlsx"), edited);
        JsonNode command = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                AssessmentApiTest.assessCommand(workbook, "2026-01", asOf));
        assertThat(live.get("subjects")).isEqualTo(command.get("subjects"));
        assertThat(live.toString()).contains("C2026010008");

        // again: nothing to change, no manual record added twice
        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(file)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.manualRecords").value(0));
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aWithdrawnCaseIsNotUpdatedAndThePagePreviewsBeforeItImports() throws Exception {
        Account admin = account(Caller.ADMIN);
        Case withdrawn = desk.findByCaseNo("C2026030022").orElseThrow();
        if (withdrawn.state() != org.warmline.cases.CaseState.WITHDRAWN) {
            withdrawn = desk.withdraw(withdrawn.id(), withdrawn.version(), admin, Instant.now(), "重复登记");
        }
        CaseRecord record = LiveAssessmentStoresTest.example().cases().stream()
                .filter(c -> c.caseNo().equals("C2026030022")).findFirst().orElseThrow();
        DataSet example = LiveAssessmentStoresTest.example();
        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(workbook(new DataSet(example.units(),
                        example.staff(), List.of(record), List.of(), List.of(), List.of(), List.of(), List.of()),
                        "withdrawn.xlsx"))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0]").value(containsString(
                        "withdrawn.xlsx[cases]:2:case_no: 工单 C2026030022 已撤回,台账导入不能更新已撤回的工单")));

        // the page: a preview first, nothing changed until confirmed
        CaseRecord stored = example.cases().get(20);
        Case before = desk.findByCaseNo(stored.caseNo()).orElseThrow();
        String newUnit = "B02".equals(before.unit()) ? "B01" : "B02";
        MockMultipartFile file = workbook(new DataSet(example.units(), example.staff(),
                List.of(withUnit(toRecord(before), newUnit)), List.of(), List.of(), List.of(), List.of(), List.of()),
                "page.xlsx");
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        String page = mvc.perform(multipart("/assessments/import").file(file).session(session).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"import-preview\"")))
                .andExpect(content().string(containsString("更新工单:1 件")))
                .andExpect(content().string(containsString("<td>责任单位</td>")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(desk.findByCaseNo(stored.caseNo()).orElseThrow().unit()).isEqualTo(before.unit());
        String token = page.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f]+)\".*", "$1");

        // someone corrects the case meanwhile: the confirmation imports nothing and shows the new preview
        desk.changeFacts(before.id(), before.version(), admin, Instant.now(), Case.Action.IMPORT, "test",
                List.of(new org.warmline.cases.CaseFact.Change(CaseColumn.ADDRESS, "幸福路 9 号")));
        mvc.perform(post("/assessments/import/confirm").param("token", token).session(session).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("预览之后系统中的数据已有变化")));
        assertThat(desk.findByCaseNo(stored.caseNo()).orElseThrow().unit()).isEqualTo(before.unit());

        mvc.perform(post("/assessments/import/confirm").param("token", token).session(session).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().is3xxRedirection());
        Case after = desk.findByCaseNo(stored.caseNo()).orElseThrow();
        assertThat(after.unit()).isEqualTo(newUnit);
        assertThat(after.address()).isEqualTo(before.address()); // the workbook's address: the correction undone
        mvc.perform(post("/assessments/import/confirm").param("token", token).session(session).with(csrf())
                        .with(user(admin.username()).roles(admin.role().name())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("没有待确认的导入")));
    }

    private static CaseRecord toRecord(Case c) {
        return c.toRecord();
    }

    private static org.apache.poi.ss.usermodel.Row row(org.apache.poi.ss.usermodel.Sheet sheet, String caseNo) {
        for (var row : sheet) {
            if (row.getCell(0) != null && caseNo.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError(caseNo);
    }
}
