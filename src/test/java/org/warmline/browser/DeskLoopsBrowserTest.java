package org.warmline.browser;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseState;
import org.warmline.cases.KeyedText;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.Resolution;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.Notice;
import org.warmline.notifications.Notifications;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loops the desk closes, in a real browser: the bell of the shared layout with its unread count on every page, the
 * notifications page (open the case, mark read, mark all read), on a desktop and on a phone; callback attempts that
 * do not reach the citizen, until the case leaves the queue; and the survey's question whether the problem was
 * resolved, which decides the case's resolution.
 */
@BrowserTest
class DeskLoopsBrowserTest extends BrowserTestBase {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    CaseDesk desk;

    @Autowired
    Notifications notifications;

    String team;
    String steward;
    Account agent;
    Account handler;
    Account manager;

    @BeforeEach
    void organisation() {
        team = code("T");
        steward = code("S");
        organization.saveAll(List.of(new Unit(team, "维修四班" + team, UnitKind.TEAM, null)),
                List.of(new Staff(steward, "吴管家" + steward.substring(1, 5), Post.STEWARD, team)));
        agent = accounts.create(code("agent"), PASSWORD, Role.AGENT, null, null);
        handler = accounts.create(code("handler"), PASSWORD, Role.HANDLER, steward, team);
        manager = accounts.create(code("manager"), PASSWORD, Role.UNIT_MANAGER, null, team);
    }

    private static String phone() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private Case completed(Instant at) {
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "赵女士", phone(), "和平小区9号楼", "室温 15 度", null, at, null), agent, at);
        c = desk.dispatch(c.id(), c.version(), agent, at.plusSeconds(60), team, steward);
        c = desk.contact(c.id(), c.version(), handler, at.plusSeconds(600));
        c = desk.giveSolution(c.id(), c.version(), handler, at.plusSeconds(1200), "更换温控阀");
        return desk.complete(c.id(), c.version(), handler, at.plusSeconds(1800), true);
    }

    private String bell() {
        return text(By.id("bell-count"));
    }

    @Test
    void theBellShowsTheUnreadNoticesOnEveryPageAndTheNotificationsPageReadsThem() {
        Case late = completed(Instant.now().minus(Duration.ofHours(3)));
        Case other = completed(Instant.now().minus(Duration.ofHours(2)));
        Instant now = Instant.now();
        notifications.send(new Notice(List.of(manager), now.minusSeconds(60),
                KeyedText.of("notification.escalated", late.caseNo(), KeyedText.key("case.clock.HANDLING"), "维修四班"),
                late.id(), late.caseNo()));
        notifications.send(new Notice(List.of(manager), now,
                KeyedText.of("notification.reminder", other.caseNo(), KeyedText.key("case.clock.CONTACT"), "总部"),
                other.id(), other.caseNo()));

        logIn(manager);
        assertThat(bell()).isEqualTo("2");
        assertThat(driver.findElement(By.id("bell-count")).getCssValue("background-color"))
                .as("red while unread").isEqualTo("rgba(220, 53, 69, 1)");
        open("/dashboard");
        assertThat(bell()).isEqualTo("2");

        click(driver.findElement(By.id("bell")));
        wait.until(ExpectedConditions.titleContains("通知"));
        assertThat(text(By.id("notifications-summary"))).isEqualTo("共 2 条通知,其中 2 条未读。");
        List<WebElement> rows = driver.findElements(By.cssSelector("#notifications .notification"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("工单 " + other.caseNo() + " 联系时限仍超时未办", "未读");
        assertThat(rows.get(1).getText()).contains("工单 " + late.caseNo() + " 办理时限已超时,已升级至维修四班,请督办。");
        save("notifications-desktop");

        // opening the case marks its notice read
        click(rows.get(1).findElement(By.cssSelector("a.open-case")));
        wait.until(ExpectedConditions.textToBe(By.id("case-no"), late.caseNo()));
        assertThat(bell()).isEqualTo("1");

        // on a phone the bell stays in sight beside the menu button
        driver.manage().window().setSize(new Dimension(390, 844));
        open("/notifications");
        WebElement bell = driver.findElement(By.id("bell"));
        assertThat(bell.isDisplayed()).isTrue();
        assertThat(bell.getRect().getY()).isLessThan(80);
        assertThat((Long) script("return document.documentElement.scrollWidth;"))
                .isLessThanOrEqualTo((Long) script("return window.innerWidth;"));
        save("notifications-phone");
        WebElement unread = driver.findElement(By.cssSelector(".notification[data-unread=true]"));
        submit(unread.findElement(By.cssSelector("form")));
        assertThat(bell()).isEqualTo("0");
        assertThat(driver.findElements(By.cssSelector(".notification[data-unread=true]"))).isEmpty();

        notifications.send(new Notice(List.of(manager), Instant.now(),
                KeyedText.of("notification.escalated", other.caseNo(), KeyedText.key("case.clock.REVIEW"), "总部"),
                other.id(), other.caseNo()));
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("/notifications?lang=en");
        assertThat(bell()).isEqualTo("1");
        assertThat(text(By.id("notifications"))).contains("Case " + other.caseNo() + ": Review time limit passed");
        submit(driver.findElement(By.cssSelector("form[action$='/notifications/read-all']")));
        assertThat(flash()).isEqualTo("1 notifications marked read.");
        assertThat(bell()).isEqualTo("0");
        open("/notifications?lang=zh_CN");
    }

    @Test
    void callbacksThatDoNotReachTheCitizenAreRecordedUntilTheCaseLeavesTheQueue() {
        Case c = completed(Instant.now().minus(Duration.ofHours(12)));
        logIn(agent);
        open("/callbacks");
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-" + c.caseNo())));
        WebElement attempt = card.findElement(By.cssSelector("form.attempt-form"));
        new Select(attempt.findElement(By.name("outcome"))).selectByValue("NO_ANSWER");
        script("arguments[0].value = arguments[1];", attempt.findElement(By.name("at")),
                INPUT.format(Instant.now().minus(Duration.ofHours(9))));
        submit(attempt);
        assertThat(flash()).isEqualTo("工单 " + c.caseNo() + " 第 1 次回访未接通,已记录。");
        card = driver.findElement(By.id("callback-" + c.caseNo()));
        assertThat(card.findElement(By.cssSelector(".attempts")).getText()).contains("未接通 1/3 次", "无人接听");

        // too soon after the first: refused, and nothing changes
        attempt = card.findElement(By.cssSelector("form.attempt-form"));
        new Select(attempt.findElement(By.name("outcome"))).selectByValue("POWERED_OFF");
        script("arguments[0].value = arguments[1];", attempt.findElement(By.name("at")),
                INPUT.format(Instant.now().minus(Duration.ofHours(7))));
        submit(attempt);
        assertThat(text(By.id("callback-error"))).contains(c.caseNo(), "两次回访须间隔至少 4 小时");
        assertThat(text(By.id("callback-" + c.caseNo()))).contains("未接通 1/3 次");

        for (String outcome : new String[] {"POWERED_OFF", "REJECTED"}) {
            attempt = driver.findElement(By.cssSelector("#callback-" + c.caseNo() + " form.attempt-form"));
            new Select(attempt.findElement(By.name("outcome"))).selectByValue(outcome);
            script("arguments[0].value = arguments[1];", attempt.findElement(By.name("at")),
                    INPUT.format(Instant.now().minus(Duration.ofHours(outcome.equals("REJECTED") ? 0 : 5))));
            submit(attempt);
        }
        assertThat(flash()).contains(c.caseNo(), "已 3 次回访未接通,已移出回访队列");
        assertThat(driver.findElements(By.id("callback-" + c.caseNo()))).isEmpty();
        assertThat(text(By.id("callbacks-given-up"))).contains("另有 1 件因 3 次回访均未接通已移出队列");
        save("callbacks-given-up");

        open("/cases/" + c.caseNo());
        assertThat(text(By.id("history"))).contains("第1次回访未接通:无人接听(最多3次)", "第2次回访未接通:关机",
                "第3次回访未接通:拒接", "回访3次均未接通,已移出回访队列");
        assertThat(text(By.id("case-resolution"))).contains("待确认", "等待用户在电话回访或网上评价中确认问题是否解决");
    }

    @Test
    void theSurveyAsksWhetherTheProblemWasResolvedAndTheAnswerIsTheCasesResolution() {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/public/new"));
        wait.until(ExpectedConditions.titleContains("在线反映问题"));
        click(driver.findElement(By.cssSelector("label[for=channel-WECHAT]")));
        new Select(driver.findElement(By.id("category"))).selectByValue("COMPLAINT");
        new Select(driver.findElement(By.id("topic"))).selectByValue("TEMPERATURE");
        driver.findElement(By.id("citizenName")).sendKeys("孔女士");
        driver.findElement(By.id("citizenPhone")).sendKeys(phone());
        driver.findElement(By.id("address")).sendKeys("和平小区11号楼2单元");
        driver.findElement(By.id("demand")).sendKeys("暖气片不热");
        submit(driver.findElement(By.id("citizen-form")));
        String caseNo = text(By.id("case-no"));
        String tracking = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracking-link")))
                .getAttribute("href");

        Case c = desk.findByCaseNo(caseNo).orElseThrow();
        Instant at = Instant.now();
        c = desk.dispatch(c.id(), c.version(), agent, at, team, steward);
        c = desk.contact(c.id(), c.version(), handler, at);
        c = desk.giveSolution(c.id(), c.version(), handler, at, "放水排气");
        c = desk.complete(c.id(), c.version(), handler, at, true);
        assertThat(c.resolution()).isEqualTo(Resolution.PENDING);

        driver.get(tracking);
        click(driver.findElement(By.id("survey-link")));
        wait.until(ExpectedConditions.titleContains("满意度评价"));
        assertThat(text(By.id("resolved-question"))).contains("您反映的问题是否已经解决?", "已解决", "还没有解决");
        click(driver.findElement(By.cssSelector("label[for=level-SATISFIED]")));
        // the question must be answered
        submit(driver.findElement(By.id("survey-form")));
        assertThat(text(By.id("form-errors"))).contains("请告诉我们问题是否已经解决。");
        save("survey-question-phone");
        click(driver.findElement(By.cssSelector("label[for=resolved-yes]")));
        if (!driver.findElement(By.id("level-SATISFIED")).isSelected()) {
            click(driver.findElement(By.cssSelector("label[for=level-SATISFIED]")));
        }
        submit(driver.findElement(By.id("survey-form")));
        assertThat(text(By.id("thanks"))).isEqualTo("感谢您的评价!");

        Case answered = desk.findByCaseNo(caseNo).orElseThrow();
        assertThat(answered.state()).isEqualTo(CaseState.EVALUATED);
        assertThat(answered.resolved()).isTrue();
        assertThat(answered.resolutionSource()).isEqualTo(Resolution.Source.SURVEY);

        driver.manage().window().setSize(new Dimension(1280, 900));
        logIn(agent);
        open("/cases/" + caseNo);
        assertThat(text(By.id("case-resolution"))).contains("已解决", "用户在网上评价中答复", "办理人意见:已解决");
        assertThat(text(By.id("history"))).contains("网上评价中用户答复问题已解决");
    }
}
