package org.warmline.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.warmline.ledger.Training;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.records.TrainingAttachments;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training record pages in a real browser on a phone-sized window (Debian's headless Chromium): an assessor adds a
 * training, attaches its sign-in sheet through the real multipart upload, sees the record marked kept, and a file over
 * the size limit is refused in the page before it is sent. Skipped only where Chromium or its driver is missing.
 */
@BrowserTest
class RecordsBrowserTest extends BrowserTestBase {

    @Autowired
    OrganizationStore organization;

    @Autowired
    AccountStore accounts;

    @Autowired
    ManualRecords records;

    @Autowired
    TrainingAttachments attachments;

    @Test
    void anAssessorOnAPhoneAddsATrainingAndAttachesItsSignInSheet() throws Exception {
        String unit = code("B");
        organization.saveAll(List.of(new Unit(unit, "城南分公司" + unit, UnitKind.BRANCH, null)), List.of());
        String username = "assessor" + unit;
        accounts.create(username, PASSWORD, Role.ASSESSOR, null, null);
        driver.manage().window().setSize(new Dimension(390, 844));

        logIn(username);
        driver.get(url("/records/trainings"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("training-form")));
        new Select(driver.findElement(By.id("unit"))).selectByValue(unit);
        ((JavascriptExecutor) driver).executeScript("document.getElementById('heldOn').value = '2026-01-08';");
        String title = "<b>信访条例培训</b>" + unit;
        driver.findElement(By.id("title")).sendKeys(title);
        click(driver.findElement(By.cssSelector("#training-form button[type=submit]")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash")));
        assertThat(driver.findElement(By.id("training-title")).getText()).isEqualTo(title);
        assertThat((Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;")).as("no sideways scrolling")
                .isLessThanOrEqualTo(0L);
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/records/trainings/", ""));

        Path dir = Files.createTempDirectory("warmline-upload");
        Path pdf = dir.resolve("签到表.pdf");
        Files.write(pdf, "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        new Select(driver.findElement(By.id("kind"))).selectByValue("SIGN_IN");
        driver.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
        click(driver.findElement(By.cssSelector("#attachment-form button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "签到表.pdf"));
        assertThat(driver.findElement(By.cssSelector("#files-SIGN_IN .badge")).getText()).isEqualTo("已留存");
        assertThat(driver.findElement(By.cssSelector("#files-SIGN_IN a")).getText()).isEqualTo("签到表.pdf");
        assertThat(records.training(id).orElseThrow().record())
                .isEqualTo(new Training(unit, java.time.LocalDate.of(2026, 1, 8), title, true, false, false));

        Path big = dir.resolve("大文件.pdf");
        try (var out = Files.newOutputStream(big)) {
            out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[11 * 1024 * 1024]);
        }
        new Select(driver.findElement(By.id("kind"))).selectByValue("COURSEWARE");
        driver.findElement(By.id("file")).sendKeys(big.toAbsolutePath().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-too-large")));
        WebElement form = driver.findElement(By.id("attachment-form"));
        click(form.findElement(By.cssSelector("button[type=submit]")));
        assertThat(driver.findElement(By.id("file-too-large")).getText()).isEqualTo("文件太大:最大 10 MB");
        assertThat(driver.findElements(By.id("attachment-form"))).as("still the same page").containsExactly(form);
        assertThat(attachments.of(id)).hasSize(1);

        save("records-training-phone");
        Files.delete(pdf);
        Files.delete(big);
        Files.delete(dir);
    }
}
