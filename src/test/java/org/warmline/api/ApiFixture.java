package org.warmline.api;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmline.PagesTest;
import org.warmline.assessing.Publications;
import org.warmline.cases.Case;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.OnlineCommand;
import org.warmline.cases.RegisterCommand;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Post;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;
import org.warmline.ledger.CaseColumn;

/**
 * The API on an in-memory H2 database with a small organisation — HQ; branch B1 with teams T1 (steward S01) and T2;
 * branch B2 with team T3 (steward S03) — and one account with an API token per role and scope. Cases are made
 * through the desk in whatever state a test needs, dispatched to T1 / S01 (in scope for B1's manager and S01, out of
 * scope for B2's manager and S03).
 */
@PagesTest
public abstract class ApiFixture {

    /** Who calls: a role and, for managers and handlers, whether the case is in their scope. */
    public enum Caller { ADMIN, ASSESSOR, AGENT, MANAGER_IN, MANAGER_OUT, HANDLER_IN, HANDLER_OUT, NONE }

    protected static final String PHONE = "13812345678";
    static final String MASKED = "138****5678";

    private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);
    private static final Map<Caller, Account> ACCOUNTS = new EnumMap<>(Caller.class);

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected CaseDesk desk;
    @Autowired
    AccountStore accountStore;
    @Autowired
    OrganizationStore organization;
    @Autowired
    CaseLedgerStore ledger;
    @Autowired
    Publications publications;

    @BeforeEach
    void organisationAndAccounts() {
        synchronized (TOKENS) {
            if (!TOKENS.isEmpty() && accountStore.find(ACCOUNTS.get(Caller.AGENT).username()).isPresent()) {
                return;
            }
            TOKENS.clear();
            ACCOUNTS.clear();
            organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                            new Unit("B1", "城东分公司", UnitKind.BRANCH, null),
                            new Unit("T1", "城东维修一班", UnitKind.TEAM, "B1"),
                            new Unit("T2", "城东维修二班", UnitKind.TEAM, "B1"),
                            new Unit("B2", "城西分公司", UnitKind.BRANCH, null),
                            new Unit("T3", "城西维修一班", UnitKind.TEAM, "B2")),
                    List.of(new Staff("A01", "张客服", Post.AGENT, "HQ"), new Staff("S01", "李管家", Post.STEWARD, "T1"),
                            new Staff("S03", "赵管家", Post.STEWARD, "T3")));
            account(Caller.ADMIN, Role.ADMIN, null, null);
            account(Caller.ASSESSOR, Role.ASSESSOR, null, null);
            account(Caller.AGENT, Role.AGENT, "A01", "HQ");
            account(Caller.MANAGER_IN, Role.UNIT_MANAGER, null, "B1");
            account(Caller.MANAGER_OUT, Role.UNIT_MANAGER, null, "B2");
            account(Caller.HANDLER_IN, Role.HANDLER, "S01", "T1");
            account(Caller.HANDLER_OUT, Role.HANDLER, "S03", "T3");
        }
    }

    private void account(Caller caller, Role role, String staff, String unit) {
        String username = caller.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        ACCOUNTS.put(caller, accountStore.create(username, "secret password", role, staff, unit));
        TOKENS.put(caller, accountStore.newApiToken(username));
    }

    protected static Account account(Caller caller) {
        return ACCOUNTS.get(caller);
    }

    /** The request as the caller (no Authorization header for NONE). */
    static MockHttpServletRequestBuilder as(Caller caller, MockHttpServletRequestBuilder request) {
        return caller == Caller.NONE ? request : request.header("Authorization", "Bearer " + TOKENS.get(caller));
    }

    // ---------------------------------------------------------------------------------------------- derived views

    /** A month assessed live (never published) whose warnings name a case of T1: {@link #inconsistentCase}. */
    protected static final String LIVE_MONTH = "2025-03";
    /** A month published (frozen) whose warnings name a case of T1. */
    protected static final String FROZEN_MONTH = "2025-04";
    private static final Map<String, String> WARNED = new java.util.HashMap<>();

    /**
     * The number of a case of T1 / S01 in the month whose acceptance comes before its submission, so that the month's
     * assessment warns about it by number (made once; the frozen month is published after it).
     */
    protected String inconsistentCase(String month) {
        synchronized (WARNED) {
            return WARNED.computeIfAbsent(month, m -> {
                String caseNo = "X" + m.replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 6);
                long submitted = java.time.YearMonth.parse(m).atDay(10).atTime(9, 0)
                        .atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
                ledger.importCases(List.of(org.warmline.ledger.CaseRecord.builder()
                        .set(CaseColumn.CASE_NO, caseNo).set(CaseColumn.CHANNEL, Channel.HOTLINE)
                        .set(CaseColumn.CATEGORY, Category.COMPLAINT).set(CaseColumn.TOPIC, "TEMPERATURE")
                        .set(CaseColumn.CITIZEN_NAME, "王女士").set(CaseColumn.CITIZEN_PHONE, PHONE)
                        .set(CaseColumn.ADDRESS, "幸福小区3-2-501").set(CaseColumn.DEMAND, "卧室室温16度")
                        .at(CaseColumn.SUBMITTED_AT, submitted).at(CaseColumn.RECORDED_AT, submitted)
                        // accepted an hour before it was submitted: a warning of the assessment
                        .at(CaseColumn.ACCEPTED_AT, submitted - 3_600_000).set(CaseColumn.ACCEPTED_BY, "A01")
                        .at(CaseColumn.DISPATCHED_AT, submitted + 600_000).set(CaseColumn.UNIT, "T1")
                        .set(CaseColumn.HANDLER, "S01")
                        .build()));
                if (m.equals(FROZEN_MONTH) && publications.latest(m).isEmpty()) {
                    publications.publish(org.warmline.calendar.Period.parse(m, 1),
                            java.time.YearMonth.parse(m).plusMonths(1).atDay(20).atStartOfDay(
                                    java.time.ZoneId.of("Asia/Shanghai")).toInstant(),
                            account(Caller.ASSESSOR), Instant.now());
                }
                return caseNo;
            });
        }
    }

    /**
     * Three households of one building of T1 reporting a leak within the hour (a cluster alert), as the numbers of their
     * cases and, last, the building.
     */
    protected List<String> clusterInT1() {
        String building = "光明小区" + UUID.randomUUID().toString().substring(0, 6) + "8号楼";
        List<String> out = new java.util.ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "LEAK",
                    "住户" + i, "1390000000" + i, building + (i + 1) + "单元101室", "暖气漏水",
                    now.minusSeconds(1200 - i * 60L), now.minusSeconds(1200 - i * 60L), null), account(Caller.AGENT), now);
            out.add(desk.dispatch(c.id(), c.version(), account(Caller.AGENT), now, "T1", "S01").caseNo());
        }
        out.add(building);
        return out;
    }

    /**
     * A file part of a multipart request ({@code multipart/form-data}) on a plain request builder, so that the tables of
     * endpoints can hold uploads beside other requests.
     */
    public static org.springframework.test.web.servlet.request.RequestPostProcessor filePart(String field, String name,
            String type, byte[] content) {
        return request -> {
            org.springframework.mock.web.MockPart part = new org.springframework.mock.web.MockPart(field, name, content);
            part.getHeaders().setContentType(org.springframework.http.MediaType.parseMediaType(type));
            request.addPart(part);
            request.setContentType("multipart/form-data; boundary=warmline");
            return request;
        };
    }

    // ---------------------------------------------------------------------------------------------- cases in states

    /** A hotline complaint registered and accepted by the agent, not dispatched. */
    protected Case accepted(Category category) {
        Instant now = Instant.now();
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, category, false, "室温不达标", "王女士", PHONE,
                "幸福小区3-2-501", "卧室室温16度", now.minusSeconds(7200), now.minusSeconds(3600), null),
                account(Caller.AGENT), now);
    }

    /** A WeChat case, SUBMITTED, not dispatched (so in no unit's scope). */
    protected Case submittedOnline(Category category) {
        return desk.registerOnline(new OnlineCommand(UUID.randomUUID().toString(), Channel.WECHAT, null, category,
                false, "室温不达标", "钱先生", PHONE, "幸福小区1-1-101", "暖气不热", null, null), Instant.now());
    }

    protected Case dispatched() {
        Case c = accepted(Category.COMPLAINT);
        return desk.dispatch(c.id(), c.version(), account(Caller.AGENT), Instant.now(), "T1", "S01");
    }

    protected Case inProgress() {
        Case c = dispatched();
        return desk.contact(c.id(), c.version(), account(Caller.HANDLER_IN), Instant.now());
    }

    protected Case solutionGiven() {
        Case c = inProgress();
        return desk.giveSolution(c.id(), c.version(), account(Caller.HANDLER_IN), Instant.now(), "更换阀门");
    }

    protected Case completed() {
        Case c = solutionGiven();
        return desk.complete(c.id(), c.version(), account(Caller.HANDLER_IN), Instant.now(), true);
    }

    /** A complex complaint (多户串联故障, 管道改造) dispatched to T1 / S01 and completed: its acceptance is awaited. */
    protected Case completedComplex() {
        Instant now = Instant.now();
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, true, "漏水", "王女士",
                PHONE, "幸福小区3号楼", "整栋楼立管漏水", now.minusSeconds(7200), now.minusSeconds(3600), null),
                account(Caller.AGENT), now);
        c = desk.dispatch(c.id(), c.version(), account(Caller.AGENT), now, "T1", "S01");
        c = desk.contact(c.id(), c.version(), account(Caller.HANDLER_IN), now);
        c = desk.giveSolution(c.id(), c.version(), account(Caller.HANDLER_IN), now, "更换立管");
        return desk.complete(c.id(), c.version(), account(Caller.HANDLER_IN), now, true);
    }

    protected Case evaluated(EvaluationLevel level) {
        Case c = completed();
        return desk.evaluate(c.id(), c.version(), account(Caller.AGENT), Instant.now(), level,
                EvaluationChannel.PHONE, null);
    }

    protected Case reviewed(ReviewFinding finding) {
        Case c = evaluated(EvaluationLevel.UNSATISFIED);
        return desk.review(c.id(), c.version(), account(Caller.AGENT), Instant.now(), finding);
    }
}
