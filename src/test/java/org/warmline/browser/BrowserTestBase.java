package org.warmline.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.warmline.security.Account;

/**
 * What every browser test shares: Debian's headless Chromium driven through its ChromeDriver (one browser for the
 * test JVM, a fresh profile, Chinese first, 1280×900, reduced motion), against the application on a random port; a
 * clean browser before each test (no cookies, desktop size) and a screenshot of its last page when it fails
 * ({@code target/screenshots/<test method>.png}); and the helpers a user's steps need — sign in, open a page, read a
 * text, click, submit a form, read the flash message.
 *
 * <p>A subclass is a {@link BrowserTest} (or a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} of its own). The
 * whole class is skipped (not failed) only where Chromium or ChromeDriver is not installed at {@code /usr/bin}; CI
 * installs both ({@code .ci/run}), so there the tests run.
 */
public abstract class BrowserTestBase {

    /** The password of the accounts the tests create. */
    protected static final String PASSWORD = "browser secret";

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    /** No CDP bindings for this Chromium on the class path, and none needed: keep the driver's warning out of the log. */
    private static final java.util.logging.Logger DEVTOOLS_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private static ChromeDriverService service;
    private static Path profile;

    /** The browser of the running test class. */
    protected static WebDriver driver;

    @LocalServerPort
    protected int port;

    /** Waits up to {@link #patience()} for what the page should come to show. */
    protected WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver are not installed at /usr/bin (CI installs them with apt-get)");
        if (driver == null) {
            driver = newBrowser();
            Runtime.getRuntime().addShutdownHook(new Thread(BrowserTestBase::stopBrowser, "browser-stop"));
        } else {
            console(); // what the browser said for the classes before this one is theirs
        }
    }

    /**
     * One browser for every browser test class of the test JVM: starting Chromium is much of a small class's work.
     * Each test starts without cookies ({@link #cleanBrowser}), so no sign-in carries over.
     */
    private static ChromeDriver newBrowser() {
        DEVTOOLS_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            profile = Files.createTempDirectory("warmline-chromium");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--lang=zh-CN",
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(),
                // Bootstrap scrolls smoothly unless the user prefers reduced motion; a click must not aim mid-scroll
                "--force-prefers-reduced-motion",
                // none of the browser's own background services: the tests pay for every bit of its work
                "--disable-features=" + String.join(",", "Translate", "OptimizationHints", "MediaRouter",
                        "BackForwardCache", "PaintHolding", "AutofillServerCommunication",
                        "CalculateNativeWinOcclusion", "InterestFeedContentSuggestions", "CertificateTransparencyComponentUpdater",
                        "DialMediaRouteProvider", "GlobalMediaControls", "ImprovedCookieControls", "LazyFrameLoading",
                        "DestroyProfileOnBrowserClose", "AcceptCHFrame"),
                "--disable-extensions", "--disable-default-apps", "--mute-audio", "--disable-hang-monitor",
                "--disable-client-side-phishing-detection", "--disable-breakpad", "--disable-field-trial-config",
                "--disable-backgrounding-occluded-windows", "--disable-renderer-backgrounding",
                "--disable-ipc-flooding-protection", "--metrics-recording-only", "--password-store=basic",
                "--use-mock-keychain", "--disable-domain-reliability", "--disable-print-preview", "--no-pings");
        // the browser's console, for what a page reports (Content-Security-Policy violations among it)
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    private static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (service != null) {
            service.stop();
            service = null;
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                System.err.println("Chromium's profile " + profile + " not deleted: " + e);
            }
            profile = null;
        }
    }

    /** Forgets every cookie of the browser, whichever site set it: whoever was signed in is signed out. */
    protected static void clearCookies() {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
    }

    /** How long a wait lasts before the test fails; a class whose pages compute a lot may wait longer. */
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    @BeforeEach
    void cleanBrowser() {
        wait = new WebDriverWait(driver, patience());
        driver.manage().window().setSize(DESKTOP);
        driver.get("about:blank");
        clearCookies();
    }

    /** A test that fails leaves its last page as a screenshot: what the user saw when it failed. */
    @RegisterExtension
    static final AfterTestExecutionCallback SCREENSHOT_ON_FAILURE = context -> {
        if (context.getExecutionException().isPresent() && driver != null) {
            save(context.getRequiredTestMethod().getName());
        }
    };

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}; a failure to do so only logs. */
    protected static void save(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }

    /** A fresh code or name: the prefix and eight random capitals or digits. */
    protected static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in on the sign-in page as a user does, after signing out whoever was signed in (cookies cleared). */
    protected void logIn(Account account) {
        logIn(account.username());
    }

    /** Signs in with a user name and {@link #PASSWORD}, after clearing the cookies of whoever was signed in. */
    protected void logIn(String username) {
        clearCookies();
        driver.get(url("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
    }

    /** Opens a page of the application and waits for its main part. */
    protected void open(String path) {
        driver.get(url(path));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
    }

    /** The text of an element once it is visible. */
    protected String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    /** The flash message of the page a form redirected to. */
    protected String flash() {
        return text(By.id("flash"));
    }

    /**
     * Clicks as a user does, after bringing the element to the middle of the screen at once (Bootstrap's smooth
     * scrolling would otherwise still be moving the page when the driver aims).
     */
    protected void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** Opens the administrator's settings menu of the navigation bar and clicks one of its items (by id). */
    protected void clickSetting(String id) {
        click(driver.findElement(By.id("nav-admin")));
        click(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))));
    }

    /** Clicks the submit button of a form and waits for the page it leads to (the form is gone from the page). */
    protected void submit(WebElement form) {
        click(form.findElement(By.cssSelector("button[type=submit]")));
        wait.until(d -> gone(form));
    }

    /**
     * Whether an element has left the page: stale, or (while the next page replaces the document) a node that Chromium
     * says no longer belongs to it.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** What the browser's console received since the last call (messages of every level). */
    protected static java.util.List<String> console() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    /** Runs a script in the page. */
    protected Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
