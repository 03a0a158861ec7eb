package org.warmline.assessing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.warmline.browser.BrowserTestBase;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appeal flow in a real browser (Debian's headless Chromium): the assessor publishes January, the manager of
 * branch B01 appeals a deduction of its station with a reason, the assessor upholds it and publishes again, and the
 * station's published score goes up by the points given back. Skipped only where Chromium or its driver is missing.
 */
// the example ledger's fixed codes (HQ, B01 …) in a database of its own: other browser tests make units of their own
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:assessing-browser;DB_CLOSE_DELAY=-1")
class AppealBrowserTest extends BrowserTestBase {

    @Autowired
    OrganizationStore organization;
    @Autowired
    AccountStore accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    Publications publications;
    @Autowired
    Appeals appeals;

    Account assessor;
    Account manager;

    /** Computing and publishing a month takes a while on a busy machine. */
    @Override
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void exampleAndAccounts() {
        if (organization.unit("HQ").isEmpty()) {
            LiveAssessmentStoresTest.load(dataSource, LiveAssessmentStoresTest.example());
        }
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        assessor = accounts.create("assessor-" + suffix, PASSWORD, Role.ASSESSOR, null, null);
        manager = accounts.create("manager-" + suffix, PASSWORD, Role.UNIT_MANAGER, null, "B01");
    }

    private BigDecimal total() {
        return new BigDecimal(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("subject-total")))
                .getText().trim());
    }

    /** The first deduction of the station whose points can all come back (the item has room for them). */
    @SuppressWarnings("unchecked")
    private static Map.Entry<String, Integer> appealable(ResultDocument published) {
        Map<String, Object> items = (Map<String, Object>) published.subject("B01S1").orElseThrow().get("items");
        for (Map.Entry<String, Object> item : items.entrySet()) {
            Map<String, Object> value = (Map<String, Object>) item.getValue();
            BigDecimal room = ResultDocument.decimal(value.get("max")).subtract(ResultDocument.decimal(value.get("score")));
            List<Map<String, Object>> deductions = (List<Map<String, Object>>) value.get("deductions");
            for (int i = 0; i < deductions.size(); i++) {
                BigDecimal points = ResultDocument.decimal(deductions.get(i).get("points"));
                if (points.signum() > 0 && points.compareTo(room) <= 0) {
                    return Map.entry(item.getKey(), i);
                }
            }
        }
        throw new AssertionError("the station has no deduction to appeal");
    }

    @Test
    void theManagerAppealsTheAssessorUpholdsAndThePublishedScoreGoesUp() {
        // the assessor publishes January
        logIn(assessor);
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-assessments"))));
        WebElement period = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("period")));
        period.clear();
        period.sendKeys("2026-01");
        click(driver.findElement(By.cssSelector("#period-form button[type=submit]")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live-note")));
        click(driver.findElement(By.id("publish")));
        assertThat(flash()).contains("2026-01");
        assertThat(driver.findElement(By.id("published-note")).getText()).contains("1");

        // the manager of B01 opens the station's page and appeals a deduction
        logIn(manager);
        open("/assessments?period=2026-01&kind=STATION");
        assertThat(driver.findElements(By.cssSelector("#ranking tbody tr"))).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("B01S1"))
                .noneSatisfy(row -> assertThat(row).contains("B02S1"));
        click(driver.findElement(By.linkText("B01S1")));
        BigDecimal before = total();
        var deduction = appealable(ResultDocument.parse(publications.latest("2026-01").orElseThrow().resultZh()));
        WebElement form = driver.findElement(By.xpath("//form[contains(@class,'appeal-form')]"
                + "[input[@name='item' and @value='" + deduction.getKey() + "']]"
                + "[input[@name='index' and @value='" + deduction.getValue() + "']]"));
        form.findElement(By.name("reason")).sendKeys("用户来电时间记录错误,实际按时响应");
        click(form.findElement(By.cssSelector("button[type=submit]")));
        assertThat(flash()).contains("申诉");
        assertThat(driver.findElement(By.id("subject-appeals")).getText()).contains("待处理");

        // the assessor upholds it and publishes again
        logIn(assessor);
        open("/assessments/2026-01/appeals");
        WebElement appeal = driver.findElement(By.cssSelector(".appeal"));
        assertThat(appeal.getText()).contains("B01S1").contains("提出申诉").contains("用户来电时间记录错误");
        click(appeal.findElement(By.cssSelector("button.uphold")));
        assertThat(flash()).contains("成立");
        assertThat(driver.findElement(By.cssSelector(".appeal .state")).getText()).isEqualTo("申诉成立");
        assertThat(driver.findElement(By.cssSelector(".appeal .steps")).getText())
                .contains("提出申诉").contains("申诉成立").contains(assessor.username());
        open("/assessments?period=2026-01");
        click(driver.findElement(By.id("publish")));
        assertThat(flash()).contains("2");

        // the manager sees the station's published score up by the points given back
        logIn(manager);
        open("/assessments/2026-01/subjects/B01S1");
        BigDecimal after = total();
        assertThat(after).isGreaterThan(before);
        assertThat(appeals.ofPeriod("2026-01")).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(Appeal.State.UPHELD));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("用户来电时间记录错误");
    }
}
