package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.host.Trees;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioGlob;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.suite.Suite;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A daemon bug that opens an absolute path by name (the mutant open-follows-absolute-symlink:
 * OPEN of a symlink to a file beside the share opens the target from the daemon's root) reaches
 * the host without a sandbox, and cannot under {@code --sandbox=namespace} or {@code chroot},
 * where that root is the share: the same planted bug, the same scenario, three modes.
 */
class SandboxContainsAnEscapeIT {

    private static final String MUTANT = "java-mutant:open-follows-absolute-symlink";
    private static final String SCENARIO = "path-safety/escape-symlink/open-file";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"--sandbox=none, BREACH", "--sandbox=namespace, CONTAINED", "--sandbox=chroot, CONTAINED"})
    void theSameAbsolutePathBugReachesTheHostOnlyWithoutASandbox(String mode, Verdict.Kind expected)
            throws Exception {
        DaemonTarget target = Targets.byName(MUTANT + "+" + mode);
        Assumptions.assumeTrue(target.availability().isAvailable(), () -> target.availability().describe());
        Scenario scenario = ScenarioGlob.of(SCENARIO).filter(Suite.all()).get(0);
        Path scratch = Files.createTempDirectory("vfc-escape");
        try {
            ScenarioResult r = new ScenarioRunner(target, scratch).run(scenario);
            assertThat(r.verdict().kind()).as(r.verdict().detail()).isEqualTo(expected);
            if (expected == Verdict.Kind.BREACH) {
                assertThat(r.verdict().detail()).contains("READ returned");
            }
        } finally {
            Trees.delete(scratch);
        }
    }
}
