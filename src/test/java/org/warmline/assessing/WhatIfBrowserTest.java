package org.warmline.assessing;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.warmline.administration.Schemes;
import org.warmline.browser.BrowserTestBase;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheme what-if in a real browser (Debian's headless Chromium) on the example ledger: the assessor opens it from
 * the assessment page, compares January with a stricter version, sees the subjects that change with the cases that
 * make the difference (each linked to its case) and the Excel link, mistypes a period and is told so; the
 * administrator reaches it from the version's row on the scheme page; on a phone the page does not scroll sideways.
 * Skipped only where Chromium or its driver is missing.
 */
// the example ledger's fixed codes (HQ, B01 …) in a database of its own: other browser tests make units of their own
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:what-if-browser;DB_CLOSE_DELAY=-1")
class WhatIfBrowserTest extends BrowserTestBase {

    private static final String VERSION = "strict-browser";

    @Autowired
    OrganizationStore organization;
    @Autowired
    AccountStore accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    SchemeWhatIf whatIf;
    @Autowired
    LiveAssessment live;

    Account assessor;
    Account admin;

    /** Two assessments of a month on a busy machine take a while. */
    @Override
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void exampleVersionAndAccounts() {
        if (organization.unit("HQ").isEmpty()) {
            LiveAssessmentStoresTest.load(dataSource, LiveAssessmentStoresTest.example());
            SchemeWhatIfTest.upload(dataSource, VERSION, Schemes.version(VERSION, "PT10M"));
        }
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        assessor = accounts.create("assessor-" + suffix, PASSWORD, Role.ASSESSOR, null, null);
        admin = accounts.create("admin-" + suffix, PASSWORD, Role.ADMIN, null, null);
    }

    @Test
    void theAssessorComparesAPastMonthWithAStricterVersion() {
        SchemeWhatIf.Comparison expected = whatIf.compare(VERSION, live.period("2026-01"), Instant.now(),
                Locale.SIMPLIFIED_CHINESE);
        SchemeWhatIf.SubjectChange first = expected.changed().get(0);
        SchemeWhatIf.EntryChange entry = first.items().get(0).entries().get(0);

        logIn(assessor);
        click(driver.findElement(By.id("nav-assessments")));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("what-if-link"))));
        wait.until(ExpectedConditions.titleContains("方案试算"));
        new Select(driver.findElement(By.id("version"))).selectByValue(VERSION);
        WebElement period = driver.findElement(By.id("period"));
        period.clear();
        period.sendKeys("2026-01");
        submit(driver.findElement(By.id("what-if-form")));

        assertThat(text(By.id("what-if-versions"))).startsWith("期间 2026-01:在用版本 default 与试算版本 " + VERSION);
        assertThat(text(By.id("what-if-counts"))).isEqualTo(expected.changed().size() + " 个考核对象(共 "
                + expected.subjects().size() + " 个)的得分或扣分有变化,共 " + expected.entryChanges()
                + " 条扣分或加分不同。");
        WebElement row = driver.findElement(By.id("what-if-subject-" + first.code()));
        assertThat(row.findElement(By.cssSelector(".difference")).getText()).startsWith("-");
        WebElement item = driver.findElement(By.id("what-if-" + first.code() + "-handling.response"));
        assertThat(item.getText()).contains("2.1 响应时效", "新增扣分");
        assertThat(item.findElements(By.cssSelector("a.case-link")).stream().map(a -> a.getText()))
                .contains(entry.ref());
        assertThat(driver.findElement(By.id("what-if-xlsx")).getAttribute("href"))
                .endsWith("/assessments/what-if.xlsx?version=" + VERSION + "&period=2026-01");
        save("what-if-desktop");

        // on a phone the page stays within the screen
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("what-if-summary")));
        assertThat((Long) script("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0L);
        save("what-if-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));

        // a period that cannot be read
        period = driver.findElement(By.id("period"));
        period.clear();
        period.sendKeys("2026-13");
        submit(driver.findElement(By.id("what-if-form")));
        assertThat(text(By.id("what-if-error"))).isEqualTo("期间:无法识别“2026-13”,应为 2026-01、2026-Q1 或 2026");
        assertThat(driver.findElements(By.id("what-if-summary"))).isEmpty();
    }

    @Test
    void theAdministratorReachesItFromTheVersionsRow() {
        logIn(admin);
        clickSetting("nav-schemes");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("version-" + VERSION)));
        click(row.findElement(By.cssSelector("a.what-if-link")));
        wait.until(ExpectedConditions.titleContains("方案试算"));
        assertThat(new Select(driver.findElement(By.id("version"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(VERSION);
        assertThat(driver.findElements(By.id("what-if-summary"))).isEmpty();
    }
}
