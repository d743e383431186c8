package dev.vfc.report;

import static dev.vfc.report.Results.contained;
import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.hardening;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.result;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.results.Axis;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ComparisonReportTest {

    @Test
    void merges_the_targets_into_one_row_per_scenario_with_the_columns_in_the_order_given() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("rust", pass("read/a"), fail("read/b")),
                target("c", fail("read/b"), pass("read/a"))));

        assertThat(report.targetInfos()).extracting(t -> t.name()).containsExactly("rust", "c");
        assertThat(report.rows()).extracting(ScenarioRow::id).containsExactly("read/a", "read/b");
        ScenarioRow b = report.rows().get(1);
        assertThat(b.byTarget().keySet()).containsExactly("rust", "c");
        assertThat(b.result("c")).map(r -> r.verdict().kind()).contains(Verdict.Kind.FAIL);
    }

    @Test
    void groups_rows_by_area_in_the_suites_order_and_keeps_the_run_order_inside_an_area() {
        ComparisonReport report = ComparisonReport.of(List.of(target("java",
                pass("zeta/1"), pass("path-safety/x"), pass("read/large/2"), pass("linux/boot"),
                pass("read/large/1"), pass("sizing/s"), pass("alpha/1"))));

        assertThat(report.rows()).extracting(ScenarioRow::id).containsExactly("read/large/2", "read/large/1",
                "sizing/s", "path-safety/x", "linux/boot", "alpha/1", "zeta/1");
    }

    @Test
    void daemons_disagree_when_those_that_ran_a_scenario_got_different_verdicts() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("java", pass("read/same"), pass("read/differs"), pass("read/only-java")),
                target("c", pass("read/same"), result("read/differs", Verdict.nonStrict("short read")))));

        assertThat(report.disagreements()).extracting(ScenarioRow::id).containsExactly("read/differs");
        ScenarioRow onlyJava = report.rows().get(2);
        assertThat(onlyJava.result("c")).isEmpty();
        assertThat(onlyJava.disagrees()).as("a missing result is no verdict").isFalse();
    }

    @Test
    void counts_each_verdict_per_daemon() {
        ComparisonReport report = ComparisonReport.of(List.of(target("rust", pass("read/a"), fail("read/b"),
                fail("read/c"), result("init/d", new Verdict.Crash("killed by SIGSYS (31)")))));

        VerdictCounts counts = report.counts("rust").of(Axis.CONFORMANCE);
        assertThat(counts.count(Verdict.Kind.PASS)).isEqualTo(1);
        assertThat(counts.count(Verdict.Kind.FAIL)).isEqualTo(2);
        assertThat(counts.count(Verdict.Kind.CRASH)).isEqualTo(1);
        assertThat(counts.count(Verdict.Kind.TIMEOUT)).isZero();
        assertThat(counts.total()).isEqualTo(4);
    }

    @Test
    void counts_each_axis_apart_so_a_pass_and_a_contained_are_never_added_up() {
        ComparisonReport report = ComparisonReport.of(List.of(target("rust", pass("read/a"), fail("read/b"),
                contained("robustness/loop"), hardening("robustness/nested", Verdict.failStop("exit 1")),
                hardening("path-safety/dotdot", Verdict.nonStrict("created inside the share")))));

        AxisCounts counts = report.counts("rust");
        assertThat(counts.of(Axis.CONFORMANCE).total()).isEqualTo(2);
        assertThat(counts.of(Axis.HARDENING).total()).isEqualTo(3);
        assertThat(counts.count(Axis.HARDENING, Verdict.Kind.NON_STRICT)).isEqualTo(1);
        assertThat(counts.count(Axis.CONFORMANCE, Verdict.Kind.NON_STRICT)).isZero();
        assertThat(counts.describe())
                .isEqualTo("conformance: 1 PASS, 1 FAIL · hardening: 1 CONTAINED, 1 NON-STRICT, 1 FAIL-STOP");
    }

    @Test
    void conformance_rows_come_first_then_hardening_rows_each_grouped_by_area() {
        ComparisonReport report = ComparisonReport.of(List.of(target("c", contained("robustness/loop"),
                pass("read/a"), contained("path-safety/slash"), pass("robustness/ok"))));

        assertThat(report.rows()).extracting(r -> r.axis() + " " + r.id()).containsExactly("CONFORMANCE read/a",
                "CONFORMANCE robustness/ok", "HARDENING robustness/loop", "HARDENING path-safety/slash");
        assertThat(report.axes()).containsExactly(Axis.CONFORMANCE, Axis.HARDENING);
    }

    @Test
    void one_id_on_two_axes_is_two_rows_whose_verdicts_are_not_compared() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("old", result("robustness/loop", new Verdict.Crash("exit 1"))),
                target("new", hardening("robustness/loop", Verdict.failStop("exit 1")))));

        assertThat(report.rows()).extracting(ScenarioRow::axis).containsExactly(Axis.CONFORMANCE, Axis.HARDENING);
        assertThat(report.rows()).allSatisfy(r -> assertThat(r.byTarget()).hasSize(1));
        assertThat(report.disagreements()).isEmpty();
    }

    @Test
    void the_title_and_rule_come_from_the_first_daemon_that_recorded_them() {
        ScenarioResult bare = new ScenarioResult("read/a", "", "", Verdict.pass(""), 0, "", "");
        ComparisonReport report = ComparisonReport.of(List.of(target("c", bare), target("java", pass("read/a"))));

        assertThat(report.rows().get(0).title()).isEqualTo("title of read/a");
        assertThat(report.rows().get(0).rule()).isEqualTo("rule of read/a");
    }

    @Test
    void the_same_target_twice_is_refused_because_each_daemon_is_one_column() {
        assertThatThrownBy(() -> ComparisonReport.of(List.of(target("c", pass("read/a")), target("c", pass("read/a")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target c");
    }

    @Test
    void a_scenario_listed_twice_by_one_target_is_refused() {
        assertThatThrownBy(() -> ComparisonReport.of(List.of(target("c", pass("read/a"), fail("read/a")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read/a");
    }

    @Test
    void nothing_to_compare_is_refused() {
        assertThatThrownBy(() -> ComparisonReport.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no targets");
    }

    @Test
    void write_puts_the_page_the_merged_results_and_the_summary_into_the_directory(@TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("report/nested");
        ComparisonReport.of(List.of(target("c", pass("read/a"))), Instant.parse("2026-01-02T03:04:05Z")).write(out);

        assertThat(out.resolve("index.html")).content().startsWith("<!DOCTYPE html>").contains("vfc-data");
        assertThat(out.resolve("results.json")).content().contains("\"generated\" : \"2026-01-02T03:04:05Z\"");
        assertThat(out.resolve("summary.md")).content().startsWith("## virtio-fs daemon comparison");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("index.html", "results.json", "summary.md");
        }
    }

    @Test
    void each_input_given_later_keeps_the_ones_given_before() {
        List<ResultsFile> run = List.of(target("c", pass("read/a")));
        KillMatrixFile matrix = new KillMatrixFile("c", List.of(), List.of());

        ComparisonReport report = ComparisonReport.of(run).withKillMatrix(matrix).withEarlierRun("before", run)
                .withBaselines("baselines", Map.of()).withBench(new BenchFigures("m", List.of(),
                        Map.of(), Map.of()));

        assertThat(report.killMatrix()).containsSame(matrix);
        assertThat(report.toEarlierRun()).map(VerdictChanges::against).contains("before");
        assertThat(report.toBaselines()).map(VerdictChanges::missingTargets).contains(List.of("c"));
        assertThat(report.bench()).isPresent();
    }
}
