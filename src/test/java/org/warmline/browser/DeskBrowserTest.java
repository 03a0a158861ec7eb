package org.warmline.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.OnlineCommand;
import org.warmline.cases.RegisterCommand;
import org.warmline.escalation.Escalation;
import org.warmline.escalation.Escalations;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The desk's pages in a real browser (Debian's headless Chromium through its ChromeDriver), against the application on
 * a random port and in-memory H2: what an agent, a handler on a phone and a reader of a late case actually see, with
 * the htmx caller lookup, the transition forms, the clock badges' colours, escalation and the language switch.
 * Skipped only where Chromium or its driver is not installed (CI installs both).
 */
@BrowserTest
class DeskBrowserTest extends BrowserTestBase {

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    CaseDesk desk;

    @Autowired
    Escalations escalations;

    String team;
    String steward;
    String stewardName;
    Account agent;
    Account handler;

    private static String phone() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @BeforeEach
    void organisation() {
        String hq = code("HQ");
        String branch = code("B");
        team = code("T");
        steward = code("S");
        stewardName = "周管家" + steward.substring(1, 5);
        organization.saveAll(List.of(new Unit(hq, "总部客户服务部" + hq, UnitKind.HQ_SERVICE, null),
                        new Unit(branch, "城北分公司" + branch, UnitKind.BRANCH, null),
                        new Unit(team, "维修二班" + team, UnitKind.TEAM, branch)),
                List.of(new Staff(steward, stewardName, Post.STEWARD, team)));
        agent = accounts.create(code("agent"), PASSWORD, Role.AGENT, null, null);
        handler = accounts.create(code("handler"), PASSWORD, Role.HANDLER, steward, team);
    }

    private void waitForState(String label) {
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), label));
    }

    /** Submits a transition form of the case page and waits for the page it redirects to. */
    private void act(String action) {
        submit(driver.findElement(By.id("action-" + action)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash")));
    }

    /** The actions of the history as shown: the table's third column, or on a phone each line's action. */
    private List<String> historyActions() {
        WebElement table = driver.findElement(By.id("history"));
        if (table.isDisplayed()) {
            return table.findElements(By.cssSelector("tbody tr")).stream()
                    .map(row -> row.findElements(By.tagName("td")).get(2).getText()).toList();
        }
        return driver.findElements(By.cssSelector("#history-phone li strong")).stream().map(WebElement::getText)
                .toList();
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private Case complaint(String phone, String topic, String demand, Instant submitted) {
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, topic, "王女士",
                phone, "幸福小区3号楼2单元", demand, null, submitted, null), agent, Instant.now());
    }

    @Test
    void anAgentRegistersAHotlineComplaintSeesTheRepeatWarningAndDispatchesIt() {
        String phone = phone();
        Case earlier = complaint(phone, "TEMPERATURE", "上周室温只有 15 度", Instant.now().minus(Duration.ofDays(5)));
        logIn(agent);
        driver.findElement(By.id("nav-intake")).click();
        wait.until(ExpectedConditions.titleContains("受理登记"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh");
        assertThat(text(By.id("caller"))).contains("来电");

        new Select(driver.findElement(By.id("channel"))).selectByValue("HOTLINE");
        new Select(driver.findElement(By.id("category"))).selectByValue("COMPLAINT");
        new Select(driver.findElement(By.id("topic"))).selectByValue("TEMPERATURE");
        driver.findElement(By.id("citizenName")).sendKeys("王女士");
        driver.findElement(By.id("citizenPhone")).sendKeys(phone);
        // htmx swaps the caller panel: the earlier case, flagged as a likely repeat
        WebElement warning = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("repeat-warning")));
        assertThat(warning.getText()).contains("疑似重复投诉", earlier.caseNo());
        assertThat(text(By.id("earlier-cases"))).contains(earlier.caseNo(), "30 天内", "投诉");
        driver.findElement(By.id("address")).sendKeys("幸福小区3号楼2单元501");
        driver.findElement(By.id("demand")).sendKeys("暖气又不热了,室温 14 度");
        click(driver.findElement(By.cssSelector("#intake-form button[type=submit]")));

        String flash = text(By.id("flash"));
        assertThat(flash).startsWith("已登记工单 ");
        String caseNo = text(By.id("case-no"));
        assertThat(flash).contains(caseNo);
        assertThat(caseNo).isNotEqualTo(earlier.caseNo());
        assertThat(driver.getCurrentUrl()).endsWith("/cases/" + caseNo);
        assertThat(text(By.id("case-state"))).isEqualTo("已受理");
        assertThat(text(By.id("case-demand"))).isEqualTo("暖气又不热了,室温 14 度");

        WebElement dispatch = driver.findElement(By.id("action-dispatch"));
        new Select(dispatch.findElement(By.name("unit"))).selectByValue(team);
        new Select(dispatch.findElement(By.name("handler"))).selectByValue(steward);
        act("dispatch");
        waitForState("已派单");
        assertThat(text(By.id("flash"))).isEqualTo("已完成操作:派单。");
        assertThat(text(By.id("case-unit"))).contains("维修二班" + team);
        assertThat(text(By.id("case-handler"))).contains(stewardName);
        assertThat(historyActions()).contains("登记", "受理", "派单");
        assertThat(driver.findElements(By.cssSelector("#clocks .clock"))).extracting(WebElement::getText)
                .anySatisfy(clock -> assertThat(clock).startsWith("联系时限"));
        assertNoAlert();
    }

    @Test
    void aHandlerOnAPhoneWorksTheCaseToCompletion() {
        Case c = complaint(phone(), "LEAK", "楼道暖气管漏水", Instant.now().minus(Duration.ofMinutes(20)));
        c = desk.dispatch(c.id(), c.version(), agent, Instant.now(), team, steward);
        driver.manage().window().setSize(new Dimension(375, 812));
        logIn(handler);
        long width = (Long) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;");
        assertThat(width).isLessThan(576);
        // the navigation is collapsed behind the toggler on a phone
        assertThat(driver.findElement(By.id("nav-my-work")).isDisplayed()).isFalse();
        driver.findElement(By.cssSelector(".navbar-toggler")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-my-work"))).click();
        wait.until(ExpectedConditions.titleContains("我的工作"));

        // a phone sees cards, not the table
        assertThat(driver.findElement(By.cssSelector(".case-table")).isDisplayed()).isFalse();
        WebElement link = driver.findElements(By.linkText(c.caseNo())).stream().filter(WebElement::isDisplayed)
                .findFirst().orElseThrow(() -> new AssertionError("my work does not show the case"));
        click(link);
        wait.until(ExpectedConditions.textToBe(By.id("case-no"), c.caseNo()));
        waitForState("已派单");

        act("contact");
        waitForState("处理中");
        driver.findElement(By.cssSelector("#action-solution textarea[name=text]")).sendKeys("已更换漏水阀门,试压正常");
        act("solution");
        waitForState("已答复");
        assertThat(text(By.id("case-fields"))).contains("已更换漏水阀门,试压正常");
        // the handler's own view, not ticked for him: whether it is resolved is the citizen's to say
        assertThat(driver.findElement(By.id("resolved")).isSelected()).isFalse();
        assertThat(text(By.id("action-complete"))).contains("以用户确认为准");
        click(driver.findElement(By.cssSelector("label[for=resolved]")));
        act("complete");
        waitForState("已办结");
        assertThat(text(By.id("flash"))).isEqualTo("已完成操作:办结。");
        assertThat(text(By.id("actions"))).contains("当前没有您可办理的操作");
        assertThat(driver.findElements(By.cssSelector("#actions form"))).isEmpty();
        assertThat(historyActions()).containsSubsequence("派单", "联系用户", "答复/提出方案", "办结");
        assertThat(text(By.id("history-lines"))).contains(steward, "处理中", "已办结");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        save("handler-case-phone");
    }

    @Test
    void aLateCaseShowsARedClockAndIsEscalated() {
        String phone = phone();
        Case late = desk.registerOnline(new OnlineCommand(UUID.randomUUID().toString(), Channel.WECHAT, null,
                Category.COMPLAINT, false, "TEMPERATURE", "刘先生", phone, "和平里7号楼", "两小时没人理", null,
                Instant.now().minus(Duration.ofHours(2))), Instant.now());
        logIn(agent);
        open("/cases?phone=" + phone);
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[contains(@class,'case-table')]//tr[td/a[text()='" + late.caseNo() + "']]")));
        assertThat(row.getText()).contains("已提交");
        WebElement clock = row.findElement(By.cssSelector(".clock"));
        assertThat(clock.getText()).startsWith("受理时限");
        assertThat(clock.getAttribute("data-colour")).isEqualTo("RED");
        assertThat(clock.getAttribute("title")).startsWith("已超时");
        // red as the eye sees it: Bootstrap's danger background, so the stylesheet did load
        assertThat(clock.getCssValue("background-color")).isEqualTo("rgba(220, 53, 69, 1)");

        List<Escalation> taken = escalations.run(Instant.now());
        assertThat(taken).anySatisfy(e -> assertThat(e.caseId()).isEqualTo(late.id()));
        open("/cases/" + late.caseNo());
        assertThat(text(By.id("clocks"))).contains("受理时限 · 已超时");
        WebElement escalated = driver.findElements(By.cssSelector("#history tbody tr")).stream()
                .filter(r -> r.getText().contains("升级")).findFirst()
                .orElseThrow(() -> new AssertionError("the history shows no escalation"));
        assertThat(escalated.getText()).contains("系统", "受理时限超时,升级至"); // the actor "system", shown in Chinese

        open("/dashboard");
        WebElement red = driver.findElement(By.cssSelector("#open-by-colour .colour-count[data-colour=RED]"));
        assertThat(Integer.parseInt(red.getText())).isGreaterThanOrEqualTo(1);
        // the late cases by unit: the chart is drawn (ECharts loaded), not the "none late" note
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#late-chart canvas")));
        assertThat(driver.findElement(By.id("late-chart")).isDisplayed()).isTrue();
        assertThat(driver.getPageSource()).doesNotContain("没有超时工单");
        // a late case not dispatched yet has a named bar, not an empty label
        Object units = ((JavascriptExecutor) driver).executeScript(
                "return JSON.parse(document.getElementById('late-data').textContent).units;");
        assertThat(units).asInstanceOf(LIST).contains("(未派单)").doesNotContain("");
    }

    @Test
    void englishLabelsAndUserTextShownAsText() {
        logIn(agent);
        open("/cases/new?lang=en");
        wait.until(ExpectedConditions.titleIs("Intake · Warmline"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(text(By.id("nav-cases"))).isEqualTo("Cases");
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Intake");
        assertThat(text(By.cssSelector("label[for=citizenPhone]"))).isNotBlank().doesNotContain("电话");

        String script = "<script>alert('xss');document.title='pwned'</script>";
        String img = "<img src=x onerror=\"alert(2)\">";
        new Select(driver.findElement(By.id("category"))).selectByValue("SUGGESTION");
        new Select(driver.findElement(By.id("topic"))).selectByValue("OTHER");
        driver.findElement(By.id("topicOther")).sendKeys("<b>bold</b>");
        driver.findElement(By.id("citizenName")).sendKeys(img);
        driver.findElement(By.id("citizenPhone")).sendKeys(phone());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caller"), "No earlier cases"));
        driver.findElement(By.id("demand")).sendKeys(script);
        click(driver.findElement(By.cssSelector("#intake-form button[type=submit]")));

        String caseNo = text(By.id("case-no"));
        assertThat(text(By.id("flash"))).isEqualTo("Case " + caseNo + " registered.");
        assertNoAlert();
        assertThat(driver.getTitle()).isEqualTo(caseNo + " · Warmline");
        assertThat(text(By.id("case-demand"))).isEqualTo(script);
        assertThat(text(By.id("case-fields"))).contains(img, "<b>bold</b>");
        assertThat(driver.findElements(By.cssSelector(
                "#case-fields b, #case-fields img, main script:not([src*='/js/files-'])"))).isEmpty();
        assertThat(driver.getPageSource()).contains("&lt;script&gt;alert('xss')").doesNotContain(script);
        assertThat(text(By.id("case-state"))).isEqualTo("accepted");

        // the choice of language is kept, and Chinese comes back on request
        open("/cases?text=" + caseNo);
        assertThat(text(By.cssSelector(".case-table"))).contains(caseNo, "<b>bold</b>");
        assertNoAlert();
        assertThat(text(By.id("nav-cases"))).isEqualTo("Cases");
        open("/cases?lang=zh_CN");
        assertThat(text(By.id("nav-cases"))).isEqualTo("工单");
    }
}
