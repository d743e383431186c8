package dev.vfc.suite;

import dev.vfc.host.Trees;
import dev.vfc.results.ScenarioResult;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioGlob;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code VerdictsOf TARGET GLOB}: runs the scenarios that match on one target and prints one line
 * per scenario, {@code id KIND detail}. A child JVM of {@link SameVerdictsInAnyHarnessEnvironmentIT},
 * so that the harness itself runs with the environment the test gives it.
 */
public final class VerdictsOf {

    private VerdictsOf() {
    }

    public static void main(String[] args) throws Exception {
        DaemonTarget target = Targets.byName(args[0]);
        Path scratch = Files.createTempDirectory("vfc-verdicts");
        try {
            ScenarioRunner runner = new ScenarioRunner(target, scratch);
            for (Scenario s : ScenarioGlob.of(args[1]).filter(Suite.all())) {
                ScenarioResult r = runner.run(s);
                System.out.println("VERDICT " + s.id() + " " + r.verdict().kind().label() + " "
                        + r.verdict().detail().replaceAll("\\s*\\R\\s*", " | "));
            }
        } finally {
            Trees.delete(scratch);
        }
        System.exit(0);
    }
}
