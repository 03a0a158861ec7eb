package org.warmline.administration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.browser.BrowserTest;
import org.warmline.browser.BrowserTestBase;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages of scheme versions (考核方案版本) and holiday calendars (节假日) in a real browser (Debian's
 * headless Chromium), with files uploaded through the real multipart form: an administrator uploads a broken scheme
 * file and sees every problem with nothing added, uploads a valid one, activates it from the first day of a coming
 * month and sees it scheduled; views 2026's grid with its holidays and 调休 working days, imports next year's schedule
 * as JSON and then as .ics, and sees a broken file refused with nothing changed. Skipped only where Chromium or its
 * driver is missing.
 */
@BrowserTest
class AdministrationBrowserTest extends BrowserTestBase {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    AccountStore accounts;

    @Autowired
    SchemeVersions versions;

    @Autowired
    Calendars calendars;

    Account admin;
    Path files;

    @BeforeEach
    void administratorAndFolder() throws IOException {
        admin = accounts.create(code("admin"), PASSWORD, Role.ADMIN, null, null);
        files = Files.createTempDirectory("warmline-admin-upload");
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(files)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Writes a file to upload, under the name the user's file has. */
    private String file(String name, byte[] content) throws IOException {
        Path path = files.resolve(name);
        Files.write(path, content);
        return path.toAbsolutePath().toString();
    }

    private String file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> schemeRows() {
        return driver.findElements(By.cssSelector("#scheme-versions tbody tr")).stream()
                .map(row -> row.getAttribute("id")).toList();
    }

    private WebElement schemeRow(String version) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("version-" + version)));
    }

    private static List<String> badges(WebElement row) {
        return row.findElements(By.cssSelector(".badge")).stream().map(WebElement::getText).toList();
    }

    /** A day's cell of the calendar grid. */
    private WebElement day(LocalDate date) {
        return driver.findElement(By.cssSelector("#calendar-grid td[data-date='" + date + "']"));
    }

    private static int nextYear() {
        return LocalDate.now(SHANGHAI).getYear() + 1;
    }

    private static LocalDate firstOfMonthAhead(int months) {
        return LocalDate.now(SHANGHAI).withDayOfMonth(1).plusMonths(months);
    }

    @Test
    void anAdministratorUploadsASchemeVersionSeesABrokenOneRefusedAndActivatesTheValidOneFromAComingMonth()
            throws IOException {
        logIn(admin);
        clickSetting("nav-schemes");
        wait.until(ExpectedConditions.titleContains("考核方案版本"));
        WebElement builtIn = schemeRow("default");
        assertThat(badges(builtIn)).containsExactly("现行");
        assertThat(builtIn.getText()).contains("热力信访考核方案(默认)", "自始生效", "内置");
        assertThat(driver.findElements(By.id("scheme-problems"))).isEmpty();
        List<String> before = schemeRows();

        // a broken file: every problem named with its setting, nothing added
        String version = code("v");
        String broken = new String(Schemes.version(version, "PT60M"), StandardCharsets.UTF_8)
                .replace("yearStartMonth: 1 ", "yearStartMonth: 2 ").replace("scale: 2", "scale: 9");
        driver.findElement(By.id("file")).sendKeys(file("broken.yaml", broken));
        submit(driver.findElement(By.id("scheme-upload")));
        String problems = text(By.id("scheme-problems"));
        assertThat(problems).contains("未保存", "broken.yaml: yearStartMonth:", "broken.yaml: rounding.scale:");
        assertThat(driver.findElements(By.cssSelector("#scheme-problems li"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.findElements(By.id("flash"))).isEmpty();
        assertThat(schemeRows()).isEqualTo(before);
        assertThat(versions.find(version)).isEmpty();

        // the valid one: the shipped default scheme as a new version, named anew, with a 60-minute acceptance allowance
        String valid = new String(Schemes.version(version, "PT60M"), StandardCharsets.UTF_8)
                .replace("name: 热力信访考核方案(默认)", "name: 热力信访考核方案(<i>新版</i>)");
        assertThat(valid).contains("(<i>新版</i>)");
        driver.findElement(By.id("file")).sendKeys(file("new-version.yaml", valid));
        submit(driver.findElement(By.id("scheme-upload")));
        assertThat(flash()).isEqualTo("已上传版本 " + version + "(尚未启用)。");
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("考核方案版本 " + version);
        assertThat(text(By.tagName("main"))).contains("热力信访考核方案(<i>新版</i>)");
        assertThat(driver.findElements(By.cssSelector("main i"))).isEmpty();
        WebElement acceptance = driver.findElement(By.xpath("//table[@id='scheme-summary']//tr[th='受理时限']/td"));
        assertThat(acceptance.getText()).isEqualTo("1 h");
        assertThat(text(By.id("scheme-total"))).isEqualTo("100");
        assertThat(text(By.id("scheme-yaml"))).contains("version: " + version, "allowance: PT60M");
        assertThat(driver.findElements(By.cssSelector("main .badge"))).isEmpty();

        click(driver.findElement(By.linkText("返回版本列表")));
        WebElement row = schemeRow(version);
        assertThat(schemeRows()).hasSize(before.size() + 1).containsSubsequence(before);
        assertThat(badges(row)).isEmpty();
        assertThat(row.getText()).contains("热力信访考核方案(<i>新版</i>)", "未启用", admin.username());
        assertThat(row.findElements(By.tagName("i"))).as("the name is shown as text").isEmpty();

        // the 15th of a month is refused with its reason, and nothing is activated
        LocalDate midMonth = firstOfMonthAhead(1).plusDays(14);
        script("arguments[0].value = arguments[1];", driver.findElement(By.id("from-" + version)), midMonth.toString());
        submit(row.findElement(By.tagName("form")));
        assertThat(text(By.id("scheme-refusal"))).isEqualTo("生效日期 " + midMonth + " 不是某月1日:一个月必须按同一版本考核。");
        assertThat(schemeRow(version).getText()).contains("未启用");
        assertThat(badges(schemeRow(version))).isEmpty();

        // the first day of a coming month: scheduled, the built-in version still in force until then
        LocalDate from = firstOfMonthAhead(2);
        script("arguments[0].value = arguments[1];", driver.findElement(By.id("from-" + version)), from.toString());
        submit(schemeRow(version).findElement(By.tagName("form")));
        assertThat(flash()).isEqualTo("版本 " + version + " 将自 " + from + " 起生效。");
        row = schemeRow(version);
        assertThat(badges(row)).containsExactly("待生效");
        assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo(from.toString());
        assertThat(row.findElements(By.cssSelector("button"))).extracting(WebElement::getText).contains("撤回启用");
        assertThat(badges(schemeRow("default"))).containsExactly("现行");
        assertThat(driver.findElements(By.id("scheme-refusal"))).isEmpty();
        assertThat(versions.forDay(from).version()).isEqualTo(version);
        assertThat(versions.forDay(from.minusDays(1)).version()).isEqualTo(SchemeVersions.BUILT_IN);

        click(row.findElement(By.linkText(version)));
        assertThat(text(By.id("active-from"))).isEqualTo("自 " + from + " 起生效");
        assertThat(driver.findElements(By.cssSelector("main .badge"))).extracting(WebElement::getText)
                .containsExactly("待生效");
    }

    @Test
    void anAdministratorViewsAYearImportsNextYearAsJsonAndAsIcsAndABrokenFileChangesNothing() throws IOException {
        logIn(admin);
        clickSetting("nav-calendars");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar-grid")));
        click(driver.findElement(By.xpath("//nav[@id='calendar-years']/a[text()='2026']")));
        wait.until(ExpectedConditions.titleContains("2026 年节假日"));
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("2026 年节假日");
        assertThat(text(By.id("calendar-source"))).contains("随程序提供的节假日安排", "放假 33 天,调休上班 6 天");
        assertThat(driver.findElements(By.cssSelector("#calendar-grid caption"))).extracting(WebElement::getText)
                .hasSize(12).startsWith("一月");

        // 2026-02-17, a Tuesday of the Spring Festival, is a day off; Saturday 2026-02-14 is a 调休 working day
        WebElement springFestival = day(LocalDate.of(2026, 2, 17));
        assertThat(springFestival.getAttribute("class")).isEqualTo("cal-OFF");
        assertThat(springFestival.getText()).isEqualTo("17\n休");
        assertThat(springFestival.getAttribute("title")).isEqualTo("春节");
        WebElement makeUp = day(LocalDate.of(2026, 2, 14));
        assertThat(makeUp.getAttribute("class")).isEqualTo("cal-MAKE_UP");
        assertThat(makeUp.getText()).isEqualTo("14\n班");
        WebElement weekend = day(LocalDate.of(2026, 3, 7));
        assertThat(weekend.getAttribute("class")).isEqualTo("cal-WEEKEND");
        assertThat(weekend.getText()).isEqualTo("7");
        WebElement working = day(LocalDate.of(2026, 3, 9));
        assertThat(working.getAttribute("class")).isEqualTo("cal-WORKING");
        // the three kinds look different (the page's colours loaded)
        assertThat(List.of(springFestival, makeUp, weekend, working)).extracting(c -> c.getCssValue("background-color"))
                .doesNotHaveDuplicates();

        // next year's schedule as the shipped JSON format
        int next = nextYear();
        String year = Integer.toString(next);
        assertThat(driver.findElements(By.xpath("//nav[@id='calendar-years']/a[text()='" + year + "']"))).isEmpty();
        new Select(driver.findElement(By.id("import-year"))).selectByValue(year);
        driver.findElement(By.id("calendar-file")).sendKeys(file(year + ".json",
                HolidayFileTest.JSON_2027.replace("2027", year)));
        submit(driver.findElement(By.id("calendar-import")));
        // the preview: the days that change against Monday to Friday, nothing stored until confirmed
        assertThat(text(By.id("calendar-preview"))).contains("按周一至周五为工作日", "确认导入 " + year + " 年安排");
        assertThat(calendars.current().scheduledYears()).doesNotContain(next);
        submit(driver.findElement(By.id("calendar-confirm")));
        assertThat(flash()).isEqualTo("已导入 " + year + " 年节假日安排(4 天)。");
        assertThat(text(By.cssSelector("main h1"))).isEqualTo(year + " 年节假日");
        assertThat(text(By.id("calendar-source"))).contains("导入于", admin.username(), "放假 3 天,调休上班 1 天");
        assertThat(driver.findElement(By.xpath("//nav[@id='calendar-years']/a[text()='" + year + "']"))
                .getAttribute("class")).contains("fw-bold");
        assertThat(day(LocalDate.of(next, 1, 1)).getAttribute("class")).isEqualTo("cal-OFF");
        assertThat(day(LocalDate.of(next, 1, 1)).getAttribute("title")).isEqualTo("元旦");
        assertThat(day(LocalDate.of(next, 2, 13)).getAttribute("class")).isEqualTo("cal-MAKE_UP");
        assertThat(day(LocalDate.of(next, 2, 13)).getText()).endsWith("班");
        assertThat(day(LocalDate.of(next, 1, 2)).getAttribute("class")).isNotEqualTo("cal-OFF");

        // the same year again as .ics: it replaces the JSON one
        new Select(driver.findElement(By.id("import-year"))).selectByValue(year);
        driver.findElement(By.id("calendar-file")).sendKeys(file("holidays.ics",
                HolidayFileTest.ICS_2027.replace("2027", year)));
        submit(driver.findElement(By.id("calendar-import")));
        // against the imported JSON: 2 and 3 January become days off (listed if they are weekdays), 14 February a
        // make-up working day (listed if it is a weekend day)
        assertThat(text(By.id("calendar-preview"))).contains("下表与现行安排(导入于");
        submit(driver.findElement(By.id("calendar-confirm")));
        assertThat(flash()).isEqualTo("已导入 " + year + " 年节假日安排(7 天)。");
        assertThat(text(By.id("calendar-source"))).contains("导入于", "放假 5 天,调休上班 2 天");
        assertThat(day(LocalDate.of(next, 1, 2)).getAttribute("class")).isEqualTo("cal-OFF");
        assertThat(day(LocalDate.of(next, 1, 3)).getText()).endsWith("休");
        assertThat(day(LocalDate.of(next, 2, 14)).getAttribute("class")).isEqualTo("cal-MAKE_UP");
        assertThat(day(LocalDate.of(next, 2, 14)).getAttribute("title")).isEqualTo("Make-up day");
        assertThat(calendars.current().isWorkingDay(LocalDate.of(next, 1, 2))).isFalse();

        // a broken file: every problem with its event, in Chinese only, nothing imported
        String brokenIcs = HolidayFileTest.ICS_2027.replace("2027", year)
                .replace("SUMMARY:元旦（休）", "SUMMARY:<b>元旦</b>")
                .replace("DTSTART:" + year + "0214", "DTSTART:" + year + "0214T090000");
        new Select(driver.findElement(By.id("import-year"))).selectByValue(year);
        driver.findElement(By.id("calendar-file")).sendKeys(file("broken.ics", brokenIcs));
        submit(driver.findElement(By.id("calendar-import")));
        assertThat(text(By.id("calendar-problems"))).contains("发现 2 个问题,未导入");
        assertThat(driver.findElements(By.cssSelector("#calendar-problems li"))).extracting(WebElement::getText)
                .containsExactly("broken.ics: 第 1 个事件“<b>元旦</b>”: 无法判断 \"<b>元旦</b>\" 是放假还是调休上班:"
                                + "CATEGORIES 或 SUMMARY 应写“放假”“休”“假”(或 holiday、day off),"
                                + "或“调休”“补班”“上班”“班”(或 workday、working day)",
                        "broken.ics: 第 4 个事件“Make-up day”: " + year + "-02-14T09:00 至 " + year
                                + "-02-14T09:00 不是整天:应为全天事件(VALUE=DATE),或从某日 0 点到另一日 0 点");
        assertThat(driver.findElements(By.cssSelector("#calendar-problems b"))).isEmpty();
        assertThat(driver.findElements(By.id("flash"))).isEmpty();
        // a JSON file of another year is refused too
        new Select(driver.findElement(By.id("import-year"))).selectByValue(year);
        driver.findElement(By.id("calendar-file")).sendKeys(file("wrong-year.json", HolidayFileTest.JSON_2027
                .replace("\"year\": 2027", "\"year\": 2020").replace("2027", year)));
        submit(driver.findElement(By.id("calendar-import")));
        assertThat(text(By.id("calendar-problems"))).contains("未导入", "wrong-year.json", "文件是 2020 年的,不是 " + year + " 年");

        open("/calendars?year=" + year);
        assertThat(text(By.id("calendar-source"))).contains("放假 5 天,调休上班 2 天");
        assertThat(day(LocalDate.of(next, 2, 14)).getAttribute("class")).isEqualTo("cal-MAKE_UP");
        assertThat(driver.findElements(By.id("calendar-problems"))).isEmpty();
        assertThat(calendars.years().get(next).parsed().days()).hasSize(7);
    }
}
