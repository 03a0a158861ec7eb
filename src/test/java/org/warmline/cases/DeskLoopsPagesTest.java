package org.warmline.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.api.ApiFixture;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.notifications.Notice;
import org.warmline.notifications.Notifications;
import org.warmline.organization.RoutingRule;
import org.warmline.organization.RoutingRules;
import org.warmline.security.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages of the loops: the bell on every page, the notifications page (another's notice is 404), the case page's
 * resolution, links and routing proposal, the complete form that no longer ticks "resolved" for the handler, the
 * on-site acceptance, the intake's repeat link, and the dashboard's "in progress" without EVALUATED cases.
 */
class DeskLoopsPagesTest extends ApiFixture {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Autowired
    Notifications notifications;

    @Autowired
    RoutingRules routing;

    private static RequestPostProcessor as(Caller caller) {
        Account a = account(caller);
        return user(a.username()).roles(a.role().name());
    }

    @Test
    void theBellCountsTheUnreadOnEveryPageAndTheNotificationsPageIsOnesOwn() throws Exception {
        Case c = dispatched();
        notifications.send(new Notice(List.of(account(Caller.HANDLER_IN)), Instant.now(),
                KeyedText.of("notification.escalated", c.caseNo(), KeyedText.key("case.clock.CONTACT"), "城东维修一班"),
                c.id(), c.caseNo()));
        long unread = notifications.unreadCount(account(Caller.HANDLER_IN).id());
        long id = notifications.unread(account(Caller.HANDLER_IN).id()).get(0).id();
        for (String page : new String[] {"/", "/cases", "/my-work", "/dashboard"}) {
            mvc.perform(get(page).with(as(Caller.HANDLER_IN))).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"bell\""),
                            containsString("id=\"bell-count\""), containsString(">" + unread + "</span>"))));
        }
        mvc.perform(get("/notifications").with(as(Caller.HANDLER_IN))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("联系时限已超时,已升级至城东维修一班"),
                        containsString("/notifications/" + id + "/open"))));
        mvc.perform(get("/notifications/{id}/open", id).with(as(Caller.MANAGER_OUT))).andExpect(status().isNotFound());
        mvc.perform(get("/notifications/{id}/open", id).with(as(Caller.HANDLER_IN)))
                .andExpect(status().is3xxRedirection());
        assertThat(notifications.unreadCount(account(Caller.HANDLER_IN).id())).isEqualTo(unread - 1);
        // one's own addresses for the channels outside the application, checked
        mvc.perform(post("/notifications/contact").with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("email", "not an address").param("mobile", "12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("请填写有效的电子邮箱地址"), containsString("请填写11位手机号"))));
        mvc.perform(post("/notifications/contact").with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("email", "li@example.com").param("mobile", "139 0000 1111"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("message", "notifications.contactSaved"));
        mvc.perform(get("/notifications").with(as(Caller.HANDLER_IN)))
                .andExpect(content().string(allOf(containsString("li@example.com"), containsString("139 0000 1111"))));
    }

    @Test
    void theCasePageSaysWhereTheResolutionStandsAndNoLongerTicksItForTheHandler() throws Exception {
        Case given = solutionGiven();
        mvc.perform(get("/cases/{no}", given.caseNo()).with(as(Caller.HANDLER_IN))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("办理人认为问题已解决"),
                        containsString("是否解决以用户确认为准"),
                        not(containsString("name=\"resolved\" value=\"true\" id=\"resolved\" checked")))));
        Case done = desk.complete(given.id(), given.version(), account(Caller.HANDLER_IN), Instant.now(), true);
        mvc.perform(get("/cases/{no}", done.caseNo()).with(as(Caller.AGENT))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("data-resolution=\"PENDING\""),
                        containsString("等待用户在电话回访或网上评价中确认问题是否解决"),
                        containsString("办理人意见:已解决(仅供参考,以用户确认为准)"))));
        Case complex = completedComplex();
        mvc.perform(get("/cases/{no}", complex.caseNo()).with(as(Caller.HANDLER_IN)))
                .andExpect(content().string(allOf(containsString("整改已完成,等待用户验收"),
                        containsString("id=\"action-confirm\""), containsString("记录现场验收"))));
        mvc.perform(post("/cases/{no}/do/confirm", complex.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("version", "" + complex.version()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请选择用户现场验收是否通过")));
        mvc.perform(post("/cases/{no}/do/confirm", complex.caseNo()).with(as(Caller.HANDLER_IN)).with(csrf())
                        .param("version", "" + complex.version()).param("accepted", "true"))
                .andExpect(status().is3xxRedirection());
        Case accepted = desk.find(complex.id()).orElseThrow();
        assertThat(accepted.resolved()).isTrue();
        assertThat(accepted.resolutionSource()).isEqualTo(Resolution.Source.ON_SITE);
        mvc.perform(get("/cases/{no}", complex.caseNo()).with(as(Caller.AGENT)))
                .andExpect(content().string(allOf(containsString("data-resolution=\"RESOLVED\""),
                        containsString("用户现场验收(S01 记录于"))));
    }

    @Test
    void theIntakeLinksARepeatAndTheCasePagesShowTheLinkBothWays() throws Exception {
        // a phone of its own: the shared database holds other complaints of the fixture's phone
        String phone = "1370" + String.format("%07d", new java.util.Random().nextInt(10_000_000));
        Instant now = Instant.now();
        Case earlier = desk.registerByAgent(new RegisterCommand(org.warmline.ledger.Channel.HOTLINE, Category.COMPLAINT,
                false, "室温不达标", "王女士", phone, "幸福小区3-2-501", "卧室室温16度", now.minusSeconds(7200),
                now.minusSeconds(3600), null), account(Caller.AGENT), now);
        mvc.perform(get("/cases/new/caller").param("citizenPhone", phone).param("topic", earlier.topic())
                        .with(as(Caller.AGENT)))
                .andExpect(content().string(allOf(containsString("id=\"repeat-of\""),
                        containsString("value=\"" + earlier.caseNo() + "\""))));
        // refused for a missing demand: the form comes back with the repeat warning and the link still ticked
        mvc.perform(post("/cases/new").with(as(Caller.AGENT)).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", earlier.topic()).param("citizenName", "王女士")
                        .param("citizenPhone", phone).param("address", "幸福小区").param("demand", "")
                        .param("repeatOf", earlier.caseNo()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"repeat-warning\""),
                        matchesPattern("(?s).*value=\"" + earlier.caseNo() + "\"\\s+checked=\"checked\".*"))));
        assertThat(desk.relatedLater(earlier.id())).isEmpty();
        mvc.perform(post("/cases/new").with(as(Caller.AGENT)).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", earlier.topic()).param("citizenName", "王女士")
                        .param("citizenPhone", phone).param("address", "幸福小区").param("demand", "又不热了")
                        .param("submittedAt", INPUT.format(Instant.now().minusSeconds(60)))
                        .param("repeatOf", earlier.caseNo()))
                .andExpect(status().is3xxRedirection());
        Case repeat = desk.relatedLater(earlier.id()).get(0);
        assertThat(repeat.repeatOf()).isEqualTo(earlier.id());
        mvc.perform(get("/cases/{no}", repeat.caseNo()).with(as(Caller.AGENT)))
                .andExpect(content().string(allOf(containsString("data-kind=\"repeatOf\""),
                        containsString("重复投诉,原工单"), containsString(earlier.caseNo()),
                        containsString("重复投诉,关联此前工单 " + earlier.caseNo()))));
        mvc.perform(get("/cases/{no}", earlier.caseNo()).with(as(Caller.AGENT)))
                .andExpect(content().string(allOf(containsString("data-kind=\"repeatedBy\""),
                        containsString(repeat.caseNo()))));
        // an unknown earlier case: nothing is registered, the form says why
        mvc.perform(post("/cases/new").with(as(Caller.AGENT)).with(csrf()).param("channel", "HOTLINE")
                        .param("category", "COMPLAINT").param("topic", "LEAK").param("citizenPhone", phone)
                        .param("demand", "漏水").param("repeatOf", "W-NO-SUCH"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("要关联的原工单不存在")));
    }

    @Test
    void anOnlineCaseShowsTheRoutingProposalPreselectedForDispatch() throws Exception {
        String estate = "分派花园" + UUID.randomUUID().toString().substring(0, 6);
        long rule = routing.add(2, RoutingRule.MatchKind.ADDRESS_CONTAINS, estate, "T2", "S01");
        Case online = desk.registerOnline(new org.warmline.cases.OnlineCommand(UUID.randomUUID().toString(),
                org.warmline.ledger.Channel.WECHAT, null, Category.COMPLAINT, false, "室温不达标", "钱先生", PHONE,
                estate + "1号楼", "暖气不热", null, null), Instant.now());
        assertThat(online.routedUnit()).isEqualTo("T2");
        assertThat(online.routingRule()).isEqualTo(rule);
        mvc.perform(get("/cases/{no}", online.caseNo()).with(as(Caller.AGENT)))
                .andExpect(content().string(allOf(containsString("城东维修二班,管家 李管家(S01)(分派规则 #" + rule + ")"),
                        containsString("<option value=\"T2\" selected=\"selected\">"))));
        routing.disable(rule);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardCountsWhatStillNeedsWorkAndNotTheEvaluatedCases() throws Exception {
        java.util.function.Supplier<Map<String, Object>> dashboard = () -> {
            try {
                return mvc.perform(get("/dashboard").with(as(Caller.AGENT))).andReturn().getModelAndView().getModel();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        long before = (Long) dashboard.get().get("openTotal");
        Case c = completed();
        assertThat((Long) dashboard.get().get("openTotal")).isEqualTo(before + 1);
        Case evaluated = desk.evaluate(c.id(), c.version(), account(Caller.AGENT), Instant.now(),
                EvaluationLevel.SATISFIED, org.warmline.ledger.EvaluationChannel.PHONE, null, true);
        assertThat(evaluated.state()).isEqualTo(CaseState.EVALUATED);
        Map<String, Object> after = dashboard.get();
        assertThat((Long) after.get("openTotal")).isEqualTo(before);
        var colours = (Map<CaseClocks.Colour, Long>) after.get("byColour");
        assertThat(colours.values().stream().mapToLong(Long::longValue).sum() + (Long) after.get("noClock"))
                .isEqualTo((Long) after.get("openTotal"));
        // EVALUATED is nobody's queue
        mvc.perform(get("/my-work").with(as(Caller.AGENT)))
                .andExpect(content().string(not(containsString(evaluated.caseNo()))));
    }
}
