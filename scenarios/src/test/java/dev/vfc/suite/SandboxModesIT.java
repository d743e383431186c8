package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.host.Trees;
import dev.vfc.results.Baseline;
import dev.vfc.results.ScenarioResult;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioGlob;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path-safety area in every sandbox mode the daemon has, and with seccomp logging instead
 * of killing: each verdict must be the one the Java daemon's baseline holds for its default
 * mode (namespace, seccomp kill), which {@link ConformanceIT} checks. A sandbox that broke a legal request, or
 * a mode that let an escape through, changes a verdict here.
 */
class SandboxModesIT {

    private static final String SCENARIOS = "path-safety/**";

    @ParameterizedTest(name = "java {0} gives the baseline's path-safety verdicts")
    @ValueSource(strings = {"--sandbox=chroot", "--sandbox=none", "--seccomp=log"})
    void thePathSafetyVerdictsAreTheBaselinesInThisMode(String mode) throws Exception {
        DaemonTarget target = Targets.byName("java+" + mode);
        Assumptions.assumeTrue(target.availability().isAvailable(), () -> target.availability().describe());
        Baseline baseline = Baseline.read(Path.of(System.getProperty("vfc.baselines", "../baselines"), "java.txt"));
        List<Scenario> scenarios = ScenarioGlob.of(SCENARIOS).filter(Suite.all());
        assertThat(scenarios).hasSizeGreaterThan(20);
        Path scratch = Files.createTempDirectory("vfc-sandbox-modes");
        List<String> changes = new ArrayList<>();
        try {
            ScenarioRunner runner = new ScenarioRunner(target, scratch);
            for (Scenario s : scenarios) {
                ScenarioResult r = runner.run(s);
                baseline.check("java " + mode, r).ifPresent(changes::add);
            }
        } finally {
            Trees.delete(scratch);
        }
        assertThat(changes).as("verdicts that differ from baselines/java.txt").isEmpty();
    }
}
