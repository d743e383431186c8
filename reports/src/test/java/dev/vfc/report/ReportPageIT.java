package dev.vfc.report;

import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.scenario.ResultsFile;
import dev.vfc.scenario.ScenarioResult;
import dev.vfc.scenario.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report as a person sees it: Debian's headless Chromium opens the generated {@code index.html}
 * from disk and the test clicks through it. Without the browser the tests are SKIPPED, never passed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportPageIT {

    /** Debian's paths; the properties exist so the SKIPPED path can be seen without uninstalling anything. */
    private static final Path CHROMIUM = Path.of(System.getProperty("vfc.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("vfc.chromedriver", "/usr/bin/chromedriver"));
    private static final String HOSTILE = "<img src=x onerror=\"document.body.dataset.pwned='yes'\"></script>";
    private static final String C_READ = """
            #1 q1 FuseInHeader[len=56, opcode=INIT, unique=1, nodeid=0] InitIn[7.31, maxReadahead=0] layout=[R40 R16 W16 W64] -> used.len=80 FuseOutHeader[len=80, error=OK, unique=1] InitOut[7.38, maxWrite=1048576] (0.10 ms)
            #2 q1 FuseInHeader[len=80, opcode=READ, unique=2, nodeid=2] ReadIn[fh=0, offset=0, size=2097152] layout=[R40 R40 W16 W2097152] -> used.len=2097168 FuseOutHeader[len=2097168, error=OK, unique=2] <2097152 data bytes> (0.80 ms)
            """;
    private static final String RUST_READ = """
            #1 q1 FuseInHeader[len=56, opcode=INIT, unique=1, nodeid=0] InitIn[7.31, maxReadahead=0] layout=[R40 R16 W16 W64] -> used.len=80 FuseOutHeader[len=80, error=OK, unique=1] InitOut[7.38, maxWrite=1048576] (0.12 ms)
            #2 q1 FuseInHeader[len=80, opcode=READ, unique=2, nodeid=2] ReadIn[fh=0, offset=0, size=2097152] layout=[R40 R40 W16 W2097152] -> used.len=16 FuseOutHeader[len=16, error=ENOMEM(-12), unique=2]  (0.05 ms)
            """;

    private static ChromeDriverService service;
    private static ChromeDriver browser;

    @TempDir
    static Path reportDir;

    @BeforeAll
    static void openTheReportInChromium() throws IOException {
        if (!browserInstalled()) {
            return; // each test is SKIPPED with the reason, see loadThePage
        }
        ComparisonReport.of(targets(), Instant.parse("2026-11-24T14:22:00Z")).write(reportDir);
        // The driver is given explicitly so that Selenium Manager never looks for one on the network.
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000");
        browser = new ChromeDriver(service, options);
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void loadThePage() {
        // Per test rather than in @BeforeAll: every test then shows as SKIPPED with the reason.
        assumeThat(browserInstalled())
                .as("needs the Debian packages chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver")
                .isTrue();
        browser.get(reportDir.resolve("index.html").toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    @Test
    void the_matrix_shows_one_column_per_daemon_and_one_row_per_scenario_grouped_by_area() throws IOException {
        assertThat(browser.findElement(By.id("matrix")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#matrix th.target-col"))).extracting(WebElement::getText)
                .hasSize(3).allSatisfy(t -> assertThat(t).isNotBlank())
                .satisfies(t -> assertThat(t.get(0)).startsWith("java"), t -> assertThat(t.get(2)).startsWith("rust"));
        assertThat(visibleRows()).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("tr.area-row"))).extracting(r -> r.getAttribute("data-area"))
                .containsExactly("read", "sizing", "init", "path-safety");
        assertThat(browser.findElements(By.cssSelector("tr.area-row .n"))).extracting(WebElement::getText)
                .containsExactly("2 scenarios", "2 scenarios", "1 scenario", "1 scenario");
        assertThat(browser.findElement(By.cssSelector("tr[data-id='init/f'] td[data-target='c']")).getText())
                .isEqualTo("—");
        screenshot("report-screenshot.png");
    }

    @Test
    void the_header_shows_each_daemons_verdict_counts_and_its_command_on_hover() {
        WebElement rust = browser.findElement(By.cssSelector("th.target-col[data-target='rust']"));
        assertThat(rust.findElement(By.cssSelector(".chip[data-verdict='PASS']")).getText()).isEqualTo("3 PASS");
        assertThat(rust.findElement(By.cssSelector(".chip[data-verdict='FAIL']")).getText()).isEqualTo("2 FAIL");
        assertThat(rust.findElement(By.cssSelector(".chip[data-verdict='CRASH']")).getText()).isEqualTo("1 CRASH");
        assertThat(rust.getAttribute("title")).contains("version: rust 1.0", "command: /usr/bin/rust --socket-path=x");
        assertThat(browser.findElement(By.id("summary")).getText()).startsWith("6 scenarios · 3 daemons · 4 where");
    }

    @Test
    void clicking_a_fail_cell_shows_the_rule_the_verdict_and_both_transcripts_side_by_side() throws IOException {
        cell("read/large/2097152", "rust").click();

        assertThat(browser.findElement(By.id("drill")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("drill-id")).getText()).isEqualTo("read/large/2097152");
        assertThat(browser.findElement(By.id("drill-rule")).getText()).isEqualTo("rule of read/large/2097152");
        assertThat(browser.findElement(By.id("drill-badge")).getText()).isEqualTo("FAIL");
        assertThat(browser.findElement(By.cssSelector("#drill-ea .expected p")).getText()).isEqualTo("2097152 bytes");
        assertThat(browser.findElement(By.cssSelector("#drill-ea .actual p")).getText()).isEqualTo("ENOMEM(-12)");
        assertThat(browser.findElement(By.id("drill-log-lines")).getText()).isEqualTo("no log captured");
        assertThat(browser.findElement(By.id("tx-left-head")).getText()).isEqualTo("rust — FAIL");
        assertThat(browser.findElement(By.id("tx-right-head")).getText()).as("the first daemon that differs")
                .isEqualTo("java — PASS");
        List<WebElement> left = browser.findElements(By.cssSelector(".tx .rep.tx-left"));
        List<WebElement> right = browser.findElements(By.cssSelector(".tx .rep.tx-right"));
        assertThat(left).hasSize(2);
        assertThat(right).hasSize(2);
        assertThat(left.get(1).getLocation().getY()).as("side by side").isEqualTo(right.get(1).getLocation().getY());
        assertThat(left.get(1).getLocation().getX()).isLessThan(right.get(1).getLocation().getX());
        assertThat(left.get(1).getText()).contains("error=ENOMEM(-12)");
        assertThat(right.get(1).getText()).contains("error=OK", "<8192 data bytes>");
        assertThat(left.get(1).findElements(By.cssSelector("mark.diff"))).extracting(WebElement::getText)
                .contains("ENOMEM", "16");
        assertThat(left.get(0).findElements(By.cssSelector("mark.diff"))).as("the INIT replies are equal").isEmpty();
        screenshot("report-drilldown.png");
    }

    @Test
    void the_other_daemon_of_the_comparison_can_be_chosen() {
        cell("read/large/2097152", "rust").click();
        new Select(browser.findElement(By.id("drill-other"))).selectByValue("1");

        assertThat(browser.findElement(By.id("tx-right-head")).getText()).isEqualTo("c — PASS");
        assertThat(browser.findElements(By.cssSelector(".tx .rep.tx-right")).get(1).getText()).contains("(0.80 ms)");
    }

    @Test
    void a_crash_shows_the_daemons_log_and_the_log_section_of_its_transcript() {
        cell("init/f", "rust").click();

        assertThat(browser.findElement(By.id("drill-log-lines")).getText()).isEqualTo("[INFO] serving\n[DEBUG] READ");
        assertThat(browser.findElement(By.id("drill-log-tail")).getText()).contains("thread 'vring_worker' panicked");
        assertThat(browser.findElement(By.id("drill-detail")).getText()).isEqualTo("killed by SIGSYS (31)");
    }

    @Test
    void hostile_text_in_a_detail_is_shown_as_text_and_never_runs() {
        cell("path-safety/evil", "c").click();

        assertThat(browser.findElement(By.cssSelector("#drill-ea .actual p")).getText()).isEqualTo(HOSTILE);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-pwned")).isNull();
    }

    @Test
    void only_where_daemons_disagree_hides_the_rows_where_they_agree() {
        browser.findElement(By.id("f-disagree")).click();

        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id"))
                .containsExactly("read/large/2097152", "sizing/b", "init/f", "path-safety/evil");
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("4 of 6 scenarios shown");
        assertThat(browser.findElement(By.cssSelector("tr.scenario-row[data-id='read/small']")).isDisplayed()).isFalse();
    }

    @Test
    void the_area_the_verdict_and_the_id_search_narrow_the_rows() {
        new Select(browser.findElement(By.id("f-area"))).selectByValue("sizing");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("sizing/a", "sizing/b");

        new Select(browser.findElement(By.id("f-area"))).selectByValue("");
        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("CRASH");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("init/f");

        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("");
        browser.findElement(By.id("f-search")).sendKeys("LARGE");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("read/large/2097152");
    }

    private static List<ResultsFile> targets() {
        ScenarioResult cRead = new ScenarioResult("read/large/2097152", "title of read/large/2097152",
                "rule of read/large/2097152", Verdict.pass("2097152 bytes"), 2, C_READ, "");
        return List.of(
                Results.target("java", pass("read/small"), pass("read/large/2097152"), pass("sizing/a"),
                        pass("sizing/b"), pass("init/f"), pass("path-safety/evil")),
                Results.target("c", pass("read/small"), cRead, pass("sizing/a"),
                        result("sizing/b", Verdict.nonStrict("short read")),
                        result("path-safety/evil", Verdict.fail("EACCES", HOSTILE))),
                Results.target("rust", pass("read/small"),
                        new ScenarioResult("read/large/2097152", "title of read/large/2097152",
                                "rule of read/large/2097152", Verdict.fail("2097152 bytes", "ENOMEM(-12)"), 1, RUST_READ,
                                ""),
                        pass("sizing/a"), result("sizing/b", Verdict.fail("ENOMEM", "OK")),
                        new ScenarioResult("init/f", "title of init/f", "rule of init/f",
                                new Verdict.Crash("killed by SIGSYS (31)"), 5,
                                RUST_READ + "--- daemon log (last 2 lines) ---\n[DEBUG] READ\n"
                                        + "thread 'vring_worker' panicked\n",
                                "[INFO] serving\n[DEBUG] READ"),
                        pass("path-safety/evil")));
    }

    private static WebElement cell(String scenario, String target) {
        return browser.findElement(By.cssSelector("tr.scenario-row[data-id='" + scenario + "'] td[data-target='"
                + target + "'] .v"));
    }

    private static List<WebElement> visibleRows() {
        return browser.findElements(By.cssSelector("#matrix-body tr.scenario-row")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("vfc.report.screenshots", "target"));
        Files.createDirectories(dir);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
