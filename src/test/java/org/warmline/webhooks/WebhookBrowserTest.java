package org.warmline.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.browser.BrowserTest;
import org.warmline.browser.BrowserTestBase;
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

/**
 * The webhook pages in a real browser (Debian's headless Chromium), against a real local receiver (MockWebServer; this
 * application allows internal addresses for it): the administrator registers an endpoint, copies its secret shown
 * once, sees the desk's event delivered in the log and delivers it again with its button; on a phone the pages do not
 * scroll sideways. Skipped only where Chromium or its driver is missing.
 */
@BrowserTest
class WebhookBrowserTest extends BrowserTestBase {

    @Autowired
    AccountStore accounts;
    @Autowired
    OrganizationStore organization;
    @Autowired
    CaseDesk desk;
    @Autowired
    WebhookDeliveries deliveries;

    private final MockWebServer receiver = new MockWebServer();
    Account admin;
    Account agent;

    @BeforeEach
    void accountsAndReceiver() throws Exception {
        receiver.start();
        String hq = code("HQ");
        String staff = code("A");
        organization.saveAll(List.of(new Unit(hq, "总部客户服务部", UnitKind.HQ_SERVICE, null)),
                List.of(new Staff(staff, "张客服", Post.AGENT, hq)));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        admin = accounts.create("admin-" + suffix, PASSWORD, Role.ADMIN, null, null);
        agent = accounts.create("agent-" + suffix, PASSWORD, Role.AGENT, staff, hq);
    }

    @AfterEach
    void stopReceiver() throws Exception {
        receiver.shutdown();
    }

    @Test
    void anAdministratorRegistersAnEndpointAndDeliversAnEventAgainFromTheLog() throws Exception {
        logIn(admin);
        clickSetting("nav-webhooks");
        wait.until(ExpectedConditions.titleContains("事件推送"));
        assertThat(text(By.id("webhook-internal"))).contains("允许推送到内网地址");
        WebElement form = driver.findElement(By.id("webhook-register"));
        String url = receiver.url("/12345/feedback").toString();
        form.findElement(By.id("url")).sendKeys(url);
        form.findElement(By.id("description")).sendKeys("12345 办结反馈");
        assertThat(form.findElement(By.id("event-case.completed")).isSelected()).isTrue();
        click(form.findElement(By.id("event-case.registered")));
        submit(form);

        assertThat(flash()).isEqualTo("已登记推送地址 " + url + "。");
        String secret = driver.findElement(By.id("secret-value")).getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        assertThat(text(By.id("webhook-secret"))).contains("签名密钥(只显示这一次)");
        save("webhook-secret");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("endpoint-url")));
        assertThat(driver.findElements(By.id("webhook-secret"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(secret);

        // a case registered at the desk, delivered by the job's work
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "王先生", "13800001111", "幸福小区3号楼", "暖气不热", null, Instant.now().minusSeconds(600), null),
                agent, Instant.now());
        receiver.enqueue(new MockResponse().setResponseCode(200));
        assertThat(deliveries.deliverDue(Instant.now()).delivered()).isEqualTo(1);
        RecordedRequest first = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.getUtf8Body()).contains(c.caseNo(), "case.registered");
        driver.navigate().refresh();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.delivery")));
        assertThat(row.getText()).contains("工单登记", c.caseNo(), "已送达");
        assertThat(text(By.cssSelector("tr.delivery-detail"))).contains("最近一次结果:", "HTTP 200");
        assertThat(text(By.id("endpoint-counts"))).isEqualTo("待投递 0 条,已送达 1 条,已放弃 0 条");

        submit(row.findElement(By.cssSelector("form")));
        assertThat(flash()).startsWith("投递 " + first.getHeader("webhook-id") + " 已重新排队");
        assertThat(text(By.cssSelector("tr.delivery .delivery-status"))).isEqualTo("待投递");
        receiver.enqueue(new MockResponse().setResponseCode(200));
        assertThat(deliveries.deliverDue(Instant.now()).delivered()).isEqualTo(1);
        assertThat(receiver.takeRequest(5, TimeUnit.SECONDS).getHeader("webhook-id"))
                .isEqualTo(first.getHeader("webhook-id"));

        // on a phone: the log and the list stay within the screen
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deliveries")));
        assertThat((Long) script("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0L);
        save("webhook-log-phone");
        open("/admin/webhooks");
        assertThat((Long) script("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0L);
        save("webhook-list-phone");
    }
}
