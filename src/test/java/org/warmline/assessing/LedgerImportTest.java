package org.warmline.assessing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.warmline.cases.CaseLedgerStore;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
            CaseRecord m = LiveAssessmentStoresTest.moved(c, prefix + c.caseNo(), -YEAR, c.category(),
                    c.citizenPhone());
            moved.add(c.unit() == null ? m : withUnit(m, caseUnit));
        }
        return new DataSet(units, staff, moved, List.of(), List.of(), List.of(), List.of(),
                List.of(new Adjustment(prefix + "B", "2025-01", "keywork.other", new java.math.BigDecimal("-1"),
                        "导入测试", "考核办", 0)));
    }

    private static CaseRecord withUnit(CaseRecord c, String unit) {
        return new CaseRecord(c.caseNo(), c.channel(), c.category(), c.complex(), c.topic(), c.citizenName(),
                c.citizenPhone(), c.address(), c.demand(), c.occurredAt(), c.submittedAt(), c.recordedAt(),
                c.acceptedAt(), c.acceptedBy(), c.dispatchedAt(), unit, null, c.contactedAt(), c.siteSurvey(),
                c.surveyedAt(), c.solution(), c.solutionAt(), c.completedAt(), c.resolved(), c.evaluation(),
                c.evaluationChannel(), c.evaluatedAt(), c.evaluationComment(), c.unsatisfiedAt(), c.reviewedAt(),
                c.reviewFinding(), c.rehandledAt(), c.explainedAt(), 0);
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

        // case numbers that are taken: the whole workbook is refused, new units and records included
        DataSet taken = newBranch("R", "RB");
        List<CaseRecord> withOld = new ArrayList<>(taken.cases());
        withOld.add(LiveAssessmentStoresTest.example().cases().get(5));
        MockMultipartFile duplicate = workbook(new DataSet(taken.units(), taken.staff(), withOld, List.of(), List.of(),
                List.of(), List.of(), taken.adjustments()), "dup.xlsx");
        mvc.perform(as(Caller.ASSESSOR, multipart("/api/ledger/import").file(duplicate)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0]").value(containsString("dup.xlsx[cases]:")))
                .andExpect(jsonPath("$.problems[0]").value(containsString("case_no: 工单编号 C2026010006 已存在")));
        assertThat(counts()).isEqualTo(before);
        assertThat(organization.unit("RB")).isEmpty();
    }

    @Test
    void aGoodWorkbookIsImportedWhole() throws Exception {
        List<Long> before = counts();
        DataSet data = newBranch("G", "GB");
        mvc.perform(as(Caller.ADMIN, multipart("/api/ledger/import").file(workbook(data, "good.xlsx"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cases").value(10))
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
}
