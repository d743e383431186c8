package dev.vfc.report;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium as the browser tests drive it, registered as an extension: opened once
 * per test class, the class's page ({@link #opens}) loaded from disk before each test, at desktop
 * size or as a 390 px phone, with screenshots left for a person to look at. Without the browser
 * every test of the class is SKIPPED with the reason, never passed.
 */
final class HeadlessChromium implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Debian's paths; the properties exist so the SKIPPED path can be seen without uninstalling anything. */
    private static final Path CHROMIUM = Path.of(System.getProperty("vfc.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("vfc.chromedriver", "/usr/bin/chromedriver"));

    private ChromeDriverService service;
    private ChromeDriver browser;
    private Path page;

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test, with the packages to install, when the browser is not here. */
    private static void assumeInstalled() {
        assumeThat(installed())
                .as("needs the Debian packages chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver")
                .isTrue();
    }

    /** A browser 1400 × 1000 px, when one is installed (each test skips itself otherwise). */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (!installed()) {
            return;
        }
        // The driver is given explicitly so that Selenium Manager never looks for one on the network.
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000");
        browser = new ChromeDriver(service, options);
    }

    /** Per test rather than once: every test then shows as SKIPPED with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        assumeInstalled();
        reload();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    /** The page each test starts on: a report's {@code index.html}, written in the class's {@code @BeforeAll}. */
    void opens(Path index) {
        page = index;
    }

    ChromeDriver browser() {
        return browser;
    }

    /** Opens the page from disk again (after {@link #phone}, say) and waits until its script has drawn it. */
    void reload() {
        browser.get(page.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    /** From now on a phone's screen, 390 × 844 CSS pixels, until {@link #desktop}. */
    void phone() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    void desktop() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** How far the page scrolls sideways: 0 or less when it fits the screen. */
    int sidewaysOverflow() {
        return ((Number) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue();
    }

    void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("vfc.report.screenshots", "target"));
        Files.createDirectories(dir);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
