package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The desk's pages on in-memory H2: intake with the caller lookup, the list with filters and data scope, the case page
 * with its transitions, refusals, stale versions and phone reveal, my work and the dashboard.
 */
@PagesTest
class DeskPagesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    CaseDesk desk;

    String branch;
    String team;
    String otherBranch;
    String steward;
    Account agent;
    Account handler;
    Account manager;
    Account otherManager;
    Account assessor;

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static RequestPostProcessor as(Account account) {
        return user(account.username()).roles(account.role().name());
    }

    @BeforeEach
    void organisation() {
        branch = code("B");
        team = code("T");
        otherBranch = code("B");
        steward = code("S");
        organization.saveAll(List.of(new Unit(branch, "城东分公司" + branch, UnitKind.BRANCH, null),
                        new Unit(team, "维修一班" + team, UnitKind.TEAM, branch),
                        new Unit(otherBranch, "城西分公司" + otherBranch, UnitKind.BRANCH, null)),
                List.of(new Staff(steward, "李管家", Post.STEWARD, team)));
        agent = accounts.create(code("agent"), "secret password", Role.AGENT, null, null);
        handler = accounts.create(code("handler"), "secret password", Role.HANDLER, steward, team);
        manager = accounts.create(code("mgr"), "secret password", Role.UNIT_MANAGER, null, branch);
        otherManager = accounts.create(code("mgr"), "secret password", Role.UNIT_MANAGER, null, otherBranch);
        assessor = accounts.create(code("assessor"), "secret password", Role.ASSESSOR, null, null);
    }

    private Case register(String phone, String topic, String demand, Instant submitted) {
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, topic, "王女士",
                phone, "幸福小区3号楼2单元", demand, null, submitted, null), agent, Instant.now());
    }

    /** A complaint dispatched to the team and its steward. */
    private Case dispatched(String phone, Instant submitted) {
        Case c = register(phone, "TEMPERATURE", "室温只有 15 度", submitted);
        return desk.dispatch(c.id(), c.version(), agent, Instant.now(), team, steward);
    }

    private Case reload(Case c) {
        return desk.find(c.id()).orElseThrow();
    }

    @Test
    void intakeSavesACaseAndTheListShowsIt() throws Exception {
        mvc.perform(get("/cases/new").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("受理登记"), containsString("hx-get=\"/cases/new/caller\""),
                        containsString("keyup changed delay:300ms"), containsString("室温不达标"))));
        String phone = phone();
        String submitted = INPUT.format(Instant.now().minus(Duration.ofHours(3)).atZone(ZONE));
        MvcResult saved = mvc.perform(post("/cases/new").with(as(agent)).with(csrf()).param("channel", "WALK_IN")
                        .param("category", "COMPLAINT").param("topic", "TEMPERATURE").param("citizenName", "王女士")
                        .param("citizenPhone", phone).param("address", "幸福小区3号楼").param("demand", "暖气不热")
                        .param("submittedAt", submitted).param("unit", team).param("handler", steward))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "intake.savedAndDispatched")).andReturn();
        Case c = desk.earlierCases(phone, Instant.now()).get(0);
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + c.caseNo());
        assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(c.channel()).isEqualTo(Channel.WALK_IN);
        assertThat(c.submittedAt()).isEqualTo(Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES)
                .atZone(ZONE).withSecond(0).toInstant().truncatedTo(ChronoUnit.MINUTES));
        assertThat(c.recordedAt()).isAfter(c.submittedAt());
        mvc.perform(get("/cases").param("phone", phone).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(c.caseNo()), containsString("共 1 件"),
                        containsString(phone), containsString("联系时限"))));
        mvc.perform(get("/cases/" + c.caseNo()).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("暖气不热"), containsString("已派单"))));
    }

    @Test
    void aListOfSeveralPagesSaysItsSortByPointsAtStakeSortsThePageShown() throws Exception {
        String phone = phone();
        for (int i = 0; i <= CaseListController.PAGE_SIZE; i++) {
            register(phone, "TEMPERATURE", "室温低 " + i, Instant.now().minus(Duration.ofMinutes(i + 1)));
        }
        mvc.perform(get("/cases").param("phone", phone).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 21 件,第 1/2 页"),
                        containsString("本页按考核风险排序"))));
        mvc.perform(get("/my-work").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">按考核风险排序<"),
                        not(containsString("本页按考核风险排序")))));
    }

    @Test
    void aLateClockWhoseDeductionExceedsItsItemSaysTheItemStopsAtZero() throws Exception {
        Instant then = Instant.now().minus(Duration.ofHours(31));
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "王女士", phone(), "幸福小区3号楼2单元", "室温低", null, then, null), agent, then);
        desk.dispatch(c.id(), c.version(), agent, then.plus(Duration.ofMinutes(5)), team, steward);
        // the contact clock is about 29 hours late: 2 points a started hour, far more than the item's 10
        mvc.perform(get("/cases/" + c.caseNo()).with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("联系已超时"),
                        containsString("(2.1 项满分 10 分,得分最低为 0 分,不会扣得更多)"))));
    }

    @Test
    void badIntakeRedisplaysTheFormAndSavesNothing() throws Exception {
        String phone = phone();
        mvc.perform(post("/cases/new").with(as(agent)).with(csrf()).param("channel", "NOPE").param("category", "")
                        .param("citizenPhone", phone).param("demand", "").param("submittedAt", "yesterday")
                        .param("unit", "NO-SUCH-UNIT"))
                .andExpect(status().isOk()).andExpect(view().name(IntakeController.VIEW_INTAKE))
                .andExpect(content().string(allOf(containsString("请填写诉求内容"), containsString("时间格式不正确"),
                        containsString("没有这个单位"))));
        String future = INPUT.format(Instant.now().plus(Duration.ofDays(2)).atZone(ZONE));
        mvc.perform(post("/cases/new").with(as(agent)).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "CONSULTATION").param("citizenPhone", phone).param("demand", "问价格")
                        .param("submittedAt", future))
                .andExpect(status().isOk()).andExpect(content().string(containsString("不能晚于当前时间")));
        assertThat(desk.earlierCases(phone, Instant.now().plus(Duration.ofDays(3)))).isEmpty();
        mvc.perform(get("/cases/new").with(as(handler))).andExpect(status().isForbidden());
    }

    @Test
    void thePhoneLookupListsEarlierCasesAndFlagsARepeat() throws Exception {
        String phone = phone();
        Case earlier = register(phone, "LEAK", "漏水", Instant.now().minus(Duration.ofDays(2)));
        mvc.perform(get("/cases/new/caller").param("citizenPhone", phone).param("topic", "LEAK").with(as(agent)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(earlier.caseNo()), containsString("repeat-warning"),
                        containsString("疑似重复投诉"), containsString("30 天内"), not(containsString("navbar")))));
        mvc.perform(get("/cases/new/caller").param("citizenPhone", phone).param("topic", "BILLING").with(as(agent)))
                .andExpect(content().string(allOf(containsString(earlier.caseNo()), not(containsString("repeat-warning")))));
        mvc.perform(get("/cases/new/caller").param("citizenPhone", phone()).param("topic", "漏水")
                        .param("lang", "en").with(as(agent)))
                .andExpect(content().string(containsString("No earlier cases")));
        // typed again and again as the agent types: every look-up gives its connection back (the pool holds 10)
        for (int i = 0; i < 25; i++) {
            mvc.perform(get("/cases/new/caller").param("citizenPhone", phone).param("topic", "LEAK").with(as(agent)))
                    .andExpect(status().isOk()).andExpect(content().string(containsString(earlier.caseNo())));
        }
    }

    @Test
    void eachTransitionThroughTheCasePageAdvancesTheStateAndHistory() throws Exception {
        Case c = register(phone(), "TEMPERATURE", "室温低", Instant.now().minus(Duration.ofMinutes(10)));
        String page = "/cases/" + c.caseNo();
        mvc.perform(get(page).with(as(agent))).andExpect(content().string(allOf(
                containsString("action-dispatch"), containsString("name=\"version\" value=\"" + c.version() + "\""),
                containsString("name=\"_csrf\""))));
        // a button says what it does, in either language (the history says what was done)
        mvc.perform(get(page).param("lang", "en").with(as(agent))).andExpect(content().string(allOf(
                containsString(">Dispatch</button>"), not(containsString(">dispatched</button>")))));
        mvc.perform(post(page + "/do/dispatch").with(as(agent)).with(csrf()).param("version", "" + c.version())
                        .param("unit", team).param("handler", steward))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("message", "case.done"));
        c = reload(c);
        assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(c.unit()).isEqualTo(team);

        mvc.perform(get(page).with(as(handler))).andExpect(status().isOk())
                .andExpect(content().string(containsString("action-contact")));
        mvc.perform(post(page + "/do/contact").with(as(handler)).with(csrf()).param("version", "" + c.version()))
                .andExpect(status().is3xxRedirection());
        c = reload(c);
        assertThat(c.state()).isEqualTo(CaseState.IN_PROGRESS);
        mvc.perform(post(page + "/do/solution").with(as(handler)).with(csrf()).param("version", "" + c.version())
                        .param("text", "已调整阀门"))
                .andExpect(status().is3xxRedirection());
        c = reload(c);
        assertThat(c.state()).isEqualTo(CaseState.SOLUTION_GIVEN);
        assertThat(c.solution()).isEqualTo("已调整阀门");
        mvc.perform(post(page + "/do/complete").with(as(handler)).with(csrf()).param("version", "" + c.version())
                        .param("resolved", "true"))
                .andExpect(status().is3xxRedirection());
        c = reload(c);
        assertThat(c.state()).isEqualTo(CaseState.COMPLETED);
        // the handler's view is kept; resolved is the citizen's to confirm
        assertThat(c.handlerResolved()).isTrue();
        assertThat(c.resolved()).isFalse();
        assertThat(desk.history(c.id()).stream().map(HistoryEntry::action).distinct())
                .contains("DISPATCH", "CONTACT", "SOLUTION", "COMPLETE");
        assertThat(desk.history(c.id())).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("CONTACT");
            assertThat(h.actor()).isEqualTo(steward);
            assertThat(h.field()).isEqualTo("state");
            assertThat(h.after()).isEqualTo("IN_PROGRESS");
        });
        mvc.perform(get(page).with(as(agent))).andExpect(content().string(allOf(containsString("已办结"),
                containsString("派单"), containsString("联系用户"), containsString("action-evaluate"),
                // the history names the unit and the people, the API keeps the codes
                containsString("→ </span><span>维修一班" + team), containsString("→ </span><span>李管家(" + steward + ")"),
                containsString("李管家(" + steward + ")</span>"))));
        // the handler has nothing more to do; the assessor never has
        mvc.perform(get(page).with(as(handler))).andExpect(content().string(not(containsString("action-"))));
        mvc.perform(post(page + "/do/close").with(as(assessor)).with(csrf()).param("version", "" + c.version()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRefusedTransitionShowsWhyAndAStaleVersionShowsTheCaseChanged() throws Exception {
        Case c = dispatched(phone(), Instant.now().minus(Duration.ofMinutes(5)));
        String page = "/cases/" + c.caseNo();
        mvc.perform(post(page + "/do/complete").with(as(handler)).with(csrf()).param("version", "" + c.version()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(containsString("工单当前状态为已派单,不能办结。"),
                        containsString("id=\"refusal\""))));
        mvc.perform(post(page + "/do/complete").param("lang", "en").with(as(handler)).with(csrf())
                        .param("version", "" + c.version()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("The case is dispatched; it cannot be completed.")));
        assertThat(reload(c).state()).isEqualTo(CaseState.DISPATCHED);

        mvc.perform(post(page + "/do/contact").with(as(handler)).with(csrf()).param("version", "" + c.version()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(page + "/do/contact").with(as(handler)).with(csrf()).param("version", "" + c.version()))
                .andExpect(status().isConflict())
                .andExpect(content().string(allOf(containsString("已被他人修改"), containsString("当前状态:处理中"))));
        mvc.perform(post(page + "/do/contact").with(as(handler)).with(csrf()).param("version", "not a number"))
                .andExpect(status().isConflict());
        mvc.perform(post(page + "/do/dispatch").with(as(agent)).with(csrf()).param("version", "" + reload(c).version())
                        .param("unit", "NO-SUCH-UNIT"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("没有编码为 NO-SUCH-UNIT 的单位")));
        mvc.perform(post(page + "/do/fly").with(as(agent)).with(csrf()).param("version", "1"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aManagerOfAnotherBranchGets404AndDoesNotSeeTheCaseInTheList() throws Exception {
        String phone = phone();
        Case c = dispatched(phone, Instant.now().minus(Duration.ofMinutes(5)));
        mvc.perform(get("/cases/" + c.caseNo()).with(as(otherManager))).andExpect(status().isNotFound());
        mvc.perform(post("/cases/" + c.caseNo() + "/do/contact").with(as(otherManager)).with(csrf())
                .param("version", "" + c.version())).andExpect(status().isNotFound());
        mvc.perform(get("/cases").param("phone", phone).with(as(otherManager))).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString(c.caseNo())), containsString("共 0 件"))));
        mvc.perform(get("/cases").param("unit", team).with(as(otherManager)))
                .andExpect(content().string(not(containsString(c.caseNo()))));
        mvc.perform(get("/cases/" + c.caseNo()).with(as(manager))).andExpect(status().isOk());
        mvc.perform(get("/cases").param("phone", phone).with(as(manager)))
                .andExpect(content().string(containsString(c.caseNo())));
        mvc.perform(get("/cases").param("phone", phone).with(as(handler)))
                .andExpect(content().string(containsString(c.caseNo())));
        mvc.perform(get("/cases/NO-SUCH-CASE").with(as(agent))).andExpect(status().isNotFound());
        mvc.perform(get("/my-work").with(as(handler))).andExpect(status().isOk())
                .andExpect(content().string(containsString(c.caseNo())));
        mvc.perform(get("/my-work").with(as(otherManager))).andExpect(content().string(not(containsString(c.caseNo()))));
    }

    @Test
    void thePhoneIsMaskedOutOfRoleAndRevealedWithAHistoryEntry() throws Exception {
        String phone = phone();
        Case c = dispatched(phone, Instant.now().minus(Duration.ofMinutes(5)));
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        mvc.perform(get("/cases").param("text", c.caseNo()).with(as(assessor)))
                .andExpect(content().string(allOf(containsString(c.caseNo()), containsString(masked),
                        not(containsString(phone)))));
        mvc.perform(get("/cases").param("text", c.caseNo()).with(as(manager)))
                .andExpect(content().string(containsString(phone)));
        mvc.perform(get("/cases/" + c.caseNo()).with(as(assessor)))
                .andExpect(content().string(allOf(containsString(masked), not(containsString(phone)),
                        not(containsString("reveal-phone")), not(containsString("action-")))));
        mvc.perform(post("/cases/" + c.caseNo() + "/reveal-phone").with(as(assessor)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/cases/" + c.caseNo()).with(as(agent)))
                .andExpect(content().string(allOf(containsString(masked), containsString("reveal-phone"))));
        mvc.perform(post("/cases/" + c.caseNo() + "/reveal-phone").with(as(agent)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("phoneRevealed", true));
        mvc.perform(get("/cases/" + c.caseNo()).flashAttr("phoneRevealed", true).with(as(agent)))
                .andExpect(content().string(allOf(containsString(phone), containsString("查看完整号码"))));
        assertThat(desk.history(c.id())).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo(PhoneReveals.ACTION);
            assertThat(h.actor()).isEqualTo(agent.username());
            assertThat(h.after()).isNull();
        });
        assertThat(reload(c).version()).isEqualTo(c.version());
    }

    @Test
    void userTextIsShownEscaped() throws Exception {
        String phone = phone();
        Case c = register(phone, "<b>topic</b>", "<script>alert(1)</script>", Instant.now().minus(Duration.ofMinutes(1)));
        mvc.perform(get("/cases/" + c.caseNo()).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>alert(1)")), not(containsString("<b>topic</b>")))));
        mvc.perform(get("/cases").param("phone", phone).with(as(agent)))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("&lt;b&gt;topic&lt;/b&gt;"),
                        not(containsString("<b>topic</b>")))));
    }

    @Test
    void oddListParametersAreIgnoredNotFailed() throws Exception {
        mvc.perform(get("/cases").param("state", "FOO").param("from", "garbage").param("to", "2026-13-45")
                        .param("page", "-3").param("unit", "NOPE").with(as(agent)))
                .andExpect(status().isOk());
        mvc.perform(get("/cases").param("page", "99999999999").param("lang", "en").with(as(assessor)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Cases")));
    }

    @Test
    void theDashboardCountsTheViewersCases() throws Exception {
        Case late = dispatched(phone(), Instant.now().minus(Duration.ofDays(4)));
        Case fresh = dispatched(phone(), Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(desk.clocks(late, Instant.now()).clocks()).anySatisfy(k -> assertThat(k.colour().name()).isEqualTo("RED"));
        mvc.perform(get("/dashboard").with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("在办工单(2 件)"),
                        containsString("data-colour=\"RED\">1<"), containsString("data-colour=\"GREEN\">1<"),
                        containsString("\"units\":[\"维修一班" + team + "\"],\"late\":[1]"),
                        containsString("echarts.min.js"), containsString("暂无预警"))));
        mvc.perform(get("/dashboard").with(as(otherManager)))
                .andExpect(content().string(allOf(containsString("在办工单(0 件)"), containsString("\"units\":[]"))));
        mvc.perform(get("/dashboard").param("lang", "en").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Today&#39;s intake"), containsString("Hotline"))));
        assertThat(fresh.state()).isEqualTo(CaseState.DISPATCHED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void casesNotYetDispatchedShowTheirRunningClocksInListsMyWorkAndTheDashboard() throws Exception {
        java.util.function.Supplier<java.util.Map<String, Object>> dashboard = () -> {
            try {
                return mvc.perform(get("/dashboard").with(as(agent))).andExpect(status().isOk()).andReturn()
                        .getModelAndView().getModel();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.Map<String, Object> before = dashboard.get();
        String phone = phone();
        // accepted by the agent, not dispatched; and a WeChat case still SUBMITTED
        Case accepted = register(phone, "TEMPERATURE", "室温只有 15 度", Instant.now().minus(Duration.ofMinutes(5)));
        Case submitted = desk.registerOnline(new org.warmline.cases.OnlineCommand(UUID.randomUUID().toString(),
                Channel.WECHAT, null, Category.COMPLAINT, false, "TEMPERATURE", "钱先生", phone, "幸福小区1-1-101",
                "暖气不热", null, null), Instant.now());
        assertThat(accepted.state()).isEqualTo(org.warmline.cases.CaseState.ACCEPTED);
        assertThat(submitted.state()).isEqualTo(org.warmline.cases.CaseState.SUBMITTED);
        for (Case c : List.of(accepted, submitted)) {
            mvc.perform(get("/cases").param("text", c.caseNo()).with(as(agent))).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString(c.caseNo()), containsString("受理时限"),
                            containsString("办理时限"), containsString("data-colour=\"GREEN\""))));
            mvc.perform(get("/cases/" + c.caseNo()).with(as(agent))).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("受理时限"), not(containsString("无时限")))));
        }
        mvc.perform(get("/my-work").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(accepted.caseNo()), containsString(submitted.caseNo()),
                        containsString("受理时限"))));
        java.util.Map<String, Object> after = dashboard.get();
        var greenBefore = ((java.util.Map<org.warmline.cases.CaseClocks.Colour, Long>) before.get("byColour"))
                .get(org.warmline.cases.CaseClocks.Colour.GREEN);
        var greenAfter = ((java.util.Map<org.warmline.cases.CaseClocks.Colour, Long>) after.get("byColour"))
                .get(org.warmline.cases.CaseClocks.Colour.GREEN);
        assertThat(greenAfter).as("both counted green on the dashboard").isEqualTo(greenBefore + 2);
        assertThat(after.get("noClock")).as("neither counted as without a clock").isEqualTo(before.get("noClock"));
        assertThat((Long) after.get("openTotal")).isEqualTo((Long) before.get("openTotal") + 2);
    }
}
