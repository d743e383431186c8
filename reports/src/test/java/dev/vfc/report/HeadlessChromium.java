package dev.vfc.report;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium as the browser tests drive it: a page opened from disk, at desktop
 * size or as a 390 px phone, with screenshots left for a person to look at. Without the browser
 * the tests that use it are SKIPPED with the reason, never passed.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Debian's paths; the properties exist so the SKIPPED path can be seen without uninstalling anything. */
    private static final Path CHROMIUM = Path.of(System.getProperty("vfc.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("vfc.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriverService service;
    private final ChromeDriver browser;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver browser) {
        this.service = service;
        this.browser = browser;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test, with the packages to install, when the browser is not here. */
    static void assumeInstalled() {
        assumeThat(installed())
                .as("needs the Debian packages chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver")
                .isTrue();
    }

    /** A browser 1400 × 1000 px, or null when none is installed (each test then skips itself). */
    static HeadlessChromium openIfInstalled() {
        if (!installed()) {
            return null;
        }
        // The driver is given explicitly so that Selenium Manager never looks for one on the network.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000");
        return new HeadlessChromium(service, new ChromeDriver(service, options));
    }

    ChromeDriver browser() {
        return browser;
    }

    /** Opens a page from disk and waits until its script has drawn it. */
    void load(Path page) {
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

    @Override
    public void close() {
        browser.quit();
        service.stop();
    }
}
