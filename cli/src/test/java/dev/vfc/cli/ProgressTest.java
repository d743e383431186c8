package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compare's progress line: where the run is, and the counts so far kept apart by axis. */
class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 40);

    @Test
    void theRunningCountsAreGivenPerAxisConformanceFirstNeverAddedUp() {
        finish(Axis.CONFORMANCE, "read/a", Verdict.pass("ok"));
        finish(Axis.HARDENING, "robustness/loop", Verdict.failStop("exit 1"));
        finish(Axis.CONFORMANCE, "read/b", Verdict.fail("4096 bytes", "EINVAL"));
        finish(Axis.HARDENING, "robustness/oob", Verdict.contained("EFAULT"));
        finish(Axis.HARDENING, "path-safety/dotdot", Verdict.nonStrict("created inside the share"));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("[ 1/40] c ").endsWith("| conformance: 1 PASS");
        assertThat(lines.get(1)).contains("robustness/loop").contains("FAIL-STOP")
                .endsWith("| conformance: 1 PASS · hardening: 1 FAIL-STOP");
        assertThat(progress.soFar()).isEqualTo("conformance: 1 PASS, 1 FAIL · hardening: 1 CONTAINED, 1 NON-STRICT, "
                + "1 FAIL-STOP");
    }

    @Test
    void aRunWithOnlyHardeningScenariosSaysSoInsteadOfZeroPasses() {
        finish(Axis.HARDENING, "robustness/loop", Verdict.hang("no used element"));

        assertThat(progress.soFar()).isEqualTo("hardening: 1 HANG");
    }

    private void finish(Axis axis, String id, Verdict verdict) {
        Scenario scenario = Scenario.builder(id).title("t").rule("r").axis(axis).check(c -> verdict);
        progress.finished(C, scenario, new ScenarioResult(id, "t", "r", axis, verdict, 1, "", ""));
    }

    private static final DaemonTarget C = new DaemonTarget() {
        @Override
        public String name() {
            return "c";
        }

        @Override
        public Availability availability() {
            return new Availability.Available("7.2");
        }

        @Override
        public RunningDaemon start(DaemonLaunch launch) {
            throw new UnsupportedOperationException("the progress line never starts a daemon");
        }
    };
}
