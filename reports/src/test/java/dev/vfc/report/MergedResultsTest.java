package dev.vfc.report;

import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MergedResultsTest {

    @TempDir
    Path dir;

    @Test
    void results_json_reads_back_into_the_same_results_with_every_verdict_and_the_log() throws IOException {
        List<ResultsFile> targets = List.of(
                target("java", pass("read/a"), fail("read/b")),
                target("rust", new ScenarioResult("init/c", "t", "r", new Verdict.Crash("killed by SIGSYS (31)"), 12,
                        "#1 q1 x\n--- daemon log (last 2 lines) ---\npanic\n", "line one\nline two"),
                        new ScenarioResult("init/d", "t", "r", new Verdict.Timeout("no used element"), 10000, "", "l"),
                        new ScenarioResult("init/e", "t", "r", new Verdict.Unsupported("ENOSYS"), 1, "", ""),
                        new ScenarioResult("init/f", "t", "r", new Verdict.NonStrict("short"), 1, "", ""),
                        new ScenarioResult("init/g", "t", "r", new Verdict.Skipped("no qemu"), 0, "", "")));

        ComparisonReport.of(targets, Instant.EPOCH).write(dir);

        assertThat(ComparisonReport.readMerged(dir.resolve("results.json"))).isEqualTo(targets);
    }

    @Test
    void results_json_keeps_each_results_axis_and_gives_each_target_its_counts_per_axis() throws IOException {
        List<ResultsFile> targets = List.of(target("rust", pass("read/a"), fail("read/b"),
                Results.contained("robustness/loop"), Results.hardening("robustness/oob", Verdict.breach("wrote at 0x1000"))));

        ComparisonReport.of(targets, Instant.EPOCH).write(dir);

        assertThat(ComparisonReport.readMerged(dir.resolve("results.json"))).isEqualTo(targets);
        com.fasterxml.jackson.databind.JsonNode entry = ResultsFile.parse(dir.resolve("results.json")).path("targets").get(0);
        assertThat(entry.fieldNames()).toIterable().containsExactly("target", "counts", "results");
        assertThat(entry.path("results").findValuesAsText("axis"))
                .containsExactly("conformance", "conformance", "hardening", "hardening");
        assertThat(entry.path("counts").path("conformance").toString())
                .isEqualTo("{\"PASS\":1,\"NON-STRICT\":0,\"UNSUPPORTED\":0,\"FAIL\":1,\"TIMEOUT\":0,\"CRASH\":0,\"SKIPPED\":0}");
        assertThat(entry.path("counts").path("hardening").toString())
                .isEqualTo("{\"CONTAINED\":1,\"NON-STRICT\":0,\"FAIL-STOP\":0,\"HANG\":0,\"BREACH\":1,\"SKIPPED\":0}");
    }

    @Test
    void a_target_with_only_conformance_results_has_no_hardening_counts() throws IOException {
        ComparisonReport.of(List.of(target("c", pass("read/a"))), Instant.EPOCH).write(dir);

        com.fasterxml.jackson.databind.JsonNode counts = ResultsFile.parse(dir.resolve("results.json"))
                .path("targets").get(0).path("counts");
        assertThat(counts.has("conformance")).isTrue();
        assertThat(counts.has("hardening")).isFalse();
    }

    @Test
    void results_json_has_the_generation_time_and_each_target_with_the_per_target_fields() throws IOException {
        ComparisonReport.of(List.of(target("c", pass("read/a"))), Instant.parse("2026-11-24T14:22:00Z")).write(dir);

        String json = Files.readString(dir.resolve("results.json"));
        assertThat(json).contains("\"generated\" : \"2026-11-24T14:22:00Z\"", "\"targets\" : [",
                "\"name\" : \"c\"", "\"kind\" : \"c\"", "\"version\" : \"c 1.0\"", "\"command\" : \"/usr/bin/c",
                "\"scenario\" : \"read/a\"", "\"verdict\" : \"PASS\"", "\"detail\" : \"conforms\"", "\"millis\" : 3",
                "\"transcript\" : \"\"", "\"log\" : \"\"", "\"exchanges\" : [", "\"name\" : \"INIT\"",
                "\"runs\" : [", "\"errno\" : \"OK\"");
    }

    @Test
    void an_entry_without_a_log_as_older_files_have_reads_as_an_empty_log() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, """
                {"generated": "2026-01-01T00:00:00Z", "targets": [{"target": {"name": "c"},
                 "results": [{"scenario": "read/a", "verdict": "NON-STRICT", "detail": "short"}]}]}
                """);

        ScenarioResult r = ComparisonReport.readMerged(file).get(0).results().get(0);
        assertThat(r.log()).isEmpty();
        assertThat(r.transcript()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.nonStrict("short"));
    }

    @Test
    void an_unknown_verdict_is_reported_with_the_file_the_target_and_the_scenario() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, """
                {"targets": [{"target": {"name": "c"}, "results": [{"scenario": "read/a", "verdict": "MAYBE"}]}]}
                """);

        assertThatThrownBy(() -> ComparisonReport.readMerged(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("targets[0] (c)")
                .hasMessageContaining("read/a").hasMessageContaining("unknown verdict 'MAYBE'");
    }

    @Test
    void a_file_that_is_not_json_is_reported_with_its_name() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"targets\": [");

        assertThatThrownBy(() -> ComparisonReport.readMerged(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not valid JSON");
    }

    @Test
    void a_per_target_file_is_not_taken_for_a_merged_one() throws IOException {
        Path file = dir.resolve("c.json");
        target("c", pass("read/a")).write(file);

        assertThatThrownBy(() -> ComparisonReport.readMerged(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not a merged results file: needs a \"targets\" array");
    }
}
