package org.warmline.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.warmline.cases.CaseAttachments;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.RegisterCommand;
import org.warmline.files.TestFiles;
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
 * Case evidence in a real browser: a citizen sends photos with the public form on a phone-sized window (the camera
 * field, the list of chosen photos, the refusal of too many before anything is sent) and sees them on the tracking
 * page; a handler on a phone adds a photo and a note on the case page and sees the gallery; an agent corrects the
 * case's category and sees before → after in the history.
 */
@BrowserTest
class CaseEvidenceBrowserTest extends BrowserTestBase {

    private static final Dimension PHONE = new Dimension(390, 844);

    @Autowired
    OrganizationStore organization;
    @Autowired
    AccountStore accounts;
    @Autowired
    CaseDesk desk;
    @Autowired
    CaseAttachments attachments;

    String team;
    String steward;
    Account agent;
    Account handler;

    @BeforeEach
    void organisation() {
        team = code("T");
        steward = code("S");
        organization.saveAll(List.of(new Unit(team, "维修三班" + team, UnitKind.TEAM, null)),
                List.of(new Staff(steward, "吴管家" + steward.substring(1, 5), Post.STEWARD, team)));
        agent = accounts.create(code("agent"), PASSWORD, Role.AGENT, null, null);
        handler = accounts.create(code("handler"), PASSWORD, Role.HANDLER, steward, team);
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static Path file(String name, byte[] content) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser-files"));
            Path file = dir.resolve(name);
            Files.write(file, content);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chooses files in a file field as a user does (the field itself sits behind its button label). */
    private void choose(String inputId, Path... files) {
        WebElement input = driver.findElement(By.id(inputId));
        script("arguments[0].classList.remove('visually-hidden');", input);
        input.sendKeys(String.join("\n", java.util.Arrays.stream(files).map(Path::toString).toList()));
    }

    private boolean imagesLoaded(String css) {
        return Boolean.TRUE.equals(script("var imgs = document.querySelectorAll(arguments[0]);"
                + "return imgs.length > 0 && Array.prototype.every.call(imgs, function (i) {"
                + " return i.complete && i.naturalWidth > 0; });", css));
    }

    @Test
    void aCitizenSendsPhotosWithTheFormOnAPhoneAndSeesThemOnTheTrackingPage() {
        driver.manage().window().setSize(PHONE);
        open("/public/new");
        assertThat(driver.findElement(By.id("photo-camera")).getAttribute("capture")).isEqualTo("environment");
        assertThat(driver.findElement(By.id("photo-camera")).getAttribute("accept")).isEqualTo("image/*");
        assertThat(driver.findElement(By.cssSelector("label[for=photo-camera]")).getText()).isEqualTo("拍照");
        new Select(driver.findElement(By.id("topic"))).selectByValue("TEMPERATURE");
        driver.findElement(By.id("citizenPhone")).sendKeys(phone());
        driver.findElement(By.id("address")).sendKeys("幸福小区5号楼1单元302");
        driver.findElement(By.id("demand")).sendKeys("客厅室温只有15度,附温度计照片");

        Path[] six = new Path[6];
        for (int i = 0; i < six.length; i++) {
            six[i] = file("photo-" + i + ".jpg", TestFiles.jpeg(80, 60));
        }
        choose("photo-choose", six);
        assertThat(text(By.id("photo-warning"))).contains("最多只能上传 5 张照片");
        click(driver.findElement(By.id("citizen-submit")));
        assertThat(driver.getCurrentUrl()).as("nothing is sent while too many are chosen").endsWith("/public/new");

        driver.findElement(By.id("photo-choose")).clear();
        choose("photo-choose", file("温度计.jpg", TestFiles.fixture("gps.jpg")), file("暖气片.png", TestFiles.png(120, 90)));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("photo-warning")));
        assertThat(driver.findElements(By.cssSelector("#photo-list li"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("温度计.jpg")).hasSize(2);
        submit(driver.findElement(By.id("citizen-form")));
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracking-link")));
        String caseNo = text(By.id("case-no"));
        driver.get(link.getAttribute("href"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("own-photos")));
        assertThat(driver.findElements(By.cssSelector("#own-photos figcaption"))).extracting(WebElement::getText)
                .containsExactly("温度计.jpg", "暖气片.png");
        wait.until(d -> imagesLoaded("#own-photos img"));
        long pageWidth = (Long) script("return document.documentElement.scrollWidth;");
        assertThat(pageWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
        Case c = desk.findByCaseNo(caseNo).orElseThrow();
        assertThat(attachments.of(c.id())).hasSize(2).allMatch(CaseAttachments.Attachment::byCitizen);
    }

    @Test
    void aHandlerOnAPhoneAddsAPhotoAndANoteAndAnAgentCorrectsTheCase() {
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "室温不达标",
                "王女士", phone(), "幸福小区7号楼", "询问室温标准,实际是投诉卧室只有16度", null,
                Instant.now().minus(Duration.ofMinutes(30)), null), agent, Instant.now());
        c = desk.dispatch(c.id(), c.version(), agent, Instant.now(), team, steward);

        driver.manage().window().setSize(PHONE);
        logIn(handler);
        open("/cases/" + c.caseNo());
        assertThat(text(By.id("files"))).contains("还没有照片或附件");
        assertThat(driver.findElement(By.id("attach-camera")).getAttribute("capture")).isEqualTo("environment");
        choose("attach-choose", file("现场室温.jpg", TestFiles.jpeg(1600, 1200)));
        submit(driver.findElement(By.id("attach-form")));
        assertThat(flash()).contains("已上传 1 个文件");
        wait.until(d -> imagesLoaded("#gallery img"));
        assertThat(text(By.cssSelector("#gallery figcaption"))).contains("现场室温.jpg");

        WebElement note = driver.findElement(By.cssSelector("#note-form textarea"));
        note.sendKeys("用户白天不在家,约周六上午上门");
        submit(driver.findElement(By.id("note-form")));
        assertThat(flash()).contains("已添加备注");
        assertThat(text(By.id("note-list"))).contains("用户白天不在家,约周六上午上门");
        save("handler-gallery-and-note-phone");

        driver.manage().window().setSize(new Dimension(1280, 900));
        logIn(agent);
        open("/cases/" + c.caseNo());
        click(driver.findElement(By.cssSelector("#correction summary")));
        new Select(driver.findElement(By.id("correct-category"))).selectByValue("COMPLAINT");
        driver.findElement(By.id("correct-reason")).sendKeys("来电实为投诉室温");
        submit(driver.findElement(By.id("correct-form")));
        assertThat(flash()).contains("已更正工单信息");
        List<String> correction = driver.findElements(By.cssSelector("#history tbody tr")).stream()
                .map(WebElement::getText).filter(t -> t.contains("更正")).toList();
        assertThat(correction).singleElement().asString().contains("类别", "咨询", "投诉", "来电实为投诉室温");
        assertThat(driver.findElement(By.id("print-sheet")).getAttribute("href")).endsWith("/print");
    }
}
