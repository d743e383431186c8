package dev.vfc.report;

import static dev.vfc.report.Results.contained;
import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.hardening;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.result;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VerdictChangesTest {

    private static String describe(VerdictChange c) {
        return c.target() + " " + c.scenario() + " " + c.was().label() + " -> " + c.now().label() + " " + c.direction();
    }

    @Test
    void an_earlier_run_marks_each_changed_verdict_old_to_new_with_the_way_it_moved() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("java", pass("read/a"), fail("read/b"), result("read/c", new Verdict.Timeout("10 s")),
                        pass("read/d"), pass("read/new")),
                target("c", pass("read/a"))));

        VerdictChanges changes = report.withEarlierRun("/tmp/old", List.of(
                target("java", pass("read/a"), pass("read/b"), result("read/c", new Verdict.Crash("SIGSEGV")),
                        fail("read/d")))).toEarlierRun().orElseThrow();

        assertThat(changes.changes()).extracting(VerdictChangesTest::describe).containsExactly(
                "java read/b PASS -> FAIL worse", "java read/c CRASH -> TIMEOUT changed", "java read/d FAIL -> PASS better");
        assertThat(changes.compared()).isEqualTo(4);
        assertThat(changes.unmatched()).as("read/new was not in the earlier run").isEqualTo(1);
        assertThat(changes.missingTargets()).as("c was not in the earlier run").containsExactly("c");
        assertThat(changes.against()).isEqualTo("/tmp/old");
    }

    @Test
    void the_same_run_twice_changes_nothing() {
        List<ResultsFile> run = List.of(target("java", pass("read/a"), fail("read/b")));

        VerdictChanges changes = ComparisonReport.of(run).withEarlierRun("same", run).toEarlierRun().orElseThrow();

        assertThat(changes.changes()).isEmpty();
        assertThat(changes.compared()).isEqualTo(2);
        assertThat(changes.unmatched()).isZero();
    }

    @Test
    void an_earlier_verdict_on_the_other_axis_scale_is_named_as_such_not_as_worse_or_better() {
        ComparisonReport report = ComparisonReport.of(List.of(target("c", contained("robustness/loop"))));

        VerdictChanges changes = report.withEarlierRun("old", List.of(target("c", fail("robustness/loop"))))
                .toEarlierRun().orElseThrow();

        assertThat(changes.changes()).extracting(VerdictChangesTest::describe)
                .containsExactly("c robustness/loop FAIL -> CONTAINED other axis");
    }

    @Test
    void baselines_are_read_by_target_name_and_each_cell_is_held_to_its_line(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("container-vfc-rust-1.13.txt"), """
                # conformance axis
                read/a PASS conforms
                read/b PASS conforms
                # hardening axis
                robustness/loop FAIL-STOP exits on the loop
                """);
        String image = "container:vfc/rust:1.13";
        ComparisonReport report = ComparisonReport.of(List.of(
                target(image, pass("read/a"), fail("read/b"), hardening("robustness/loop", Verdict.hang("10 s")),
                        pass("read/unlisted")),
                target("java", pass("read/a"))));

        Map<String, Baseline> baselines = Baseline.readDirectory(dir, report.targetNames());
        VerdictChanges changes = report.withBaselines(dir.toString(), baselines).toBaselines().orElseThrow();

        assertThat(baselines).containsOnlyKeys(image);
        assertThat(changes.changes()).extracting(VerdictChangesTest::describe).containsExactly(
                image + " read/b PASS -> FAIL worse", image + " robustness/loop FAIL-STOP -> HANG worse");
        assertThat(changes.unmatched()).as("read/unlisted has no line").isEqualTo(1);
        assertThat(changes.missingTargets()).containsExactly("java");
    }

    @Test
    void a_baselines_path_that_is_not_a_directory_is_an_error_naming_it(@TempDir Path dir) {
        assertThatThrownBy(() -> Baseline.readDirectory(dir.resolve("none"), List.of("c")))
                .isInstanceOf(IOException.class).hasMessageStartingWith(dir.resolve("none") + ": not a directory");
    }
}
