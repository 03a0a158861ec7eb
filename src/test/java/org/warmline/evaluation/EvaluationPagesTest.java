package org.warmline.evaluation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;
import org.warmline.calendar.Period;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
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
import org.warmline.scheme.Scheme;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The callback queue, the dissatisfied review and the evaluation mix on in-memory H2: the queue's order and waiting
 * time, recording a callback with optimistic locking and validation, who may do it, the review clock's colours, the
 * two findings carried out (re-handled and back in the queue after completion; explained and closed, the explanation
 * on the history), and the PHONE / ONLINE mix against the scheme's targets.
 */
@PagesTest
class EvaluationPagesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;

    @Autowired
    CaseDesk desk;

    @Autowired
    EvaluationDesk evaluations;

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    Scheme scheme;

    String team;
    String otherTeam;
    String steward;
    Account agent;
    Account handler;
    Account otherManager;
    Account assessor;

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static RequestPostProcessor as(Account account) {
        return user(account.username()).roles(account.role().name());
    }

    @BeforeEach
    void organisation() {
        team = code("T");
        otherTeam = code("T");
        steward = code("S");
        organization.saveAll(List.of(new Unit(team, "维修一班" + team, UnitKind.TEAM, null),
                        new Unit(otherTeam, "维修二班" + otherTeam, UnitKind.TEAM, null)),
                List.of(new Staff(steward, "李管家" + steward, Post.STEWARD, team)));
        agent = accounts.create(code("agent"), "secret password", Role.AGENT, null, null);
        handler = accounts.create(code("handler"), "secret password", Role.HANDLER, steward, team);
        otherManager = accounts.create(code("mgr"), "secret password", Role.UNIT_MANAGER, null, otherTeam);
        assessor = accounts.create(code("assessor"), "secret password", Role.ASSESSOR, null, null);
    }

    /** A complaint submitted at {@code at}, handled and completed {@code after} later. */
    private Case completed(Instant at, Duration after) {
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "王女士", phone(), "幸福小区3号楼", "室温只有 15 度", null, at, null), agent, at);
        c = desk.dispatch(c.id(), c.version(), agent, at, team, steward);
        c = desk.contact(c.id(), c.version(), handler, at.plus(Duration.ofMinutes(30)));
        c = desk.giveSolution(c.id(), c.version(), handler, at.plus(after), "已调整阀门");
        return desk.complete(c.id(), c.version(), handler, at.plus(after), true);
    }

    private Case reload(Case c) {
        return desk.find(c.id()).orElseThrow();
    }

    @Test
    void theQueueListsCompletedCasesLongestWaitingFirstWithHowLong() throws Exception {
        Instant now = Instant.now();
        Case recent = completed(now.minus(Duration.ofHours(3)), Duration.ofHours(1));
        Case older = completed(now.minus(Duration.ofDays(3)), Duration.ofHours(2));
        Case open = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "LEAK",
                "赵先生", phone(), "幸福小区5号楼", "漏水", null, now, null), agent, now);

        List<EvaluationDesk.Waiting> queue = evaluations.callbackQueue(agent, now);
        List<String> numbers = queue.stream().map(w -> w.c().caseNo()).toList();
        assertThat(numbers).contains(recent.caseNo(), older.caseNo()).doesNotContain(open.caseNo());
        assertThat(numbers.indexOf(older.caseNo())).isLessThan(numbers.indexOf(recent.caseNo()));
        EvaluationDesk.Waiting waiting = queue.get(numbers.indexOf(older.caseNo()));
        assertThat(waiting.waited()).isBetween(Duration.ofHours(70).minusMillis(1), Duration.ofHours(70).plusMinutes(1));

        String page = mvc.perform(get("/callbacks").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("已等待 2 天 22 小时"), containsString(older.citizenPhone()),
                        containsString("action=\"/callbacks/" + older.caseNo() + "\""), containsString("_csrf"),
                        containsString("evaluation-mix"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page.indexOf(older.caseNo())).isLessThan(page.indexOf(recent.caseNo()));
        // an assessor reads the queue, without the forms; a unit manager of another team sees none of these cases
        mvc.perform(get("/callbacks").with(as(assessor))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(older.caseNo()),
                        not(containsString("action=\"/callbacks/" + older.caseNo() + "\"")))));
        mvc.perform(get("/callbacks").with(as(otherManager))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(older.caseNo()))));
    }

    @Test
    void anAgentRecordsThePhoneEvaluationWithTheCitizensWords() throws Exception {
        Case c = completed(Instant.now().minus(Duration.ofHours(5)), Duration.ofHours(1));
        mvc.perform(post("/callbacks/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("level", "SATISFIED")
                        .param("resolved", "true").param("words", "师傅很负责,现在暖和了"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/callbacks"))
                .andExpect(flash().attribute("message", "callback.recorded"));
        Case after = reload(c);
        assertThat(after.state()).isEqualTo(CaseState.EVALUATED);
        assertThat(after.evaluation()).isEqualTo(EvaluationLevel.SATISFIED);
        assertThat(after.evaluationChannel()).isEqualTo(EvaluationChannel.PHONE);
        assertThat(after.evaluationComment()).isEqualTo("师傅很负责,现在暖和了");
        // the citizen's answer is the case's resolution (scheme 2.3)
        assertThat(after.resolved()).isTrue();
        assertThat(after.resolution()).isEqualTo(org.warmline.cases.Resolution.RESOLVED);
        assertThat(after.resolutionSource()).isEqualTo(org.warmline.cases.Resolution.Source.CALLBACK);
        assertThat(desk.history(c.id())).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("EVALUATE");
            assertThat(h.actor()).isEqualTo(CaseDesk.actor(agent));
        });
        assertThat(evaluations.callbackQueue(agent, Instant.now())).noneMatch(w -> w.c().id().equals(c.id()));
    }

    @Test
    void aStaleVersionOrAMissingLevelChangesNothingAndSaysWhy() throws Exception {
        Case c = completed(Instant.now().minus(Duration.ofHours(5)), Duration.ofHours(1));
        mvc.perform(post("/callbacks/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version() - 1)).param("level", "SATISFIED")
                        .param("resolved", "true"))
                .andExpect(status().isConflict())
                .andExpect(content().string(allOf(containsString("callback-error"), containsString("已被他人修改"))));
        mvc.perform(post("/callbacks/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("words", "<i>好</i>"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请选择评价等级")));
        mvc.perform(post("/callbacks/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("level", "GREAT").param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The evaluation level is not valid")));
        assertThat(reload(c).state()).isEqualTo(CaseState.COMPLETED);
        assertThat(reload(c).version()).isEqualTo(c.version());
    }

    @Test
    void onlyAgentsRecordCallbacksAndReviewsAndOnlyOnCasesInScope() throws Exception {
        Case c = completed(Instant.now().minus(Duration.ofHours(5)), Duration.ofHours(1));
        for (Account reader : List.of(handler, assessor)) {
            mvc.perform(post("/callbacks/" + c.caseNo()).with(as(reader)).with(csrf())
                    .param("version", String.valueOf(c.version())).param("level", "SATISFIED")
                    .param("resolved", "true"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/callbacks/" + c.caseNo()).with(as(otherManager)).with(csrf())
                .param("version", String.valueOf(c.version())).param("level", "SATISFIED").param("resolved", "true"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/callbacks/" + c.caseNo()).with(as(agent))
                .param("version", String.valueOf(c.version())).param("level", "SATISFIED").param("resolved", "true"))
                .andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/reviews/" + c.caseNo()).with(as(assessor)).with(csrf())
                .param("version", String.valueOf(c.version())).param("finding", "SERVICE_PROBLEM"))
                .andExpect(status().isForbidden());
        assertThat(reload(c).state()).isEqualTo(CaseState.COMPLETED);
    }

    @Test
    void anUnsatisfiedCallbackOpensAReviewWhoseClockTurnsAmberThenRed() throws Exception {
        Instant now = Instant.now();
        Case fresh = completed(now.minus(Duration.ofDays(2)), Duration.ofHours(2));
        Case amber = completed(now.minus(Duration.ofDays(2)), Duration.ofHours(2));
        Case red = completed(now.minus(Duration.ofDays(3)), Duration.ofHours(2));
        mvc.perform(post("/callbacks/" + fresh.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(fresh.version())).param("level", "UNSATISFIED")
                        .param("resolved", "false").param("words", "还是不热"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "callback.recordedUnsatisfied"));
        desk.evaluate(amber.id(), amber.version(), agent, now.minus(Duration.ofHours(20)), EvaluationLevel.UNSATISFIED,
                EvaluationChannel.PHONE, "不满意");
        desk.evaluateOnline(red.id(), red.version(), now.minus(Duration.ofHours(25)), EvaluationLevel.UNSATISFIED,
                "太慢");
        assertThat(reload(fresh).state()).isEqualTo(CaseState.REVIEW);

        List<EvaluationDesk.UnderReview> reviews = evaluations.reviewQueue(agent, now);
        assertThat(colour(reviews, fresh)).isEqualTo(CaseClocks.Colour.GREEN);
        assertThat(colour(reviews, amber)).isEqualTo(CaseClocks.Colour.AMBER);
        assertThat(colour(reviews, red)).isEqualTo(CaseClocks.Colour.RED);
        List<String> order = reviews.stream().map(r -> r.c().caseNo()).toList();
        assertThat(order.indexOf(red.caseNo())).isLessThan(order.indexOf(amber.caseNo()));
        assertThat(order.indexOf(amber.caseNo())).isLessThan(order.indexOf(fresh.caseNo()));
        assertThat(evaluations.reviewClocks(reviews).get(CaseClocks.Colour.RED)).isGreaterThanOrEqualTo(1);

        mvc.perform(get("/reviews").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(red.caseNo()), containsString("太慢"),
                        containsString("review-clock"), containsString("data-colour=\"RED\""))));
        mvc.perform(get("/dashboard").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("evaluation-queues"),
                        containsString("class=\"fs-3 fw-bold review-count text-danger\" data-colour=\"RED\""),
                        containsString("evaluation-mix"))));
        mvc.perform(get("/cases/" + amber.caseNo()).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("data-colour=\"AMBER\""))));
    }

    private static CaseClocks.Colour colour(List<EvaluationDesk.UnderReview> reviews, Case c) {
        return reviews.stream().filter(r -> r.c().id().equals(c.id())).findFirst().orElseThrow().clock().colour();
    }

    @Test
    void aServiceProblemIsHandledAgainAndComesBackForACallbackAfterCompletion() throws Exception {
        Case done0 = completed(Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(2));
        Case c = desk.evaluate(done0.id(), done0.version(), agent, Instant.now().minus(Duration.ofHours(2)),
                EvaluationLevel.UNSATISFIED, EvaluationChannel.PHONE, "还是冷");
        mvc.perform(post("/reviews/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("finding", "SERVICE_PROBLEM"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/reviews"))
                .andExpect(flash().attribute("message", "review.done.SERVICE_PROBLEM"));
        Case rehandled = reload(c);
        assertThat(rehandled.state()).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(rehandled.reviewFinding()).isEqualTo(ReviewFinding.SERVICE_PROBLEM);
        assertThat(rehandled.reviewedAt()).isNotNull();
        assertThat(rehandled.rehandledAt()).isNotNull();
        assertThat(desk.history(c.id())).extracting(HistoryEntry::action).contains("REVIEW", "REHANDLE");

        Instant again = Instant.now();
        Case sol = desk.giveSolution(c.id(), rehandled.version(), handler, again, "更换了散热器");
        Case done = desk.complete(c.id(), sol.version(), handler, again, true);
        EvaluationDesk.Waiting waiting = evaluations.callbackQueue(agent, Instant.now()).stream()
                .filter(w -> w.c().id().equals(c.id())).findFirst().orElseThrow();
        assertThat(waiting.since()).isAfter(done.completedAt()); // waiting since the second completion
        assertThat(Duration.between(waiting.since(), again).abs()).isLessThan(Duration.ofMillis(1));
    }

    @Test
    void aMisunderstandingNeedsTheExplanationThenClosesTheCaseWithItOnTheHistory() throws Exception {
        Case done0 = completed(Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(2));
        Case c = desk.evaluate(done0.id(), done0.version(), agent, Instant.now().minus(Duration.ofHours(2)),
                EvaluationLevel.UNSATISFIED, EvaluationChannel.PHONE, "收费不合理");
        mvc.perform(post("/reviews/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("finding", "MISUNDERSTANDING"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("review-error"), containsString("请填写向群众所作的解释"))));
        mvc.perform(post("/reviews/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请选择复核结论")));
        assertThat(reload(c).state()).isEqualTo(CaseState.REVIEW);
        assertThat(reload(c).reviewedAt()).isNull();

        mvc.perform(post("/reviews/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("finding", "MISUNDERSTANDING")
                        .param("explanation", "按面积计费,已向用户说明<b>收费标准</b>"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "review.done.MISUNDERSTANDING"));
        Case closed = reload(c);
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.reviewFinding()).isEqualTo(ReviewFinding.MISUNDERSTANDING);
        assertThat(closed.explainedAt()).isNotNull();
        assertThat(desk.history(c.id())).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("EXPLAIN");
            assertThat(h.note()).isEqualTo("按面积计费,已向用户说明<b>收费标准</b>");
        });
        mvc.perform(get("/cases/" + c.caseNo()).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("已向用户说明&lt;b&gt;收费标准&lt;/b&gt;"),
                        not(containsString("<b>收费标准</b>")))));
        // the same form again: the case has moved on
        mvc.perform(post("/reviews/" + c.caseNo()).with(as(agent)).with(csrf())
                        .param("version", String.valueOf(closed.version())).param("finding", "MISUNDERSTANDING")
                        .param("explanation", "再次说明"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void theCasePageExplainsOnlyWithTheExplanationGiven() throws Exception {
        Case done0 = completed(Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(2));
        Case evaluated = desk.evaluate(done0.id(), done0.version(), agent, Instant.now().minus(Duration.ofHours(1)),
                EvaluationLevel.UNSATISFIED, EvaluationChannel.PHONE, "不满意");
        Case c = desk.review(evaluated.id(), evaluated.version(), agent, Instant.now(),
                ReviewFinding.MISUNDERSTANDING);
        mvc.perform(get("/cases/" + c.caseNo()).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("向群众所作的解释")));
        mvc.perform(post("/cases/" + c.caseNo() + "/do/explain").with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请填写向群众所作的解释")));
        assertThat(reload(c).state()).isEqualTo(CaseState.REVIEW);
        mvc.perform(post("/cases/" + c.caseNo() + "/do/explain").with(as(agent)).with(csrf())
                        .param("version", String.valueOf(c.version())).param("text", "已上门说明计费方式"))
                .andExpect(status().is3xxRedirection());
        assertThat(reload(c).state()).isEqualTo(CaseState.CLOSED);
        assertThat(desk.history(c.id())).anySatisfy(h -> assertThat(h.note()).isEqualTo("已上门说明计费方式"));
    }

    @Test
    void theMixCountsThePeriodsEvaluationsByChannelAgainstTheSchemesTarget() {
        // a month of its own, long ago, so that the other tests' evaluations do not count
        YearMonth month = YearMonth.of(2024, 2);
        Instant start = LocalDateTime.of(2024, 2, 5, 9, 0).atZone(ZONE).toInstant();
        Period period = Period.month(month);
        EvaluationMix before = evaluations.mix(agent, period);
        for (EvaluationChannel channel : List.of(EvaluationChannel.PHONE, EvaluationChannel.PHONE,
                EvaluationChannel.ONLINE)) {
            Case c = completed(start, Duration.ofHours(3));
            desk.evaluate(c.id(), c.version(), agent, start.plus(Duration.ofDays(1)), EvaluationLevel.SATISFIED,
                    channel, null);
        }
        Case nextMonth = completed(start.plus(Duration.ofDays(30)), Duration.ofHours(3));
        desk.evaluate(nextMonth.id(), nextMonth.version(), agent, start.plus(Duration.ofDays(31)),
                EvaluationLevel.SATISFIED, EvaluationChannel.ONLINE, null);

        EvaluationMix mix = evaluations.mix(agent, period);
        assertThat(mix.phone() - before.phone()).isEqualTo(2);
        assertThat(mix.online() - before.online()).isEqualTo(1);
        assertThat(mix.phoneTarget()).isEqualByComparingTo(scheme.items().coverage().phoneTarget());
        assertThat(mix.onlineTarget()).isEqualByComparingTo(scheme.items().coverage().onlineTarget());
        // the cases are all of the agent's scope; none of another team's manager's
        EvaluationMix elsewhere = evaluations.mix(otherManager, period);
        assertThat(elsewhere.total()).isZero();
        EvaluationMix mine = evaluations.mix(handler, period);
        assertThat(mine.total()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theCallbackPageShowsTheMixOfAChosenPeriodAndRefusesANonPeriodClearly() throws Exception {
        Instant start = LocalDateTime.of(2023, 11, 6, 9, 0).atZone(ZONE).toInstant();
        Case c = completed(start, Duration.ofHours(3));
        desk.evaluate(c.id(), c.version(), agent, start.plus(Duration.ofDays(1)), EvaluationLevel.BASIC,
                EvaluationChannel.PHONE, null);
        EvaluationMix mix = evaluations.mix(agent, Period.month(YearMonth.of(2023, 11)));
        mvc.perform(get("/callbacks").param("period", "2023-11").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("2023-11 评价方式"),
                        containsString("id=\"mix-phone\">" + mix.phone() + "<"),
                        containsString("id=\"mix-phone-target\">70%<"), containsString("id=\"mix-online-target\">30%<"))));
        mvc.perform(get("/callbacks").param("period", "<b>nope</b>").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("不是考核周期"),
                        containsString("&lt;b&gt;nope&lt;/b&gt;"), not(containsString("<b>nope</b>")))));
        mvc.perform(get("/dashboard").with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("evaluation-mix"), containsString("callbacks-waiting"))));
    }

    @Test
    void sharesAndTheGapToTheTargetAreComputedFromTheCounts() {
        EvaluationMix mix = new EvaluationMix("2026-01", 2, 1, new BigDecimal("65"), new BigDecimal("35"));
        assertThat(mix.total()).isEqualTo(3);
        assertThat(mix.phoneShare()).isEqualByComparingTo("66.7");
        assertThat(mix.onlineShare()).isEqualByComparingTo("33.3");
        assertThat(mix.phoneGap()).isEqualByComparingTo("1.7");
        EvaluationMix low = new EvaluationMix("2026-01", 1, 3, new BigDecimal("70"), new BigDecimal("30"));
        assertThat(low.phoneShare()).isEqualByComparingTo("25.0");
        assertThat(low.phoneGap()).isEqualByComparingTo("-45.0");
        EvaluationMix none = new EvaluationMix("2026-01", 0, 0, new BigDecimal("70"), new BigDecimal("30"));
        assertThat(none.phoneShare()).isNull();
        assertThat(none.phoneGap()).isNull();
    }
}
