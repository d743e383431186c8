package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.scenario.ResultsFile;
import dev.vfc.scenario.ScenarioResult;
import dev.vfc.scenario.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vfc gate}'s three exit statuses, each with the line a person reads. */
class GateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path results;
    private Path baseline;

    @BeforeEach
    void aRunOfTheCDaemon() throws Exception {
        results = Files.createDirectories(dir.resolve("results"));
        new ResultsFile(new ResultsFile.TargetInfo("c", "c", "7.2", "virtiofsd"), List.of(
                result("read/large/2525712/ovmf", new Verdict.Pass("2525712 bytes")),
                result("sizing/read/larger-buffer/4096-in-8192/ovmf",
                        new Verdict.Fail("expected at most 4096 bytes (the size field), got 8192 bytes"))))
                .write(results.resolve("c.json"));
        baseline = dir.resolve("c.txt");
    }

    private static ScenarioResult result(String id, Verdict v) {
        return new ScenarioResult(id, "title", "rule", v, 5, "", "");
    }

    private int gate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("gate", "--baseline", baseline.toString(),
                "--results", results.toString()));
        args.addAll(List.of(extra));
        return Vfc.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyVerdictAsTheBaselineExpectsExitsZero() throws Exception {
        Files.writeString(baseline, """
                # c
                read/large/2525712/ovmf PASS serves it
                sizing/read/larger-buffer/4096-in-8192/ovmf FAIL over-reads
                init/minor/7.31 PASS not in this run
                """);

        assertThat(gate()).isZero();
        assertThat(out()).contains("vfc gate: c: all 2 verdicts as").contains("1 baseline lines had no result");
    }

    @Test
    void aRegressionExitsOneAndNamesTheLineToChange() throws Exception {
        Files.writeString(baseline, """
                read/large/2525712/ovmf FAIL ENOMEM like Rust 1.4
                sizing/read/larger-buffer/4096-in-8192/ovmf PASS reads 4096
                """);

        assertThat(gate()).isEqualTo(1);
        assertThat(out().lines().filter(l -> l.startsWith("c ")))
                .anySatisfy(l -> assertThat(l).contains("read/large/2525712/ovmf: unexpected PASS").contains(baseline + ":1"))
                .anySatisfy(l -> assertThat(l).contains("4096-in-8192/ovmf: regression: got FAIL"));
        assertThat(out()).contains("2 of 2 verdicts differ");
    }

    @Test
    void aScenarioMissingFromTheBaselineIsAnUnexpectedChange() throws Exception {
        Files.writeString(baseline, "read/large/2525712/ovmf PASS serves it\n");

        assertThat(gate()).isEqualTo(1);
        assertThat(out()).contains("has no line for it; add: sizing/read/larger-buffer/4096-in-8192/ovmf FAIL");
    }

    @Test
    void unreadableInputExitsTwoWithTheReason() throws Exception {
        assertThat(gate()).isEqualTo(2);
        assertThat(err()).isEqualTo("vfc gate: no baseline file " + baseline + "\n");

        err.reset();
        Files.writeString(baseline, "read/large/2525712/ovmf MAYBE\n");
        assertThat(gate()).isEqualTo(2);
        assertThat(err()).startsWith("vfc gate: " + baseline + ":1: expected '<scenario> <VERDICT> <reason>'");

        err.reset();
        Files.writeString(baseline, "read/large/2525712/ovmf PASS fine\n");
        Files.writeString(results.resolve("c.json"), "{\"target\": {}");
        assertThat(gate()).isEqualTo(2);
        assertThat(err()).startsWith("vfc gate: " + results.resolve("c.json")).contains("not valid JSON");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void resultsOfSeveralTargetsNeedTheBaselinesNameOrATarget() throws Exception {
        Files.writeString(baseline, "read/large/2525712/ovmf PASS serves it\n");
        new ResultsFile(new ResultsFile.TargetInfo("rust", "rust", "1.13.2", "virtiofsd"), List.of(
                result("read/large/2525712/ovmf", new Verdict.Pass("ok")))).write(results.resolve("rust.json"));
        Path other = dir.resolve("mine.txt");
        Files.copy(baseline, other);
        baseline = other;

        assertThat(gate()).isEqualTo(2);
        assertThat(err()).contains("holds c, rust; none is named like mine.txt: say which with --target NAME");
        assertThat(gate("--target", "rust")).isZero();
    }

    @Test
    void missingOptionsAndUnknownArgumentsExitTwo() {
        assertThat(Vfc.run(List.of("gate", "--results", "x"), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err()).isEqualTo("vfc gate: --baseline is required (see vfc gate --help)\n");
        err.reset();
        assertThat(Vfc.run(List.of("gate", "--bogus"), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err()).isEqualTo("vfc gate: unknown argument '--bogus' (see vfc gate --help)\n");
    }
}
