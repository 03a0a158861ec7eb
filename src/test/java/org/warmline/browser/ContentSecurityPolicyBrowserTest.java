package org.warmline.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.warmline.security.AccountStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of every role on the demo desk ({@code --demo}) in a real browser under the Content-Security-Policy
 * (scripts and styles from the application only): no violation reaches the console, and what the pages' scripts do
 * still happens — the ECharts charts draw (and show their tooltips), htmx fills the intake's caller panel, Bootstrap
 * opens the navigation on a phone, the records page checks a file's size, Swagger UI shows the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = "--demo",
        properties = {"spring.datasource.url=jdbc:h2:mem:csp-browser;DB_CLOSE_DELAY=-1",
                "warmline.demo.accounts-file=target/csp-browser/demo-accounts.csv"})
class ContentSecurityPolicyBrowserTest extends BrowserTestBase {

    @Autowired
    AccountStore accounts;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(60);
    }

    /** The demo's accounts by role, each given the tests' password. */
    private Map<String, String> users() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("target/csp-browser/demo-accounts.csv"), StandardCharsets.UTF_8)
                .subList(1, 6)) {
            String[] f = line.split(",");
            accounts.setPassword(f[1], PASSWORD);
            users.put(f[0], f[1]);
        }
        return users;
    }

    /** What the console said about the policy. */
    private final List<String> violations = new ArrayList<>();

    /** Opens a page, lets it do what it does ({@code then}), and keeps what the console says about the policy. */
    private void visit(String path, Runnable then) {
        open(path);
        then.run();
        check(path);
    }

    private void visit(String path) {
        visit(path, () -> { });
    }

    private void check(String where) {
        for (String line : console()) {
            if (line.contains("Content Security Policy") || line.contains("Content-Security-Policy")) {
                violations.add(where + ": " + line);
            }
        }
        assertThat(violations).as("what the console reported about the policy").isEmpty();
    }

    /** The first link of the page that matches, as a path. */
    private String firstLink(String css) {
        String href = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getAttribute("href");
        return href.substring(href.indexOf('/', "http://".length()));
    }

    private void chartDrawn(String id) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " canvas")));
        WebElement canvas = driver.findElement(By.cssSelector("#" + id + " canvas"));
        new Actions(driver).moveToElement(canvas).pause(Duration.ofMillis(300)).perform();
        // the tooltip of the first point, as hovering shows it
        script("echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});", id);
        new Actions(driver).pause(Duration.ofMillis(500)).perform();
    }

    @Test
    void everyPageOfEveryRoleKeepsToThePolicyAndStillWorks() throws Exception {
        Map<String, String> users = users();

        visit("/login");
        visit("/public/new");
        visit("/public/track/not-a-token");

        logIn(users.get("AGENT"));
        visit("/");
        visit("/cases");
        visit(firstLink("#cases a[href*='/cases/W'], table a[href*='/cases/']"));
        visit("/cases/new", () -> {
            driver.findElement(By.id("citizenPhone")).sendKeys("13911112222");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("earlier-cases")));
        });
        visit("/my-work");
        visit("/dashboard", () -> {
            chartDrawn("late-chart");
            assertThat(driver.findElements(By.cssSelector("#cluster-alerts li"))).isNotEmpty();
        });
        visit("/callbacks");
        visit("/reviews");

        logIn(users.get("HANDLER"));
        visit("/my-work");
        visit("/cases");
        visit("/dashboard");

        logIn(users.get("UNIT_MANAGER"));
        visit("/assessments", () -> {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend-chart[data-loaded]")));
            chartDrawn("trend-chart");
        });
        String subject = firstLink("a[href*='/subjects/']");
        visit(subject);
        visit(subject.substring(0, subject.indexOf("/subjects/")) + "/appeals");

        logIn(users.get("ASSESSOR"));
        visit("/records");
        visit("/records/regulations");
        visit("/records/trainings");
        visit(firstLink("a[href*='/records/trainings/']"), () -> {
            WebElement file = driver.findElement(By.id("file"));
            assertThat(file.getAttribute("data-max-bytes")).isNotBlank();
        });
        visit("/records/outages");
        visit("/records/tasks");
        visit("/records/adjustments");
        visit("/calendars");

        logIn(users.get("ADMIN"));
        visit("/admin/units", () -> assertThat(driver.findElements(By.cssSelector(".tree-depth-1"))).isNotEmpty());
        visit("/admin/staff");
        visit("/admin/import");
        visit("/admin/routing");
        visit("/admin/accounts");
        visit("/admin/schemes");
        visit("/admin/schemes/default");
        visit("/calendars");
        driver.get(url("/swagger-ui/index.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .opblock")));
        check("/swagger-ui/index.html");

        // on a phone the navigation opens with Bootstrap's collapse
        driver.manage().window().setSize(new Dimension(390, 844));
        visit("/dashboard", () -> {
            click(driver.findElement(By.cssSelector(".navbar-toggler")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-cases")));
        });
    }
}
