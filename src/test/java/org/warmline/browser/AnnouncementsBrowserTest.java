package org.warmline.browser;

import java.math.BigDecimal;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.announcements.Announcement;
import org.warmline.announcements.Announcements;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseState;
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
 * Outage announcements and points at stake in a real browser (Debian's headless Chromium through its ChromeDriver),
 * against the application on a random port and in-memory H2: a dispatcher's bad announcements refused with the
 * reasons and a good one posted; an agent typing a caller's address (written another way) at intake sees the
 * announcement and answers from it in one click; a citizen on a phone sees it under the address before submitting;
 * the case list's points-at-stake column and its sorting. Skipped only where Chromium or its driver is not installed.
 */
@BrowserTest
class AnnouncementsBrowserTest extends BrowserTestBase {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    CaseDesk desk;

    @Autowired
    Announcements announcements;

    String station;
    String stationName;
    String team;
    String steward;
    Account agent;
    Account handler;
    /** A community name of this test's own, so that no other test's announcement covers its addresses. */
    String community;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(20);
    }

    private static String phone() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @BeforeEach
    void organisation() {
        station = code("ST");
        stationName = "兴华供热站" + station.substring(2, 6);
        team = code("T");
        steward = code("S");
        organization.saveAll(List.of(new Unit(station, stationName, UnitKind.STATION, null),
                        new Unit(team, "维修一班" + team, UnitKind.TEAM, station)),
                List.of(new Staff(steward, "孙管家" + steward.substring(1, 5), Post.STEWARD, team)));
        agent = accounts.create(code("agent"), PASSWORD, Role.AGENT, null, null);
        handler = accounts.create(code("handler"), PASSWORD, Role.HANDLER, steward, team);
        community = "锦绣" + code("").substring(0, 4).replaceAll("[0-9]", "园") + "花园";
    }

    private Announcement announced(String pattern) {
        Instant now = Instant.now();
        return announcements.post(new Announcements.Command(List.of(), List.of(pattern), "一次网主管道爆管,正在抢修",
                INPUT.format(now.minus(Duration.ofHours(1))), INPUT.format(now.plus(Duration.ofHours(5))), station,
                null, null), agent, now);
    }

    private List<String> errors(String id) {
        return driver.findElements(By.cssSelector("#" + id + " li")).stream().map(WebElement::getText).toList();
    }

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a datetime-local field as the browser's picker would (typing into it depends on the locale's layout). */
    private void time(String id, Instant at) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                driver.findElement(By.id(id)), INPUT.format(at));
    }

    @Test
    void aDispatcherIsToldWhatIsWrongWithAnAnnouncementThenPostsIt() {
        logIn(agent);
        click(driver.findElement(By.id("nav-announcements")));
        wait.until(ExpectedConditions.titleContains("停热公告"));
        click(driver.findElement(By.id("post-announcement")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("announcement-form")));

        // no area, a restore time before the start: both reasons, nothing posted
        type("cause", "一次网主管道爆管");
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        time("startedAt", start);
        time("expectedRestoreAt", start.minus(Duration.ofHours(1)));
        new Select(driver.findElement(By.id("unit"))).selectByValue(station);
        submit(driver.findElement(By.id("announcement-form")));
        assertThat(errors("announcement-errors")).anySatisfy(e -> assertThat(e).contains("影响范围不能为空"))
                .anySatisfy(e -> assertThat(e).contains("预计恢复时间必须晚于停热时间"));
        assertThat(driver.findElement(By.id("cause")).getAttribute("value")).isEqualTo("一次网主管道爆管");

        // an address with no place in it would match every address
        type("patterns", "3号楼");
        time("expectedRestoreAt", start.plus(Duration.ofHours(6)));
        submit(driver.findElement(By.id("announcement-form")));
        assertThat(errors("announcement-errors")).singleElement().asString()
                .contains("地址“3号楼”没有小区或道路名称", "会匹配所有地址");

        type("patterns", community + "3号楼\n建设路40号");
        submit(driver.findElement(By.id("announcement-form")));
        assertThat(flash()).contains("公告已发布", "复杂问题工单");
        assertThat(text(By.id("announcement-state"))).isEqualTo("停热中");
        assertThat(text(By.id("announcement-cause"))).isEqualTo("一次网主管道爆管");
        assertThat(text(By.id("announcement-fields"))).contains(community + "3号楼", "建设路40号");
        String caseNo = text(By.id("announcement-case"));
        Case complex = desk.findByCaseNo(caseNo.split("\\s")[0]).orElseThrow();
        assertThat(complex.complex()).isTrue();
    }

    @Test
    void anAgentAnswersACallerFromTheAnnouncementAtIntakeInOneClick() {
        Announcement a = announced(community + "3号楼");
        logIn(agent);
        open("/cases/new");
        new Select(driver.findElement(By.id("channel"))).selectByValue("HOTLINE");
        String phone = phone();
        driver.findElement(By.id("citizenPhone")).sendKeys(phone);
        driver.findElement(By.id("citizenName")).sendKeys("刘先生");
        // the same building written another way: full-width digits, 栋 for 号楼, the unit spelled out
        driver.findElement(By.id("address")).sendKeys("东城区" + community + "３栋２单元５０１室");
        WebElement match = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#announcement-matches .announcement-match[data-announcement='" + a.id() + "']")));
        assertThat(match.getText()).contains("停热公告", "一次网主管道爆管,正在抢修", "地址符合", community + "3号楼",
                "已按公告答复 0 个来电");

        click(match.findElement(By.cssSelector("button.answer-from-announcement")));
        wait.until(ExpectedConditions.urlContains("/cases/"));
        assertThat(flash()).contains("已按公告答复并关联到复杂问题工单", a.caseNo());
        assertThat(text(By.id("case-state"))).isEqualTo("已答复");
        assertThat(text(By.id("case-links"))).contains(a.caseNo());

        Case answered = desk.search(org.warmline.cases.CaseQuery.all().withPhone(phone).page(5, 0)).cases().get(0);
        assertThat(answered.state()).isEqualTo(CaseState.SOLUTION_GIVEN);
        assertThat(answered.address()).contains("３栋２单元");
        assertThat(answered.solution()).contains("一次网主管道爆管,正在抢修");
        assertThat(announcements.callCounts(List.of(a))).containsEntry(a.id(), 1L);

        // the complex case it was linked under says which announcement it stands for, and leads back to it
        click(driver.findElement(By.cssSelector("#case-links a[href$='/cases/" + a.caseNo() + "']")));
        wait.until(ExpectedConditions.urlContains("/cases/" + a.caseNo()));
        assertThat(text(By.id("case-announcement"))).contains("本工单代表的停热公告", "一次网主管道爆管,正在抢修", "停热中");
        click(driver.findElement(By.cssSelector("#case-announcement a")));
        wait.until(ExpectedConditions.urlContains("/announcements/" + a.id()));

        // the dashboard's card: the announcement, its call, and the calls per hour drawn by ECharts
        open("/dashboard");
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#announcements-card .active-announcement[data-announcement='" + a.id() + "']")));
        assertThat(card.getText()).contains("一次网主管道爆管,正在抢修", "1 个来电");
        wait.until(d -> ((JavascriptExecutor) d).executeScript(
                "return !!echarts.getInstanceByDom(document.getElementById('announcement-chart'));"));
    }

    @Test
    void aCitizenOnAPhoneSeesTheAnnouncementBeforeSubmitting() {
        announced(community + "7号楼");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/public/new"));
        wait.until(ExpectedConditions.titleContains("在线反映问题"));
        assertThat((Long) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).isLessThan(576);
        assertThat(driver.findElements(By.cssSelector("#outage-notices .outage-notice"))).isEmpty();

        driver.findElement(By.id("address")).sendKeys(community + "七号楼1单元302");
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#outage-notices .outage-notice")));
        assertThat(notice.getText()).contains("您所在的区域正在停热抢修", "一次网主管道爆管,正在抢修", "预计",
                "恢复供热", "无需重复反映");
        // what the public sees names no case and no staff
        assertThat(notice.getText()).doesNotContain("WL", "工单");
        // on a phone the notice is as wide as the form, not squeezed
        long noticeWidth = notice.getSize().getWidth();
        long fieldWidth = driver.findElement(By.id("address")).getSize().getWidth();
        assertThat(noticeWidth).isGreaterThanOrEqualTo(fieldWidth - 2);

        // another building of the community is not covered
        WebElement address = driver.findElement(By.id("address"));
        address.clear();
        address.sendKeys(community + "8号楼1单元302");
        wait.until(d -> d.findElements(By.cssSelector("#outage-notices .outage-notice")).isEmpty());
    }

    @Test
    void theCaseListShowsPointsAtStakeAndSortsByThem() {
        Instant now = Instant.now();
        // a consultation registered a minute ago: accepted and dispatched, its contact clock at stake
        String mark = "标记" + code("");
        Case consultation = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false,
                "TEMPERATURE", "赵女士", phone(), "建设路12号", "咨询 " + mark, null, now.minusSeconds(60), null),
                agent, now);
        consultation = desk.dispatch(consultation.id(), consultation.version(), agent, now, team, steward);
        // a complaint dispatched too: its contact and handling clocks at stake
        Case complaint = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false,
                "TEMPERATURE", "钱先生", phone(), "建设路14号", "投诉 " + mark, null, now.minusSeconds(30), null),
                agent, now);
        complaint = desk.dispatch(complaint.id(), complaint.version(), agent, now, team, steward);

        logIn(agent);
        open("/cases?text=" + mark);
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".case-rows table")));
        assertThat(table.findElement(By.cssSelector("thead")).getText()).contains("考核风险");
        List<BigDecimal> before = points();
        assertThat(before).hasSize(2).allSatisfy(p -> assertThat(p).isPositive());
        WebElement cell = driver.findElement(By.xpath("//tr[td/a[text()='" + complaint.caseNo() + "']]"
                + "/td[contains(@class,'stakes-cell')]"));
        assertThat(cell.getText()).matches("\\d+(\\.\\d+)? 分");
        assertThat(cell.getAttribute("title")).contains(stationName);

        WebElement sort = driver.findElement(By.id("sort-stakes"));
        assertThat(sort.getText()).isEqualTo("按考核风险排序");
        click(sort);
        wait.until(ExpectedConditions.attributeToBe(sort, "aria-pressed", "true"));
        List<BigDecimal> sorted = points();
        assertThat(sorted).containsExactlyInAnyOrderElementsOf(before)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(sort.getText()).isEqualTo("按到期时间排序");
        assertThat(driver.getCurrentUrl()).contains("sort=stakes");

        // the case page says, clock by clock, what missing it would cost and whom
        open("/cases/" + complaint.caseNo());
        assertThat(text(By.id("stakes"))).contains("考核风险", "前未联系用户,将扣", stationName, "2.1 扣");
    }

    /** The points of the list's rows, in the order shown. */
    private List<BigDecimal> points() {
        return driver.findElements(By.cssSelector(".case-rows table tbody td.stakes-cell")).stream()
                .map(td -> new BigDecimal(td.getAttribute("data-points"))).toList();
    }
}
