package dev.vfc.report;

import static dev.vfc.report.Results.contained;
import static dev.vfc.report.Results.hardening;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vfc.fuse.FuseOpcode;
import dev.vfc.results.Axis;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.results.RecordedExchange;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report as a person sees it: Debian's headless Chromium opens the generated {@code index.html}
 * from disk and the test clicks through it. Without the browser the tests are SKIPPED, never passed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportPageIT {

    private static final String HOSTILE = "<img src=x onerror=\"document.body.dataset.pwned='yes'\"></script>";
    private static final List<RecordedExchange> C_READ = List.of(Results.READ.get(0),
            Results.exchange(2, FuseOpcode.READ, 80, 2, "ReadIn[fh=0, offset=0, size=2097152]", "R40 R40 W16 W2097152",
                    2097168, 0, "<2097152 data bytes>", 0.80));
    private static final List<RecordedExchange> RUST_READ = List.of(Results.READ.get(0),
            Results.exchange(2, FuseOpcode.READ, 80, 2, "ReadIn[fh=0, offset=0, size=2097152]", "R40 R40 W16 W2097152",
                    16, -12, "", 0.05));

    private static final String BREACH = "created /tmp/vfc-escape outside the share (an absolute SYMLINK target)";

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();
    private static ChromeDriver browser;

    @TempDir
    static Path reportDir;

    @BeforeAll
    static void writeTheReport() throws IOException {
        ComparisonReport.of(targets(), Instant.parse("2026-11-24T14:22:00Z")).withKillMatrix(killMatrix())
                .withBench(bench()).write(reportDir);
        chromium.opens(reportDir.resolve("index.html"));
        browser = chromium.browser();
    }

    @Test
    void the_matrix_shows_one_column_per_daemon_and_one_row_per_scenario_grouped_by_area() throws IOException {
        assertThat(browser.findElement(By.id("matrix")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#matrix th.target-col"))).extracting(WebElement::getText)
                .hasSize(3).allSatisfy(t -> assertThat(t).isNotBlank())
                .satisfies(t -> assertThat(t.get(0)).startsWith("java"), t -> assertThat(t.get(2)).startsWith("rust"));
        assertThat(visibleRows()).hasSize(8);
        assertThat(browser.findElements(By.cssSelector("tr.area-row")))
                .extracting(r -> r.getAttribute("data-axis") + " " + r.getAttribute("data-area"))
                .containsExactly("conformance read", "conformance sizing", "conformance init",
                        "conformance path-safety", "hardening robustness", "hardening path-safety");
        assertThat(browser.findElements(By.cssSelector("tr.area-row .n"))).extracting(WebElement::getText)
                .containsExactly("2 scenarios", "2 scenarios", "1 scenario", "1 scenario", "1 scenario", "1 scenario");
        assertThat(browser.findElement(By.cssSelector("tr[data-id='init/f'] td[data-target='c']")).getText())
                .isEqualTo("—");
        screenshot("report-screenshot.png");
    }

    @Test
    void the_header_shows_each_daemons_verdict_counts_per_axis_and_its_command_on_hover() {
        WebElement rust = browser.findElement(By.cssSelector("th.target-col[data-target='rust']"));
        WebElement conformance = rust.findElement(By.cssSelector(".axis-counts[data-axis='conformance']"));
        WebElement hardening = rust.findElement(By.cssSelector(".axis-counts[data-axis='hardening']"));
        assertThat(conformance.findElement(By.cssSelector(".chip[data-verdict='PASS']")).getText()).isEqualTo("3 PASS");
        assertThat(conformance.findElement(By.cssSelector(".chip[data-verdict='FAIL']")).getText()).isEqualTo("2 FAIL");
        assertThat(conformance.findElement(By.cssSelector(".chip[data-verdict='CRASH']")).getText()).isEqualTo("1 CRASH");
        assertThat(conformance.getText().replace('\n', ' ')).isEqualTo("conformance 3 PASS 2 FAIL 1 CRASH");
        assertThat(hardening.getText().replace('\n', ' ')).isEqualTo("hardening 1 HANG 1 BREACH");
        assertThat(conformance.getLocation().getY()).as("conformance first").isLessThan(hardening.getLocation().getY());
        assertThat(browser.findElement(By.cssSelector("th.target-col[data-target='java'] .axis-counts[data-axis='hardening']"))
                .getText().replace('\n', ' ')).isEqualTo("hardening 2 CONTAINED");
        assertThat(rust.getAttribute("title")).contains("version: rust 1.0", "command: /usr/bin/rust --socket-path=x");
        assertThat(browser.findElement(By.id("summary")).getText())
                .startsWith("8 scenarios (6 conformance, 2 hardening) · 3 daemons · 6 where");
    }

    @Test
    void the_legend_explains_each_scale_in_one_line_best_to_worst() {
        List<WebElement> lines = browser.findElements(By.cssSelector("#legend .legend-line"));
        assertThat(lines).extracting(l -> l.getAttribute("data-axis")).containsExactly("conformance", "hardening");
        assertThat(lines.get(0).findElement(By.className("explains")).getText())
                .isEqualTo("requests a conforming driver may send; FAIL = a rule binding the daemon was broken");
        assertThat(lines.get(1).findElement(By.className("explains")).getText()).isEqualTo(
                "requests that break a rule binding the driver; virtio 1.3 §2.1.2 lets the device stop; "
                        + "the grade says how it reacted");
        assertThat(lines.get(1).findElements(By.cssSelector(".swatches li"))).extracting(WebElement::getText)
                .containsExactly("CONTAINED", "NON-STRICT", "FAIL-STOP", "HANG", "BREACH", "SKIPPED");
        assertThat(lines.get(0).findElements(By.cssSelector(".swatches li"))).extracting(WebElement::getText)
                .startsWith("PASS", "NON-STRICT", "UNSUPPORTED", "FAIL");
    }

    @Test
    void the_hardening_grades_have_colours_of_their_own() {
        List<String> colours = List.of("CONTAINED", "FAIL-STOP", "HANG", "BREACH").stream()
                .map(v -> browser.findElement(By.cssSelector("#legend .legend-line[data-axis='hardening'] .swatch.v-" + v)))
                .map(e -> e.getCssValue("background-color") + e.getCssValue("background-image"))
                .toList();
        assertThat(colours).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isNotEqualTo("rgba(0, 0, 0, 0)none"));
    }

    @Test
    void the_axis_toggle_shows_one_axis_at_a_time_and_the_matrix_has_a_section_per_axis_conformance_first()
            throws IOException {
        assertThat(browser.findElements(By.cssSelector("tr.axis-row"))).extracting(r -> r.getAttribute("data-axis"))
                .containsExactly("conformance", "hardening");
        assertThat(browser.findElements(By.cssSelector("tr.axis-row .n"))).extracting(WebElement::getText)
                .containsExactly("6 scenarios", "2 scenarios");
        assertThat(browser.findElements(By.cssSelector("#f-axis button"))).extracting(WebElement::getText)
                .containsExactly("both axes (8)", "Conformance (6)", "Hardening (2)");

        browser.findElement(By.cssSelector("#f-axis button[data-axis='hardening']")).click();
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id"))
                .containsExactly("robustness/loop", "path-safety/absolute-symlink");
        assertThat(browser.findElement(By.cssSelector("tr.axis-row[data-axis='conformance']")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("th[data-target='rust'] .axis-counts[data-axis='conformance']"))
                .getAttribute("class")).contains("dim");
        assertThat(browser.findElement(By.cssSelector("#f-axis button[data-axis='hardening']")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        screenshot("report-hardening.png");

        browser.findElement(By.cssSelector("#f-axis button[data-axis='conformance']")).click();
        assertThat(visibleRows()).hasSize(6).allSatisfy(r -> assertThat(r.getAttribute("data-axis")).isEqualTo("conformance"));
        browser.findElement(By.cssSelector("#f-axis button[data-axis='']")).click();
        assertThat(visibleRows()).hasSize(8);
    }

    @Test
    void clicking_a_breach_cell_shows_the_hardening_axis_the_grade_on_its_scale_and_what_happened() throws IOException {
        WebElement breach = cell("path-safety/absolute-symlink", "rust");
        assertThat(breach.getText()).isEqualTo("BREACH");
        breach.click();

        assertThat(browser.findElement(By.id("drill-axis")).getText()).isEqualTo("hardening");
        assertThat(browser.findElement(By.id("drill-badge")).getText()).isEqualTo("BREACH");
        assertThat(browser.findElement(By.id("drill-meaning")).getText())
                .startsWith("BREACH on the hardening axis: wrote outside")
                .contains("virtio 1.3 §2.1.2 lets the device stop");
        assertThat(browser.findElements(By.cssSelector("#drill-scale .ladder li"))).extracting(WebElement::getText)
                .containsExactly("CONTAINED", "NON-STRICT", "FAIL-STOP", "HANG", "BREACH", "SKIPPED");
        assertThat(browser.findElement(By.cssSelector("#drill-scale .ladder li.current")).getText()).isEqualTo("BREACH");
        assertThat(browser.findElement(By.id("drill-detail")).getText()).isEqualTo(BREACH);
        assertThat(browser.findElements(By.cssSelector("#drill-verdicts button"))).extracting(WebElement::getText)
                .containsExactly("java: CONTAINED", "c: NON-STRICT", "rust: BREACH");
        screenshot("report-breach-drilldown.png");

        browser.findElement(By.id("drill-close")).click();
        cell("read/large/2097152", "rust").click();
        assertThat(browser.findElement(By.id("drill-axis")).getText()).isEqualTo("conformance");
        assertThat(browser.findElement(By.id("drill-meaning")).getText()).startsWith("FAIL on the conformance axis:");
    }

    @Test
    void on_a_phone_the_page_fits_the_screen_and_a_cell_still_drills_down() throws IOException {
        chromium.phone();
        try {
            chromium.reload();
            assertThat(chromium.sidewaysOverflow()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
            assertThat(browser.findElement(By.cssSelector("#f-axis button[data-axis='hardening']")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("th.target-col .axis-counts"))).allSatisfy(
                    box -> assertThat(box.isDisplayed()).isTrue());
            screenshot("report-phone.png");
            browser.executeScript("document.querySelector('#matrix thead').scrollIntoView();");
            screenshot("report-phone-matrix.png");

            browser.findElement(By.cssSelector("#f-axis button[data-axis='hardening']")).click();
            cell("path-safety/absolute-symlink", "rust").click();
            WebElement drill = browser.findElement(By.id("drill"));
            assertThat(drill.getSize().getWidth()).isLessThanOrEqualTo(390);
            assertThat(browser.findElement(By.id("drill-axis")).getText()).isEqualTo("hardening");
            assertThat(browser.findElement(By.id("drill-badge")).isDisplayed()).isTrue();
            screenshot("report-phone-drilldown.png");
        } finally {
            chromium.desktop();
        }
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
    void a_crash_shows_the_daemons_log() {
        cell("init/f", "rust").click();

        assertThat(browser.findElement(By.id("drill-log-lines")).getText())
                .isEqualTo("[INFO] serving\n[DEBUG] READ\nthread 'vring_worker' panicked");
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
                .containsExactly("read/large/2097152", "sizing/b", "init/f", "path-safety/evil", "robustness/loop",
                        "path-safety/absolute-symlink");
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("6 of 8 scenarios shown");
        assertThat(browser.findElement(By.cssSelector("tr.scenario-row[data-id='read/small']")).isDisplayed()).isFalse();
    }

    @Test
    void the_area_the_verdict_and_the_id_search_narrow_the_rows() {
        new Select(browser.findElement(By.id("f-area"))).selectByValue("sizing");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("sizing/a", "sizing/b");

        new Select(browser.findElement(By.id("f-area"))).selectByValue("");
        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("conformance:CRASH");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("init/f");
        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("hardening:HANG");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("robustness/loop");
        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("hardening:NON-STRICT");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).as("not the conformance NON-STRICT of sizing/b")
                .containsExactly("path-safety/absolute-symlink");

        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("");
        new Select(browser.findElement(By.id("f-verdict"))).selectByValue("");
        new Select(browser.findElement(By.id("f-area"))).selectByValue("path-safety");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-axis") + " " + r.getAttribute("data-id"))
                .as("an area on both axes shows in both sections")
                .containsExactly("conformance path-safety/evil", "hardening path-safety/absolute-symlink");
        new Select(browser.findElement(By.id("f-area"))).selectByValue("");
        browser.findElement(By.id("f-search")).sendKeys("LARGE");
        assertThat(visibleRows()).extracting(r -> r.getAttribute("data-id")).containsExactly("read/large/2097152");
    }

    @Test
    void each_drill_down_names_the_mutants_its_scenario_kills_and_the_page_shows_the_matrix() throws IOException {
        cell("read/large/2097152", "c").click();
        assertThat(browser.findElement(By.id("drill-kills")).getText()).isEqualTo("read-limit-1mib");
        browser.findElement(By.id("drill-close")).click();
        cell("read/small", "c").click();
        assertThat(browser.findElement(By.id("drill-kills")).getText()).startsWith("none: no mutant");
        browser.findElement(By.id("drill-close")).click();
        cell("sizing/a", "c").click();
        assertThat(browser.findElement(By.id("drill-kills")).getText()).startsWith("not in the kill matrix");
        browser.findElement(By.id("drill-close")).click();

        assertThat(browser.findElement(By.id("proof-summary")).getText())
                .contains("Scenarios that kill a mutant: 1 of 2. Mutants killed: 1 of 2.");
        assertThat(browser.findElements(By.cssSelector("#proof-body tr"))).extracting(WebElement::getText)
                .containsExactly("read-limit-1mib answers ENOMEM to every READ above 1 MiB read/large/2097152",
                        "harmless answers a little later SURVIVES (ran 8 scenarios)");
        browser.findElement(By.cssSelector("#proof-body a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("drill")));
        assertThat(browser.findElement(By.id("drill-id")).getText()).isEqualTo("read/large/2097152");
        screenshot("report-kill-matrix.png");
    }

    @Test
    void the_performance_page_has_a_chart_per_workload_with_bars_as_long_as_their_figures() throws IOException {
        WebElement link = browser.findElement(By.id("link-performance"));
        assertThat(link.getText()).isEqualTo("Performance: 3 workloads ↓");
        link.click();
        assertThat(browser.findElement(By.id("performance")).isDisplayed()).isTrue();
        List<WebElement> charts = browser.findElements(By.cssSelector("#perf-charts figure.perf-chart"));
        assertThat(charts).extracting(c -> c.findElement(By.tagName("figcaption")).getText())
                .containsExactly("READ 1 MiB, linux (4 KiB descriptors, indirect) MB/s", "GETATTR ops/s",
                        HOSTILE + " ops/s");

        WebElement read = charts.get(0);
        assertThat(read.findElements(By.cssSelector(".bar-row"))).extracting(r -> r.getAttribute("data-name"))
                .containsExactly("java", "c", "rust", "limit");
        assertThat(read.findElements(By.cssSelector(".bar-value"))).extracting(WebElement::getText)
                .containsExactly("9,344 MB/s", "7,104 MB/s", "7,229 MB/s", "14,700 MB/s");
        double full = barWidth(read, "limit");
        assertThat(read.findElement(By.cssSelector(".bar-row[data-name='limit'] .bar-track")).getSize().getWidth())
                .as("the largest figure fills its track").isCloseTo((int) Math.round(full), within(1));
        assertThat(barWidth(read, "java") / full).isCloseTo(9344.0 / 14700, within(0.01));
        assertThat(barWidth(read, "c") / full).isCloseTo(7104.0 / 14700, within(0.01));
        String limitLook = read.findElement(By.cssSelector(".bar-row[data-name='limit'] .bar")).getCssValue("background-image");
        assertThat(limitLook).as("the limit is hatched, the daemons are not").contains("repeating-linear-gradient");
        assertThat(read.findElement(By.cssSelector(".bar-row[data-name='java'] .bar")).getCssValue("background-image"))
                .isEqualTo("none");
        assertThat(read.findElement(By.cssSelector(".latency")).getText())
                .isEqualTo("latency p50 / p99: java 110 / 180 µs · c 141 / 210 µs · rust 138 / 206 µs · limit 70 / 90 µs");
        assertThat(read.findElement(By.cssSelector(".alloc")).getText()).isEqualTo("heap allocated per request: java 312 B");

        WebElement getattr = charts.get(1);
        assertThat(getattr.findElement(By.cssSelector(".bar-row[data-name='c'] .bar-value")).getText())
                .isEqualTo("not measured");
        assertThat(getattr.findElements(By.cssSelector(".bar-row[data-name='c'] .bar"))).isEmpty();
        assertThat(getattr.findElements(By.cssSelector(".latency, .alloc"))).isEmpty();

        assertThat(browser.findElement(By.id("perf-machine-line")).getText()).isEqualTo(MACHINE);
        assertThat(browser.findElements(By.cssSelector("#perf-startup-list li"))).extracting(WebElement::getText)
                .containsExactly("java: listening after 310 ms, first 1 MiB READ answered after 900 ms");
        assertThat(browser.findElements(By.cssSelector("#perf-command-list dd"))).extracting(WebElement::getText)
                .containsExactly("java -jar vfc-daemon.jar --socket-path=/tmp/s", LONG_COMMAND, HOSTILE);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-pwned")).isNull();
        assertNothingOverflowsSideways("at 1400 px");
        browser.executeScript("document.getElementById('performance').scrollIntoView();");
        screenshot("report-performance.png");
    }

    @Test
    void on_a_phone_the_performance_page_fits_the_screen() throws IOException {
        chromium.phone();
        try {
            chromium.reload();
            browser.findElement(By.id("link-performance")).click();
            assertNothingOverflowsSideways("at 390 px");
            WebElement read = browser.findElement(By.cssSelector("#perf-charts figure.perf-chart"));
            assertThat(read.getRect().getX() + read.getRect().getWidth()).isLessThanOrEqualTo(390);
            assertThat(read.findElements(By.cssSelector(".bar-value"))).allSatisfy(v -> assertThat(
                    v.getRect().getX() + v.getRect().getWidth()).as(v.getText()).isLessThanOrEqualTo(390));
            assertThat(barWidth(read, "c") / barWidth(read, "limit"))
                    .isCloseTo(7104.0 / 14700, within(0.02));
            screenshot("report-phone-performance.png");
            browser.executeScript("document.getElementById('perf-machine').scrollIntoView();");
            screenshot("report-phone-performance-commands.png");
        } finally {
            chromium.desktop();
        }
    }

    /** Neither the page nor any chart, note or command line is wider than its box. */
    private static void assertNothingOverflowsSideways(String where) {
        assertThat(chromium.sidewaysOverflow()).as("no sideways scrolling " + where).isLessThanOrEqualTo(0);
        @SuppressWarnings("unchecked")
        List<String> wide = (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('#performance, #performance *'))"
                        + ".filter(function (e) { return e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0; })"
                        + ".map(function (e) { return e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth; });");
        assertThat(wide).as("elements of the performance page wider than their box " + where).isEmpty();
    }

    private static double barWidth(WebElement chart, String name) {
        return ((Number) browser.executeScript("return arguments[0].getBoundingClientRect().width;",
                chart.findElement(By.cssSelector(".bar-row[data-name='" + name + "'] .bar")))).doubleValue();
    }

    private static List<ResultsFile> targets() {
        ScenarioResult cRead = new ScenarioResult("read/large/2097152", "title of read/large/2097152",
                "rule of read/large/2097152", Axis.CONFORMANCE, Verdict.pass("2097152 bytes"), 2, "", "", List.of(), C_READ);
        return List.of(
                Results.target("java", pass("read/small"), pass("read/large/2097152"), pass("sizing/a"),
                        pass("sizing/b"), pass("init/f"), pass("path-safety/evil"), contained("robustness/loop"),
                        contained("path-safety/absolute-symlink")),
                Results.target("c", pass("read/small"), cRead, pass("sizing/a"),
                        result("sizing/b", Verdict.nonStrict("short read")),
                        result("path-safety/evil", Verdict.fail("EACCES", HOSTILE)),
                        hardening("robustness/loop", Verdict.failStop("exited with status 1 on the descriptor loop")),
                        hardening("path-safety/absolute-symlink", Verdict.nonStrict("created ./etc/passwd inside the share"))),
                Results.target("rust", pass("read/small"),
                        new ScenarioResult("read/large/2097152", "title of read/large/2097152",
                                "rule of read/large/2097152", Axis.CONFORMANCE, Verdict.fail("2097152 bytes",
                                        "ENOMEM(-12)"), 1, "", "", List.of(), RUST_READ),
                        pass("sizing/a"), result("sizing/b", Verdict.fail("ENOMEM", "OK")),
                        new ScenarioResult("init/f", "title of init/f", "rule of init/f", Axis.CONFORMANCE,
                                new Verdict.Crash("killed by SIGSYS (31)"), 5, "",
                                "[INFO] serving\n[DEBUG] READ\nthread 'vring_worker' panicked", List.of(), RUST_READ),
                        pass("path-safety/evil"),
                        hardening("robustness/loop", Verdict.hang("no used element within 10 s; the process lives")),
                        hardening("path-safety/absolute-symlink", Verdict.breach(BREACH))));
    }

    private static final String MACHINE = "2 CPUs (nproc), kernel 6.12.48+deb13-amd64, Java 17.0.16";
    private static final String LONG_COMMAND = "/usr/lib/qemu/virtiofsd --socket-path=/tmp/vfc-bench-1234567890/"
            + "a-rather-long-directory-name-that-does-not-break/virtiofsd.sock --shared-dir=/tmp/vfc-bench-share "
            + "--cache=auto";

    /** Three workloads: every daemon on READ, c not measured on GETATTR, a hostile label on the third. */
    private static BenchFigures bench() {
        Map<String, Double> none = Map.of();
        return new BenchFigures(MACHINE, List.of(
                new BenchFigures.Row("READ 1 MiB, linux (4 KiB descriptors, indirect)", "MB/s",
                        ordered("java", 9344.0, "c", 7104.0, "rust", 7229.0, "limit", 14700.0),
                        ordered("java", 110.2, "c", 140.5, "rust", 138.0, "limit", 70.0),
                        ordered("java", 180.0, "c", 210.0, "rust", 205.5, "limit", 90.0), Map.of("java", 312.0)),
                new BenchFigures.Row("GETATTR", "ops/s", ordered("java", 41500.0, "rust", 38250.0, "limit", 120000.0),
                        none, none, none),
                new BenchFigures.Row(HOSTILE, "ops/s", ordered("java", 1.5, "c", 0.25), none, none, none)),
                Map.of("java", new BenchFigures.StartUp(310.0, 900.0)),
                ordered("java", "java -jar vfc-daemon.jar --socket-path=/tmp/s", "c", LONG_COMMAND, "rust", HOSTILE));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return m;
    }

    /** read/large/2097152 kills the Rust 1.6.0 limit; a second mutant survives everything. */
    private static KillMatrixFile killMatrix() {
        return new KillMatrixFile("java", List.of(
                new KillMatrixFile.MutantEntry("read-limit-1mib", "answers ENOMEM to every READ above 1 MiB",
                        "Rust virtiofsd 1.0-1.6.0", 2, List.of("READ"), List.of(new KillMatrixFile.Kill(
                                "read/large/2097152", Verdict.Kind.FAIL, Verdict.Kind.PASS))),
                new KillMatrixFile.MutantEntry("harmless", "answers a little later", "", 8, List.of(), List.of())),
                List.of(new KillMatrixFile.ScenarioEntry("read/large/2097152", Axis.CONFORMANCE,
                                Verdict.Kind.PASS, List.of("read-limit-1mib")),
                        new KillMatrixFile.ScenarioEntry("read/small", Axis.CONFORMANCE,
                                Verdict.Kind.PASS, List.of())));
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
        chromium.screenshot(name);
    }
}
