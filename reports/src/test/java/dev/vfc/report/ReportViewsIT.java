package dev.vfc.report;

import static dev.vfc.report.Results.contained;
import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.FuseOpcode;
import dev.vfc.results.Axis;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report's views beside the matrix, in headless Chromium: the overview on the first screen
 * (desktop and a 390 px phone), the disagreements, the changes against an earlier run and the
 * baselines marked in the matrix, the folded runs of all-PASS rows, and the per-opcode view.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportViewsIT {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();
    private static ChromeDriver browser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeTheReport() throws IOException {
        Path baselines = Files.createDirectories(dir.resolve("baselines"));
        Files.writeString(baselines.resolve("c.txt"), "read/x PASS conforms\nsizing/a PASS conforms\n");
        ComparisonReport report = ComparisonReport.of(now(), Instant.parse("2026-12-04T21:00:00Z"));
        report.withEarlierRun("old-report", earlier())
                .withBaselines("baselines", Baseline.readDirectory(baselines, report.targetNames()))
                .write(dir.resolve("report"));
        chromium.opens(dir.resolve("report/index.html"));
        browser = chromium.browser();
    }

    /** Six reads every daemon passes (a run that folds), one they disagree on, sizing, one hardening row. */
    private static List<ResultsFile> now() {
        return List.of(
                target("java", pass("read/p1"), pass("read/p2"), pass("read/p3"), pass("read/p4"), pass("read/p5"),
                        pass("read/p6"), pass("read/x"), pass("sizing/a"), getattr("sizing/g", Verdict.pass("ok")),
                        contained("robustness/loop")),
                target("c", pass("read/p1"), pass("read/p2"), pass("read/p3"), pass("read/p4"), pass("read/p5"),
                        pass("read/p6"), fail("read/x"), pass("sizing/a"),
                        getattr("sizing/g", Verdict.fail("attr", "ENOSYS")), contained("robustness/loop")));
    }

    /** The run before the patch: c passed read/x, java's sizing/a was UNSUPPORTED (the longest label). */
    private static List<ResultsFile> earlier() {
        return List.of(
                target("java", pass("read/p1"), pass("read/x"),
                        Results.result("sizing/a", new Verdict.Unsupported("ENOSYS"))),
                target("c", pass("read/p1"), pass("read/x"), pass("sizing/a")));
    }

    private static ScenarioResult getattr(String id, Verdict verdict) {
        return new ScenarioResult(id, "title of " + id, "rule of " + id, Axis.CONFORMANCE, verdict, 1, "", "", List.of(),
                List.of(Results.READ.get(0), Results.exchange(2, FuseOpcode.GETATTR, 56, 1, "GetattrIn[]", "R40 R16 W16 W104",
                        120, 0, "AttrOut[]", 0.05)));
    }

    @Test
    void the_overview_is_the_first_thing_on_the_page_and_counts_each_area_per_daemon() throws IOException {
        WebElement overview = browser.findElement(By.id("overview"));
        long viewport = (Long) browser.executeScript("return window.innerHeight;");
        assertThat(overview.getRect().getY()).as("on the first screen").isLessThan((int) viewport / 2);
        assertThat(overview.getRect().getY()).as("above the matrix")
                .isLessThan(browser.findElement(By.id("matrix-view")).getRect().getY());
        assertThat(browser.findElements(By.cssSelector(".ov-table"))).extracting(t -> t.getAttribute("data-axis"))
                .containsExactly("conformance", "hardening");
        WebElement conformance = browser.findElement(By.cssSelector(".ov-table[data-axis='conformance']"));
        assertThat(conformance.findElements(By.cssSelector("tr.ov-row"))).extracting(r -> r.getAttribute("data-area"))
                .containsExactly("read", "sizing");
        assertThat(cellText(conformance, "read", "java")).isEqualTo("7 / 7");
        assertThat(cellText(conformance, "read", "c")).isEqualTo("6 / 7\n1 FAIL");
        assertThat(cellText(conformance, "sizing", "c")).isEqualTo("1 / 2\n1 FAIL");
        assertThat(conformance.findElements(By.cssSelector("tr.ov-total td"))).extracting(WebElement::getText)
                .containsExactly("9 / 9", "7 / 9\n2 FAIL");
        assertThat(browser.findElement(By.cssSelector(".ov-table[data-axis='hardening'] tr.ov-total td[data-target='c']"))
                .getText()).isEqualTo("1 / 1");
        chromium.screenshot("report-overview.png");
    }

    @Test
    void an_area_of_the_overview_opens_its_rows_in_the_matrix() {
        browser.findElement(By.cssSelector(".ov-table[data-axis='conformance'] tr[data-area='sizing'] a")).click();
        assertThat(browser.findElements(By.cssSelector("#matrix-body tr.scenario-row")).stream()
                .filter(WebElement::isDisplayed).map(r -> r.getAttribute("data-id")).toList())
                .containsExactly("sizing/a", "sizing/g");
    }

    @Test
    void the_disagreements_follow_the_overview_and_a_verdict_there_opens_its_drill_down() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#disagree-table tr.list-row"));
        assertThat(rows).extracting(r -> r.getAttribute("data-id")).containsExactly("read/x", "sizing/g");
        assertThat(browser.findElement(By.id("disagree-summary")).getText()).startsWith("2 scenarios where");
        assertThat(browser.findElement(By.id("disagreements")).getRect().getY())
                .isGreaterThan(browser.findElement(By.id("overview")).getRect().getY());
        rows.get(1).findElement(By.cssSelector("td[data-target='c'] .v")).click();
        assertThat(browser.findElement(By.id("drill-id")).getText()).isEqualTo("sizing/g");
        assertThat(browser.findElement(By.id("drill-badge")).getText()).isEqualTo("FAIL");
    }

    @Test
    void each_verdict_changed_since_the_earlier_run_is_listed_old_to_new_and_marked_in_the_matrix() throws IOException {
        assertThat(browser.findElement(By.id("changes-earlier")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("changes-earlier-summary")).getText()).isEqualTo(
                "6 verdicts held to old-report: 2 changed (1 worse, 1 better); 14 had nothing to be held to.");
        assertThat(browser.findElements(By.cssSelector("#changes-earlier-table tr.change-row")))
                .extracting(r -> r.getText().replace('\n', ' '))
                .containsExactly("read/x title of read/x c PASS → FAIL worse",
                        "sizing/a title of sizing/a java UNSUPPORTED → PASS better");
        WebElement cell = browser.findElement(By.cssSelector("#matrix-body tr[data-id='read/x'] td[data-target='c']"));
        assertThat(cell.getAttribute("class")).contains("moved", "moved-worse");
        assertThat(cell.findElement(By.className("was")).getText()).isEqualTo("was PASS");
        assertThat(browser.findElement(By.cssSelector("#matrix-body tr[data-id='sizing/a'] td[data-target='java'] .was"))
                .getText()).isEqualTo("was UNSUPPORTED");
        assertThat(browser.findElements(By.cssSelector("#matrix-body td.moved"))).hasSize(2);
        browser.findElement(By.cssSelector("#changes-earlier-table tr[data-id='read/x'] .badge[role=button]")).click();
        assertThat(browser.findElement(By.id("drill-id")).getText()).isEqualTo("read/x");
        browser.findElement(By.id("drill-close")).click();
        browser.executeScript("document.querySelector('#matrix-body tr[data-id=\"read/x\"]').scrollIntoView();");
        chromium.screenshot("report-against.png");
    }

    @Test
    void a_verdict_that_differs_from_its_baseline_line_is_listed_and_marked() {
        assertThat(browser.findElement(By.id("changes-baselines-summary")).getText()).isEqualTo(
                "2 verdicts held to baselines: 1 changed (1 worse); 8 had nothing to be held to; not held: java.");
        assertThat(browser.findElements(By.cssSelector("#changes-baselines-table tr.change-row")))
                .extracting(r -> r.getAttribute("data-id") + " " + r.getAttribute("data-target")).containsExactly("read/x c");
        WebElement cell = browser.findElement(By.cssSelector("#matrix-body tr[data-id='read/x'] td[data-target='c']"));
        assertThat(cell.findElement(By.className("expected")).getText()).isEqualTo("baseline PASS");
    }

    @Test
    void a_long_run_of_rows_every_daemon_passes_folds_behind_an_expander() {
        assertThat(visibleMatrixRows()).as("read/p1 stands for the run").containsExactly("read/p1", "read/x", "sizing/a",
                "sizing/g", "robustness/loop");
        WebElement fold = browser.findElement(By.cssSelector("#matrix-body tr.fold-row button"));
        assertThat(fold.getText()).isEqualTo("▸ 5 more identical rows (every daemon PASS)");
        assertThat(browser.findElement(By.cssSelector("tr.area-row[data-area='read'] .n")).getText())
                .as("the area still counts every row").isEqualTo("7 scenarios");

        browser.findElement(By.id("f-search")).sendKeys("p4");
        assertThat(visibleMatrixRows()).as("a search shows folded rows").containsExactly("read/p4");
        browser.findElement(By.id("f-search")).clear();
        browser.executeScript("document.getElementById('f-search').dispatchEvent(new Event('input'));");

        browser.findElement(By.cssSelector("#matrix-body tr.fold-row button")).click();
        assertThat(visibleMatrixRows()).hasSize(10);
        assertThat(browser.findElement(By.cssSelector("#matrix-body tr.fold-row")).isDisplayed()).isFalse();
    }

    @Test
    void the_opcode_view_lists_each_opcode_sent_with_its_scenarios_and_each_daemons_verdicts() {
        List<WebElement> ops = browser.findElements(By.cssSelector("#opcode-list details.opcode"));
        assertThat(ops).extracting(o -> o.getAttribute("data-opcode")).containsExactly("GETATTR", "READ", "INIT");
        assertThat(ops.get(0).findElement(By.tagName("summary")).getText().replace('\n', ' '))
                .isEqualTo("GETATTR 3 · 1 scenario java 1/1 c 0/1");
        open(ops.get(0));
        List<WebElement> rows = ops.get(0).findElements(By.cssSelector("tr.op-row"));
        assertThat(rows).extracting(r -> r.getAttribute("data-id")).containsExactly("sizing/g");
        assertThat(rows.get(0).findElements(By.cssSelector("td .v"))).extracting(WebElement::getText)
                .containsExactly("PASS", "FAIL");
        open(ops.get(1));
        assertThat(ops.get(1).findElements(By.cssSelector("tr.op-row"))).as("every row but sizing/g reads").hasSize(9);
        rows.get(0).findElement(By.cssSelector("td[data-target='c'] .v")).click();
        assertThat(browser.findElement(By.id("drill-id")).getText()).isEqualTo("sizing/g");
    }

    @Test
    void on_a_phone_the_overview_is_the_first_screen_and_nothing_in_it_overflows() throws IOException {
        chromium.phone();
        try {
            chromium.reload();
            WebElement overview = browser.findElement(By.cssSelector(".ov-table[data-axis='conformance']"));
            assertThat(overview.getRect().getY()).as("the conformance counts on the first screen").isLessThan(844 - 120);
            assertThat(chromium.sidewaysOverflow()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) browser.executeScript(
                    "return Array.from(document.querySelectorAll('#overview, #overview *, #disagreements *,"
                            + " #changes-earlier *, #opcodes *'))"
                            + ".filter(function (e) { var r = e.getBoundingClientRect();"
                            + " return r.width > 0 && (r.right > 390.5 || e.scrollWidth > e.clientWidth + 1"
                            + " && getComputedStyle(e).overflow === 'visible'); })"
                            + ".map(function (e) { return e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth; });");
            assertThat(wide).as("elements of the first views wider than the screen or their box").isEmpty();
            chromium.screenshot("report-phone-overview.png");
            open(browser.findElement(By.cssSelector("#opcode-list details.opcode")));
            assertThat(chromium.sidewaysOverflow()).as("an open opcode fits too").isLessThanOrEqualTo(0);
            browser.executeScript("document.getElementById('changes-earlier').scrollIntoView();");
            chromium.screenshot("report-phone-changes.png");
        } finally {
            chromium.desktop();
        }
    }

    /** Opens an opcode's entry; its table is drawn on the toggle event, which comes a task later. */
    private static void open(WebElement opcode) {
        opcode.findElement(By.tagName("summary")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !opcode.findElements(By.tagName("table")).isEmpty());
    }

    private static String cellText(WebElement table, String area, String target) {
        return table.findElement(By.cssSelector("tr.ov-row[data-area='" + area + "'] td[data-target='" + target + "']"))
                .getText();
    }

    private static List<String> visibleMatrixRows() {
        return browser.findElements(By.cssSelector("#matrix-body tr.scenario-row")).stream()
                .filter(WebElement::isDisplayed).map(r -> r.getAttribute("data-id")).toList();
    }
}
