package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.Axis;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
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
        assertThat(out()).contains("vfc gate: c: all 2 verdicts as " + baseline + " expects (conformance: 1 PASS, 1 FAIL)")
                .contains("1 baseline lines had no result");
    }

    @Test
    void aRegressionExitsOneAndNamesTheLineToChange() throws Exception {
        Files.writeString(baseline, """
                read/large/2525712/ovmf FAIL ENOMEM like Rust 1.4
                sizing/read/larger-buffer/4096-in-8192/ovmf PASS reads 4096
                """);

        assertThat(gate()).isEqualTo(1);
        assertThat(out().lines().filter(l -> l.startsWith("c ")))
                .anySatisfy(l -> assertThat(l).contains("read/large/2525712/ovmf: unexpected PASS (conformance): was FAIL, "
                        + "now PASS").contains(baseline + ":1"))
                .anySatisfy(l -> assertThat(l).contains("4096-in-8192/ovmf: regression (conformance): was PASS, now FAIL"));
        assertThat(out()).contains("2 of 2 verdicts differ from " + baseline + " (conformance: 1 regression, "
                + "1 unexpected PASS); this run: conformance: 1 PASS, 1 FAIL");
    }

    @Test
    void aScenarioMissingFromTheBaselineIsAnUnexpectedChange() throws Exception {
        Files.writeString(baseline, "read/large/2525712/ovmf PASS serves it\n");

        assertThat(gate()).isEqualTo(1);
        assertThat(out()).contains("has no line for it; add: sizing/read/larger-buffer/4096-in-8192/ovmf FAIL");
    }

    @Test
    void aHardeningRegressionSaysItsAxisAndWhichWayItMovedOnTheHardeningScale() throws Exception {
        hardeningRun(hardening("robustness/loop", Verdict.hang("no used element within 10 s")),
                hardening("robustness/oob", Verdict.failStop("exit 1")),
                hardening("path-safety/dotdot", Verdict.contained("EINVAL")));
        Files.writeString(baseline, """
                read/large/2525712/ovmf PASS serves it
                # hardening axis: requests that break a rule binding the driver
                robustness/loop CONTAINED EINVAL
                robustness/oob BREACH wrote past the buffer
                path-safety/dotdot CONTAINED EINVAL
                """);

        assertThat(gate()).isEqualTo(1);
        assertThat(out()).contains("c robustness/loop: regression (hardening): was CONTAINED, now HANG (no used element "
                + "within 10 s); " + baseline + ":3 expects CONTAINED")
                .contains("c robustness/oob: improvement (hardening): was BREACH, now FAIL-STOP (exit 1)")
                .contains("2 of 4 verdicts differ from " + baseline + " (hardening: 1 regression, 1 improvement); "
                        + "this run: conformance: 1 PASS · hardening: 1 CONTAINED, 1 FAIL-STOP, 1 HANG");
    }

    @Test
    void aBaselineLineWhoseVerdictIsNotOnTheScenariosAxisIsOneFailureLineAndExitOne() throws Exception {
        hardeningRun(hardening("robustness/loop", Verdict.failStop("killed by SIGABRT (6)")),
                hardening("robustness/oob", Verdict.contained("EFAULT")));
        Files.writeString(baseline, """
                read/large/2525712/ovmf PASS serves it
                robustness/loop CRASH killed by SIGABRT
                robustness/oob PASS EFAULT
                """);

        assertThat(gate()).isEqualTo(1);
        assertThat(err()).isEmpty();
        assertThat(out().lines().filter(l -> l.contains("on the wrong axis:")))
                .containsExactly("c robustness/loop: baseline line on the wrong axis: " + baseline + ":2 expects CRASH, a "
                        + "conformance verdict, but robustness/loop is on the hardening axis (graded CONTAINED, "
                        + "NON-STRICT, FAIL-STOP, HANG, BREACH) and got FAIL-STOP (killed by SIGABRT (6)); change that "
                        + "line to: robustness/loop FAIL-STOP killed by SIGABRT (6) | rule: rule",
                        "c robustness/oob: baseline line on the wrong axis: " + baseline + ":3 expects PASS, a "
                        + "conformance verdict, but robustness/oob is on the hardening axis (graded CONTAINED, "
                        + "NON-STRICT, FAIL-STOP, HANG, BREACH) and got CONTAINED (EFAULT); change that line to: "
                        + "robustness/oob CONTAINED EFAULT");
        assertThat(out()).contains("2 of 3 verdicts differ from " + baseline + " (hardening: 2 lines on the wrong axis)");
    }

    @Test
    void theBaselineCommandRewritesBothAxesAndTheGateThenPasses() throws Exception {
        hardeningRun(hardening("robustness/loop", Verdict.failStop("killed by SIGABRT (6)")));
        Files.writeString(baseline, "robustness/loop CRASH killed by SIGABRT\nread/large/2525712/ovmf PASS serves it\n");

        assertThat(Vfc.run(List.of("baseline", "--results", results.toString(), "--baseline", baseline.toString()),
                new PrintStream(out, true), new PrintStream(err, true))).isZero();
        assertThat(out()).contains("vfc baseline: " + baseline + ": 2 results of c (conformance: 1 PASS · hardening: "
                + "1 FAIL-STOP), 1 lines changed or added (hardening: 1 line on the wrong axis)");
        assertThat(Files.readAllLines(baseline)).filteredOn(l -> !l.startsWith("#"))
                .containsExactly("read/large/2525712/ovmf PASS serves it",
                        "robustness/loop FAIL-STOP killed by SIGABRT (6) | rule: rule");
        out.reset();
        assertThat(gate()).isZero();
        assertThat(out()).contains("all 2 verdicts as " + baseline + " expects (conformance: 1 PASS · hardening: "
                + "1 FAIL-STOP)");
    }

    /** The c run again: its large read, plus hardening scenarios. */
    private void hardeningRun(ScenarioResult... hardening) throws Exception {
        List<ScenarioResult> all = new java.util.ArrayList<>();
        all.add(result("read/large/2525712/ovmf", new Verdict.Pass("2525712 bytes")));
        all.addAll(List.of(hardening));
        new ResultsFile(new ResultsFile.TargetInfo("c", "c", "7.2", "virtiofsd"), all).write(results.resolve("c.json"));
    }

    private static ScenarioResult hardening(String id, Verdict v) {
        return new ScenarioResult(id, "title", "rule", Axis.HARDENING, v, 5, "", "");
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
