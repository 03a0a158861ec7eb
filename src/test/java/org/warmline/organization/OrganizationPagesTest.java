package org.warmline.organization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The organisation's administration pages: units, staff, import and routing, for administrators only. */
@PagesTest
class OrganizationPagesTest {

    private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");
    private static final RequestPostProcessor AGENT = user("agent").roles("AGENT");

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationStore store;

    @Autowired
    RoutingRules rules;

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private String newBranch() {
        String code = code("B");
        store.saveAll(List.of(new Unit(code, "分公司" + code, UnitKind.BRANCH, null)), List.of());
        return code;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/units", "/admin/staff", "/admin/import", "/admin/routing"})
    void pagesAreForAdministratorsOnly(String page) throws Exception {
        mvc.perform(get(page).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(containsString("暖线")))
                .andExpect(content().string(containsString("navbar")))
                .andExpect(content().string(containsString("/admin/accounts")))
                .andExpect(content().string(containsString("htmx.min.js")));
        mvc.perform(get(page).param("lang", "en").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Warmline")))
                .andExpect(content().string(containsString("Sign out")));
        mvc.perform(get(page).with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(get(page)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void pagesSpeakTheUsersLanguage() throws Exception {
        mvc.perform(get("/admin/units").with(ADMIN))
                .andExpect(content().string(allOf(containsString("单位管理"), containsString("上级单位"))));
        mvc.perform(get("/admin/units").param("lang", "en").with(ADMIN))
                .andExpect(content().string(allOf(containsString("Parent unit"), not(containsString("上级单位")))));
        mvc.perform(get("/admin/staff").with(ADMIN)).andExpect(content().string(containsString("片区管家")));
        mvc.perform(get("/admin/routing").param("lang", "en").with(ADMIN))
                .andExpect(content().string(containsString("Address contains")));
    }

    @Test
    void aUnitIsAddedAndShownInTheTree() throws Exception {
        String parent = newBranch();
        String code = code("T");
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", code).param("name", "维修一班")
                        .param("kind", "TEAM").param("parent", parent))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/units"))
                .andExpect(flash().attribute("message", "unit.added"));
        assertThat(store.unit(code)).contains(new Unit(code, "维修一班", UnitKind.TEAM, parent));
        mvc.perform(get("/admin/units").with(ADMIN)).andExpect(content().string(allOf(
                containsString(code), containsString("维修班组"), containsString("维修一班"))));
        mvc.perform(get("/admin/units").param("edit", code).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(containsString("编辑单位")));
    }

    @Test
    void badUnitsReRenderTheFormWithAFieldErrorAndChangeNothing() throws Exception {
        String branch = newBranch();
        String child = code("T");
        store.saveAll(List.of(new Unit(child, "班组", UnitKind.TEAM, branch)), List.of());
        List<Unit> before = store.units();

        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", "").param("name", "x")
                        .param("kind", "TEAM"))
                .andExpect(status().isOk()).andExpect(view().name(UnitController.VIEW_UNITS))
                .andExpect(model().attributeHasFieldErrors("unitForm", "code"))
                .andExpect(content().string(containsString("请填写编码")));
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("lang", "en").param("code", "")
                        .param("name", "x").param("kind", "TEAM"))
                .andExpect(content().string(containsString("Enter a code")));
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", branch).param("name", "x")
                        .param("kind", "TEAM"))
                .andExpect(model().attributeHasFieldErrors("unitForm", "code"))
                .andExpect(content().string(containsString("编码已被使用")));
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", branch).param("name", "x")
                        .param("kind", "BRANCH").param("parent", child).param("editing", "true"))
                .andExpect(model().attributeHasFieldErrors("unitForm", "parent"))
                .andExpect(content().string(containsString("形成循环")));
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", code("X")).param("name", "x")
                        .param("kind", "NOT_A_KIND"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("unitForm", "kind"));
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", code("X")).param("name", "x")
                        .param("kind", "TEAM").param("parent", "NO-SUCH-UNIT"))
                .andExpect(model().attributeHasFieldErrors("unitForm", "parent"));
        assertThat(store.units()).isEqualTo(before);
    }

    @Test
    void thereIsOnlyOneHeadquarters() throws Exception {
        if (store.units().stream().noneMatch(u -> u.kind() == UnitKind.HQ_SERVICE)) {
            store.saveAll(List.of(new Unit(code("HQ"), "总部客户服务部", UnitKind.HQ_SERVICE, null)), List.of());
        }
        List<Unit> before = store.units();
        mvc.perform(post("/admin/units").with(ADMIN).with(csrf()).param("code", code("HQ")).param("name", "第二总部")
                        .param("kind", "HQ_SERVICE"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("unitForm", "kind"))
                .andExpect(content().string(containsString("只能有一个")));
        assertThat(store.units()).isEqualTo(before);
    }

    @Test
    void aPostWithoutCsrfTokenIsForbidden() throws Exception {
        String code = code("X");
        mvc.perform(post("/admin/units").with(ADMIN).param("code", code).param("name", "x").param("kind", "TEAM"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/staff").with(ADMIN).param("code", code).param("name", "x").param("post", "AGENT"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/units").with(AGENT).with(csrf()).param("code", code).param("name", "x")
                .param("kind", "TEAM")).andExpect(status().isForbidden());
        assertThat(store.codeTaken(code)).isFalse();
    }

    @Test
    void staffAreAddedEditedAndCheckedForUniqueCodes() throws Exception {
        String unit = newBranch();
        String code = code("S");
        mvc.perform(post("/admin/staff").with(ADMIN).with(csrf()).param("code", code).param("name", "李四")
                        .param("post", "STEWARD").param("unit", unit))
                .andExpect(redirectedUrl("/admin/staff")).andExpect(flash().attribute("message", "staff.added"));
        assertThat(store.staffMember(code)).contains(new Staff(code, "李四", Post.STEWARD, unit));
        mvc.perform(post("/admin/staff").with(ADMIN).with(csrf()).param("code", code).param("name", "李四四")
                        .param("post", "AGENT").param("unit", unit).param("editing", "true"))
                .andExpect(redirectedUrl("/admin/staff"));
        assertThat(store.staffMember(code)).contains(new Staff(code, "李四四", Post.AGENT, unit));
        mvc.perform(get("/admin/staff").with(ADMIN))
                .andExpect(content().string(allOf(containsString("李四四"), containsString("客服专员"))));

        for (String taken : List.of(code, unit)) {
            mvc.perform(post("/admin/staff").with(ADMIN).with(csrf()).param("code", taken).param("name", "王五")
                            .param("post", "AGENT"))
                    .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("staffForm", "code"));
        }
        mvc.perform(post("/admin/staff").with(ADMIN).with(csrf()).param("code", "").param("name", "王五"))
                .andExpect(model().attributeHasFieldErrors("staffForm", "code", "post"));
        assertThat(store.staffMember(code).orElseThrow().name()).isEqualTo("李四四");
    }

    @Test
    void namesAreShownEscaped() throws Exception {
        String code = code("E");
        store.saveAll(List.of(new Unit(code, "<script>alert(1)</script>", UnitKind.BRANCH, null)), List.of());
        mvc.perform(get("/admin/units").with(ADMIN))
                .andExpect(content().string(allOf(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>alert(1)</script>")))));
        mvc.perform(post("/admin/staff").with(ADMIN).with(csrf()).param("code", "").param("name", "<script>x</script>")
                        .param("post", "AGENT"))
                .andExpect(content().string(not(containsString("<script>x</script>"))));
    }

    private static byte[] workbook(String units, String staff) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(book.createSheet("units"), units);
            if (staff != null) {
                fill(book.createSheet("staff"), staff);
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(Sheet sheet, String csv) {
        String[] lines = csv.strip().split("\n");
        for (int r = 0; r < lines.length; r++) {
            Row row = sheet.createRow(r);
            String[] cells = lines[r].split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
        }
    }

    @Test
    void aGoodWorkbookImportsUnitsAndStaff() throws Exception {
        String branch = code("B");
        String team = code("T");
        String person = code("S");
        byte[] xlsx = workbook("code,name,kind,parent\n" + branch + ",城西分公司,BRANCH,\n" + team + ",维修二班,TEAM,"
                + branch + "\n", "code,name,post,unit\n" + person + ",赵六,STEWARD," + team + "\n");
        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "台账.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/import"))
                .andExpect(flash().attribute("message", "import.done")).andExpect(flash().attribute("messageArg", 2))
                .andExpect(flash().attribute("messageArg2", 1));
        assertThat(store.unit(team)).contains(new Unit(team, "维修二班", UnitKind.TEAM, branch));
        assertThat(store.staffMember(person)).contains(new Staff(person, "赵六", Post.STEWARD, team));
    }

    @Test
    void aBadWorkbookListsEveryProblemAndImportsNothing() throws Exception {
        String branch = code("B");
        String person = code("S");
        byte[] xlsx = workbook("code,name,kind,parent\n" + branch + ",城北分公司,BRANCH,\n" + code("T")
                + ",维修三班,TEAM,NOWHERE\n", "code,name,post,unit\n" + person + ",钱七,STEWARD," + branch + "\n");
        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "ledger.xlsx", null, xlsx))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(view().name(ImportController.VIEW_IMPORT))
                .andExpect(content().string(containsString("ledger.xlsx[units]:3:parent: ")))
                .andExpect(content().string(containsString("NOWHERE")));
        assertThat(store.unit(branch)).isEmpty();
        assertThat(store.staffMember(person)).isEmpty();

        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "ledger.xlsx", null, xlsx))
                        .param("lang", "en").with(ADMIN).with(csrf()))
                .andExpect(content().string(containsString("ledger.xlsx[units]:3:parent: ")))
                .andExpect(content().string(containsString("nothing was imported")));
    }

    @Test
    void anImportIsCheckedAgainstTheStoredUnits() throws Exception {
        if (store.units().stream().noneMatch(u -> u.kind() == UnitKind.HQ_SERVICE)) {
            store.saveAll(List.of(new Unit(code("HQ"), "总部客户服务部", UnitKind.HQ_SERVICE, null)), List.of());
        }
        String hq = code("HQ");
        String clash = code("S");
        store.saveAll(List.of(), List.of(new Staff(clash, "周九", Post.AGENT, null)));
        byte[] xlsx = workbook("code,name,kind,parent\n" + hq + ",另一个总部,HQ_SERVICE,\n" + clash + ",片区,AREA," + hq
                + "\n", null);
        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "hq.xlsx", null, xlsx))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hq.xlsx[units]:0:kind: ")))
                .andExpect(content().string(containsString("hq.xlsx[units]:0:code: ")));
        assertThat(store.unit(hq)).isEmpty();
        assertThat(store.unit(clash)).isEmpty();
    }

    @Test
    void uploadsThatAreNotWorkbooksGetAMessage() throws Exception {
        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "x.csv", null, "a,b".getBytes()))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("只能导入 .xlsx 工作簿")));
        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "x.xlsx", null, "not a zip".getBytes()))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("x.xlsx:")));
        mvc.perform(multipart("/admin/import").with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择要上传的工作簿")));
        mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "ledger.xlsx", null, new byte[0]))
                        .with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择要上传的工作簿")));
    }

    @Test
    void routingRulesAreAddedTriedAndDisabled() throws Exception {
        String unit = newBranch();
        String steward = code("S");
        store.saveAll(List.of(), List.of(new Staff(steward, "孙八", Post.STEWARD, unit)));
        String street = "幸福路" + UUID.randomUUID();
        mvc.perform(post("/admin/routing").with(ADMIN).with(csrf()).param("priority", "5")
                        .param("matchKind", "ADDRESS_CONTAINS").param("matchValue", street).param("unit", unit)
                        .param("steward", steward))
                .andExpect(redirectedUrl("/admin/routing")).andExpect(flash().attribute("message", "routing.added"));
        assertThat(rules.propose("北京市" + street + "8号", null)).map(RoutingRules.Proposal::stewardCode)
                .contains(steward);
        mvc.perform(get("/admin/routing").with(ADMIN)).andExpect(content().string(containsString(street)));
        mvc.perform(get("/admin/routing/propose").param("address", street + "1号").with(ADMIN))
                .andExpect(status().isOk()).andExpect(content().string(containsString(steward)))
                .andExpect(content().string(not(containsString("navbar"))));

        long id = rules.propose(street, null).orElseThrow().ruleId();
        mvc.perform(post("/admin/routing/" + id + "/disable").with(ADMIN).with(csrf()))
                .andExpect(redirectedUrl("/admin/routing"));
        assertThat(rules.propose(street, null)).isEmpty();
        mvc.perform(post("/admin/routing/not-a-number/disable").with(ADMIN).with(csrf()))
                .andExpect(status().isBadRequest());

        mvc.perform(post("/admin/routing").with(ADMIN).with(csrf()).param("priority", "-1")
                        .param("matchKind", "STATION").param("matchValue", unit).param("unit", "NOPE"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("ruleForm", "priority", "matchValue", "unit"));
    }

    @Test
    void aRoutingRulesStewardIsAStewardOfItsUnitOrBelow() throws Exception {
        String unit = newBranch();
        String other = newBranch();
        String foreign = code("S");
        String agent = code("A");
        store.saveAll(List.of(), List.of(new Staff(foreign, "周九", Post.STEWARD, other),
                new Staff(agent, "吴十", Post.AGENT, unit)));
        String street = "光明路" + UUID.randomUUID();
        for (String steward : List.of(foreign, agent, "NOBODY")) {
            mvc.perform(post("/admin/routing").with(ADMIN).with(csrf()).param("priority", "5")
                            .param("matchKind", "ADDRESS_CONTAINS").param("matchValue", street).param("unit", unit)
                            .param("steward", steward))
                    .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("ruleForm", "steward"));
        }
        mvc.perform(post("/admin/routing").with(ADMIN).with(csrf()).param("priority", "5")
                        .param("matchKind", "ADDRESS_CONTAINS").param("matchValue", street).param("unit", unit)
                        .param("steward", foreign))
                .andExpect(content().string(containsString("不属于单位 " + unit + " 或其下级单位")));
        assertThat(rules.propose(street, null)).isEmpty();
    }
}
