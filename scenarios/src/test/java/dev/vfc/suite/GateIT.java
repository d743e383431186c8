package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.scenario.Baseline;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.scenario.TargetResults;
import dev.vfc.targets.Availability;
import dev.vfc.targets.JavaDaemonTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The gate bites: a real run against a deliberately wrong baseline line fails, naming the line. */
class GateIT {

    @TempDir
    Path dir;

    @Test
    void aWrongBaselineLineFailsTheRunAndSaysWhichLineToChange() throws Exception {
        JavaDaemonTarget java = new JavaDaemonTarget();
        assumeThat(java.availability()).as("%s", java.availability()).isInstanceOf(Availability.Available.class);
        Scenario scenario = Suite.matching("read/large/2525712/ovmf").get(0);
        Path file = dir.resolve("java.txt");
        Files.writeString(file, "# deliberately wrong\n" + scenario.id() + " FAIL the Rust daemon 1.4 said ENOMEM\n");
        Baseline wrong = Baseline.read(file);

        assertThatThrownBy(() -> ConformanceIT.runAndGate(new ScenarioRunner(java, dir),
                new TargetResults(java, dir.resolve("results")), wrong, scenario, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("unexpected PASS")
                .hasMessageContaining(file + ":2 expects FAIL")
                .hasMessageContaining("change that line to: " + scenario.id() + " PASS");
    }

    @Test
    void aScenarioMissingFromTheBaselineFailsWithTheLineToAdd() throws Exception {
        JavaDaemonTarget java = new JavaDaemonTarget();
        assumeThat(java.availability()).as("%s", java.availability()).isInstanceOf(Availability.Available.class);
        Scenario scenario = Suite.matching("read/eof/at-end").get(0);
        Baseline empty = Baseline.empty(dir.resolve("java.txt"));

        assertThatThrownBy(() -> ConformanceIT.runAndGate(new ScenarioRunner(java, dir),
                new TargetResults(java, dir.resolve("results")), empty, scenario, true))
                .hasMessageContaining("has no line for it; add: read/eof/at-end PASS");
        assertThat(dir.resolve("results").resolve("java.json")).exists();
    }
}
