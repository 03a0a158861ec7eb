package org.warmline.webhooks;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.warmline.PagesTest;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.RegisterCommand;
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

/**
 * The webhook pages as the Spring application runs them (internal addresses not allowed, the default): registration
 * with the secret shown once, refusals said in the user's language and storing nothing, the desk's events written
 * by the application's own listener, the delivery log with its redeliver button, pause, a new secret and removal; the
 * pages are the administrator's only.
 */
@PagesTest
class WebhookPagesTest {

    private static final String PUBLIC_URL = "https://93.184.215.14/12345/feedback";
    private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");

    @Autowired
    MockMvc mvc;
    @Autowired
    WebhookEndpoints endpoints;
    @Autowired
    WebhookDeliveries deliveries;
    @Autowired
    CaseDesk desk;
    @Autowired
    OrganizationStore organization;
    @Autowired
    AccountStore accounts;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void organisation() {
        if (organization.unit("HQ").isEmpty()) {
            organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null)),
                    List.of(new Staff("A01", "张客服", Post.AGENT, "HQ")));
        }
    }

    private long register(String url, String... events) throws Exception {
        var request = post("/admin/webhooks").param("url", url).param("description", "12345 办结反馈");
        for (String event : events) {
            request.param("events", event);
        }
        MvcResult result = mvc.perform(request.with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "webhook.registered"))
                .andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/admin/webhooks/");
        String secret = (String) result.getFlashMap().get("secret");
        assertThat(secret).startsWith("whsec_");
        return Long.parseLong(location.substring("/admin/webhooks/".length()));
    }

    @Test
    void anAdministratorRegistersAnEndpointAndSeesItsSecretOnlyOnce() throws Exception {
        mvc.perform(get("/admin/webhooks").with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("事件推送(Webhook)"),
                        containsString("推送地址必须是公网地址"), containsString("value=\"case.completed\""),
                        containsString("id=\"nav-webhooks\""))));
        var request = post("/admin/webhooks").param("url", PUBLIC_URL).param("events", "case.completed")
                .param("events", "case.closed");
        MvcResult result = mvc.perform(request.with(ADMIN).with(csrf())).andExpect(status().is3xxRedirection())
                .andReturn();
        String secret = (String) result.getFlashMap().get("secret");
        String page = result.getResponse().getRedirectedUrl();
        // the page the registration leads to shows the secret (the flash), the next visit does not
        mvc.perform(get(page).flashAttr("secret", secret).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("签名密钥(只显示这一次)"), containsString(secret),
                        containsString(PUBLIC_URL))));
        mvc.perform(get(page).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString(secret)), not(containsString("whsec_")),
                        containsString("还没有投递"))));
        mvc.perform(get("/admin/webhooks").with(ADMIN))
                .andExpect(content().string(allOf(containsString(PUBLIC_URL), containsString("办结"),
                        containsString("关闭"), not(containsString("whsec_")))));
    }

    @Test
    void refusalsAreSaidInTheUsersLanguageAndStoreNothing() throws Exception {
        int before = endpoints.all().size();
        mvc.perform(post("/admin/webhooks").param("url", "http://127.0.0.1:8080/hook").param("events",
                        "case.completed").with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"webhook-error\""),
                        containsString("主机 127.0.0.1 指向内部地址 127.0.0.1"),
                        containsString("warmline.webhooks.allow-internal-addresses=true"),
                        containsString("value=\"http://127.0.0.1:8080/hook\""))));
        mvc.perform(post("/admin/webhooks").param("lang", "en").param("url", "http://169.254.169.254/latest")
                        .param("events", "case.completed").with(ADMIN).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The host 169.254.169.254 resolves to the internal address "
                        + "169.254.169.254")));
        mvc.perform(post("/admin/webhooks").param("url", PUBLIC_URL).with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请至少选择一个要推送的事件")));
        mvc.perform(post("/admin/webhooks").param("url", "ftp://93.184.215.14/").param("events", "case.closed")
                        .with(ADMIN).with(csrf()))
                .andExpect(content().string(containsString("不是有效的 http 或 https 地址")));
        mvc.perform(post("/admin/webhooks").param("url", PUBLIC_URL).param("events", "case.deleted")
                        .with(ADMIN).with(csrf()))
                .andExpect(content().string(containsString("没有事件类型“case.deleted”")));
        assertThat(endpoints.all()).hasSize(before);
    }

    @Test
    void theDesksEventsAreLoggedAndAGivenUpDeliveryIsRedelivered() throws Exception {
        long id = register(PUBLIC_URL, "case.registered", "case.dispatched");
        Account agent = accounts.find("agent-webhooks").orElseGet(() ->
                accounts.create("agent-webhooks", "secret password", Role.AGENT, "A01", "HQ"));
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "王先生", "13800001111", "幸福小区3号楼", "暖气不热", null, Instant.now().minusSeconds(600), null),
                agent, Instant.now());
        List<WebhookDeliveries.Delivery> written = deliveries.ofCase(c.id().value());
        assertThat(written).singleElement().satisfies(d -> {
            assertThat(d.endpointId()).isEqualTo(id);
            assertThat(d.eventType()).isEqualTo("case.registered");
        });
        WebhookDeliveries.Delivery d = written.get(0);
        mvc.perform(get("/admin/webhooks/" + id).with(ADMIN)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"delivery-" + d.id() + "\""),
                        containsString("工单登记"), containsString("待投递"), containsString(c.caseNo()),
                        containsString("待投递 1 条,已送达 0 条,已放弃 0 条"),
                        not(containsString("/admin/webhooks/deliveries/" + d.id() + "/redeliver")))));
        // pending: nothing to deliver again
        mvc.perform(post("/admin/webhooks/deliveries/" + d.id() + "/redeliver").with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("failure", "webhook.refused.pending"));

        jdbc.sql("update webhook_delivery set status = 'FAILED', attempts = 10, last_status = 500, "
                + "last_error = 'HTTP 500: busy' where id = ?").param(d.id()).update();
        mvc.perform(get("/admin/webhooks/" + id).with(ADMIN))
                .andExpect(content().string(allOf(containsString("已放弃"), containsString("HTTP 500: busy"),
                        containsString("/admin/webhooks/deliveries/" + d.id() + "/redeliver"),
                        containsString("重新投递已放弃的 1 条"))));
        mvc.perform(post("/admin/webhooks/deliveries/" + d.id() + "/redeliver").with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "webhook.redelivered"))
                .andExpect(flash().attribute("messageArg", d.messageId()));
        assertThat(deliveries.find(d.id()).orElseThrow()).satisfies(again -> {
            assertThat(again.pending()).isTrue();
            assertThat(again.attempts()).isZero();
            assertThat(again.messageId()).isEqualTo(d.messageId());
        });

        // paused: the desk's next event is not written for it
        mvc.perform(post("/admin/webhooks/" + id + "/enabled").param("enabled", "false").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("message", "webhook.paused"));
        desk.dispatch(c.id(), c.version(), agent, Instant.now(), "HQ", null);
        assertThat(deliveries.ofCase(c.id().value())).hasSize(1);
        mvc.perform(get("/admin/webhooks/" + id).with(ADMIN)).andExpect(content().string(containsString("已停用")));
        mvc.perform(post("/admin/webhooks/" + id + "/enabled").param("enabled", "true").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("message", "webhook.enabled"));

        // a new secret, shown once
        MvcResult renewed = mvc.perform(post("/admin/webhooks/" + id + "/secret").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("message", "webhook.secretRenewed")).andReturn();
        assertThat((String) renewed.getFlashMap().get("secret")).startsWith("whsec_");

        // the events and description changed
        mvc.perform(post("/admin/webhooks/" + id).param("description", "办结反馈(新)").param("events", "case.closed")
                        .with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("message", "webhook.updated"));
        assertThat(endpoints.find(id).orElseThrow().events()).containsExactly(WebhookEvent.CASE_CLOSED);
        mvc.perform(post("/admin/webhooks/" + id).param("description", "x").with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请至少选择一个要推送的事件")));

        // removed, with its deliveries, once confirmed
        mvc.perform(post("/admin/webhooks/" + id + "/delete").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("failure", "webhook.delete.notConfirmed"));
        assertThat(endpoints.find(id)).isPresent();
        mvc.perform(post("/admin/webhooks/" + id + "/delete").param("confirm", "true").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("message", "webhook.deleted"));
        assertThat(endpoints.find(id)).isEmpty();
        assertThat(deliveries.ofCase(c.id().value())).isEmpty();
        mvc.perform(get("/admin/webhooks/" + id).with(ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void thePagesAreTheAdministratorsOnly() throws Exception {
        for (String role : List.of("ASSESSOR", "AGENT", "UNIT_MANAGER", "HANDLER")) {
            mvc.perform(get("/admin/webhooks").with(user("someone").roles(role))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/webhooks").param("url", PUBLIC_URL).param("events", "case.closed")
                    .with(user("someone").roles(role)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/webhooks")).andExpect(status().is3xxRedirection());
    }
}
