package org.warmline.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseState;
import org.warmline.cases.RegisterCommand;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
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
 * What happens after completion, in a real browser (Debian's headless Chromium through its ChromeDriver), against the
 * application on a random port and in-memory H2: an agent records a callback; a citizen submits online on a phone,
 * follows the tracking link and, once the case is completed, answers the survey UNSATISFIED; the review that opens is
 * resolved by an agent as a misunderstanding (explained, closed) or as a service problem (handled again, completed
 * and back in the callback queue). Skipped only where Chromium or its driver is not installed (CI installs both).
 */
@BrowserTest
class EvaluationBrowserTest extends BrowserTestBase {

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    CaseDesk desk;

    String team;
    String steward;
    String stewardName;
    Account agent;
    Account handler;

    private static String phone() {
        return "135" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @BeforeEach
    void organisation() {
        team = code("T");
        steward = code("S");
        stewardName = "周管家" + steward.substring(1, 5);
        organization.saveAll(List.of(new Unit(team, "维修三班" + team, UnitKind.TEAM, null)),
                List.of(new Staff(steward, stewardName, Post.STEWARD, team)));
        agent = accounts.create(code("agent"), PASSWORD, Role.AGENT, null, null);
        handler = accounts.create(code("handler"), PASSWORD, Role.HANDLER, steward, team);
    }

    private Case complaint(String phone) {
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "王女士", phone, "幸福小区3号楼2单元", "室温只有 15 度", null, Instant.now().minus(Duration.ofHours(6)),
                null), agent, Instant.now());
    }

    /** Dispatches, contacts, answers and completes the case as the desk does. */
    private Case complete(Case c) {
        Instant now = Instant.now();
        if (c.state() == CaseState.SUBMITTED || c.state() == CaseState.ACCEPTED) {
            c = desk.dispatch(c.id(), c.version(), agent, now, team, steward);
        }
        if (c.state() == CaseState.DISPATCHED) {
            c = desk.contact(c.id(), c.version(), handler, now);
        }
        c = desk.giveSolution(c.id(), c.version(), handler, now, "已调整入户阀门,室温 20 度");
        return desk.complete(c.id(), c.version(), handler, now, true);
    }

    private List<String> historyText() {
        return driver.findElements(By.cssSelector("#history tbody tr")).stream().map(WebElement::getText).toList();
    }

    @Test
    void anAgentRecordsACallback() {
        Case c = complete(complaint(phone()));
        logIn(agent);
        click(driver.findElement(By.id("nav-callbacks")));
        wait.until(ExpectedConditions.titleContains("回访"));
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-" + c.caseNo())));
        assertThat(card.getText()).contains(c.citizenPhone(), "已等待 0 天", "已调整入户阀门");
        assertThat(text(By.id("evaluation-mix"))).contains("电话回访", "网上评价", "70%", "30%");

        WebElement form = card.findElement(By.cssSelector("form.evaluate"));
        new Select(form.findElement(By.name("level"))).selectByValue("SATISFIED");
        assertThat(form.getText()).contains("问题是否已解决?");
        click(form.findElement(By.cssSelector("input[name=resolved][value=true]")));
        form.findElement(By.name("words")).sendKeys("师傅来得很快,<b>谢谢</b>");
        submit(form);
        assertThat(text(By.id("flash"))).contains(c.caseNo(), "回访已记录");
        assertThat(driver.findElements(By.id("callback-" + c.caseNo()))).isEmpty();

        driver.get(url("/cases/" + c.caseNo()));
        assertThat(text(By.id("case-state"))).isEqualTo("已评价");
        assertThat(text(By.id("case-fields"))).contains("满意", "师傅来得很快,<b>谢谢</b>");
        assertThat(historyText()).anySatisfy(line -> assertThat(line).contains(CaseDesk.actor(agent)));
    }

    @Test
    void aCitizenSubmitsOnAPhoneFollowsTheLinkRatesUnsatisfiedAndAnAgentExplains() {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/public/new"));
        wait.until(ExpectedConditions.titleContains("在线反映问题"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat((Long) js.executeScript("return window.innerWidth;")).isLessThan(576);

        click(driver.findElement(By.cssSelector("label[for=channel-APP]")));
        new Select(driver.findElement(By.id("category"))).selectByValue("COMPLAINT");
        new Select(driver.findElement(By.id("topic"))).selectByValue("TEMPERATURE");
        driver.findElement(By.id("citizenName")).sendKeys("刘女士");
        String phone = phone();
        driver.findElement(By.id("citizenPhone")).sendKeys(phone);
        driver.findElement(By.id("address")).sendKeys("和平小区7号楼1单元302");
        // forgetting the description gives the field's message, and keeps what was typed
        submit(driver.findElement(By.id("citizen-form")));
        assertThat(text(By.id("form-errors"))).contains("请填写问题描述");
        assertThat(driver.findElement(By.id("address")).getAttribute("value")).isEqualTo("和平小区7号楼1单元302");
        driver.findElement(By.id("demand")).sendKeys("家里只有 16 度 <script>alert('x')</script>");
        submit(driver.findElement(By.id("citizen-form")));

        String caseNo = text(By.id("case-no"));
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracking-link")));
        String tracking = link.getAttribute("href");
        assertThat(tracking).matches(".*/public/track/[A-Za-z0-9_-]{43}");
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;"))
                .isLessThanOrEqualTo((Long) js.executeScript("return window.innerWidth;"));
        click(link);
        assertThat(text(By.id("case-state"))).isEqualTo("已提交");
        assertThat(text(By.id("case-no"))).isEqualTo(caseNo);
        assertThat(text(By.id("citizen-phone"))).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(text(By.id("case-demand"))).isEqualTo("家里只有 16 度 <script>alert('x')</script>");
        assertThat(driver.findElements(By.id("survey-link"))).isEmpty();

        Case c = desk.findByCaseNo(caseNo).orElseThrow();
        assertThat(c.channel()).isEqualTo(Channel.APP);
        complete(c);
        driver.get(tracking);
        assertThat(text(By.id("case-state"))).isEqualTo("已办结");
        assertThat(text(By.id("milestones"))).contains("提交", "派单", "办结").doesNotContain(stewardName, steward);
        click(driver.findElement(By.id("survey-link")));
        wait.until(ExpectedConditions.titleContains("满意度评价"));
        click(driver.findElement(By.cssSelector("label[for=level-UNSATISFIED]")));
        click(driver.findElement(By.cssSelector("label[for=resolved-no]")));
        driver.findElement(By.id("comment")).sendKeys("收费还是按全年算,不合理");
        submit(driver.findElement(By.id("survey-form")));
        assertThat(text(By.id("thanks"))).isEqualTo("感谢您的评价!");
        assertThat(text(By.id("case-state"))).isEqualTo("复核中");
        assertThat(driver.findElements(By.id("survey-link"))).isEmpty();
        save("citizen-survey-phone");

        clearCookies();
        driver.manage().window().setSize(new Dimension(1280, 900));
        logIn(agent);
        click(driver.findElement(By.id("nav-reviews")));
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-" + caseNo)));
        assertThat(card.getText()).contains("收费还是按全年算,不合理", "网上评价", "复核时限");
        assertThat(card.findElement(By.cssSelector(".review-clock")).getAttribute("data-colour")).isEqualTo("GREEN");
        WebElement form = card.findElement(By.tagName("form"));
        click(form.findElement(By.cssSelector("label[for='finding-" + caseNo + "-MISUNDERSTANDING']")));
        form.findElement(By.name("explanation")).sendKeys("供暖费按采暖季计收,已电话向用户说明");
        submit(form);
        assertThat(text(By.id("flash"))).contains(caseNo, "误解");
        assertThat(driver.findElements(By.id("review-" + caseNo))).isEmpty();

        driver.get(url("/cases/" + caseNo));
        assertThat(text(By.id("case-state"))).isEqualTo("已关闭");
        assertThat(String.join("\n", historyText())).contains("供暖费按采暖季计收,已电话向用户说明");

        clearCookies();
        driver.get(tracking);
        assertThat(text(By.id("case-state"))).isEqualTo("已关闭");
        assertThat(text(By.id("milestones"))).contains("复核", "补充解释");
        driver.get(tracking.substring(0, tracking.length() - 2) + (tracking.endsWith("A") ? "BB" : "AA"));
        assertThat(text(By.id("invalid-link"))).isEqualTo("链接无效或已过期");
    }

    @Test
    void aServiceProblemIsHandledAgainAndComesBackToTheCallbackQueue() {
        Case c = complete(complaint(phone()));
        c = desk.evaluate(c.id(), c.version(), agent, Instant.now().minus(Duration.ofHours(21)),
                EvaluationLevel.UNSATISFIED, EvaluationChannel.PHONE, "还是不热");
        logIn(agent);
        driver.get(url("/dashboard"));
        WebElement queues = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("evaluation-queues")));
        assertThat(Integer.parseInt(queues.findElement(By.cssSelector(".review-count[data-colour=AMBER]")).getText()))
                .isGreaterThanOrEqualTo(1);
        click(queues.findElement(By.linkText("不满意复核(按 24 小时时限)")));
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-" + c.caseNo())));
        assertThat(card.findElement(By.cssSelector(".review-clock")).getAttribute("data-colour")).isEqualTo("AMBER");
        WebElement form = card.findElement(By.tagName("form"));
        click(form.findElement(By.cssSelector("label[for='finding-" + c.caseNo() + "-SERVICE_PROBLEM']")));
        submit(form);
        assertThat(text(By.id("flash"))).contains(c.caseNo(), "重新办理");

        driver.get(url("/cases/" + c.caseNo()));
        assertThat(text(By.id("case-state"))).isEqualTo("处理中");
        complete(desk.findByCaseNo(c.caseNo()).orElseThrow());
        driver.get(url("/callbacks"));
        WebElement again = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-" + c.caseNo())));
        assertThat(again.getText()).contains("已等待 0 天 0 小时");
    }
}
