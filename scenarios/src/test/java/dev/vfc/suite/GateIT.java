package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.SuiteTests;
import dev.vfc.targets.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
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
        Path file = Files.createDirectories(dir.resolve("baselines")).resolve("java.txt");
        Files.writeString(file, "# deliberately wrong\n" + scenario.id() + " FAIL the Rust daemon 1.4 said ENOMEM\n");

        assertThatThrownBy(() -> theOneTest(java, scenario).getExecutable().execute())
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
        Files.createDirectories(dir.resolve("baselines"));

        assertThatThrownBy(() -> theOneTest(java, scenario).getExecutable().execute())
                .hasMessageContaining("has no line for it; add: read/eof/at-end PASS");
        assertThat(dir.resolve("results").resolve("java.json")).exists();
    }

    /** The dynamic test the suite makes for one scenario on one target, gated by {@code dir/baselines}. */
    private DynamicTest theOneTest(JavaDaemonTarget java, Scenario scenario) {
        DynamicContainer container = (DynamicContainer) new SuiteTests(List.of(scenario), dir, dir.resolve("results"),
                Optional.of(dir.resolve("baselines"))).against(List.of(java)).findFirst().orElseThrow();
        return (DynamicTest) container.getChildren().findFirst().orElseThrow();
    }
}
