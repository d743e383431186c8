package dev.vfc.suite;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.vfc.scenario.Baseline;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioResult;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.scenario.TargetResults;
import dev.vfc.scenario.TargetSelection;
import dev.vfc.scenario.Verdict;
import dev.vfc.targets.DaemonTarget;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite: every scenario against every selected target ({@code -Dvfc.targets},
 * see README), each verdict written to {@code target/vfc-results/<target>.json} and held to the
 * target's baseline in {@code scenarios/baselines/}: a test passes when its verdict is the one
 * the baseline expects, and fails naming the line to change otherwise.
 */
class ConformanceIT {

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicNode> everyScenarioOnEveryTarget() {
        List<Scenario> suite = Suite.matching(System.getProperty("vfc.scenarios", "*"));
        return TargetSelection.fromEnvironment().stream().map(target -> {
            ScenarioRunner runner = new ScenarioRunner(target, scratch);
            TargetResults results = new TargetResults(target, SuiteFiles.results());
            Baseline baseline = SuiteFiles.baseline(target);
            return dynamicContainer(target.name(), suite.stream().map(s -> dynamicTest(s.id(),
                    () -> runAndGate(runner, results, baseline, s, GATE))));
        });
    }

    /** {@code -Dvfc.gate=false} records verdicts without holding them to the baselines. */
    private static final boolean GATE = Boolean.parseBoolean(System.getProperty("vfc.gate", "true"));

    static void runAndGate(ScenarioRunner runner, TargetResults results, Baseline baseline, Scenario scenario,
            boolean gate) throws IOException {
        DaemonTarget target = runner.target();
        ScenarioResult result = runner.run(scenario);
        results.add(result, runner.command());
        Allure.label("area", scenario.area());
        Allure.label("target", target.name());
        Allure.parameter("target", target.name());
        Allure.description(scenario.title() + "\n\nRule: " + scenario.rule());
        Allure.addAttachment("transcript", "text/plain", result.transcript(), ".txt");
        System.out.printf("[%s] %-48s %-11s %s%n", target.name(), scenario.id(), result.verdict().kind().label(),
                result.verdict().detail());
        if (result.verdict() instanceof Verdict.Skipped skipped) {
            Assumptions.abort(skipped.detail());
        }
        if (gate) {
            baseline.check(target.name(), result).ifPresent(Assertions::fail);
        }
    }

    /** Where baselines and results live: system properties set by the build, with the module's defaults. */
    static final class SuiteFiles {
        private SuiteFiles() {
        }

        static Path results() {
            return Path.of(System.getProperty("vfc.results", "target/vfc-results"));
        }

        static Baseline baseline(DaemonTarget target) {
            Path file = Path.of(System.getProperty("vfc.baselines", "baselines"))
                    .resolve(target.name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".txt");
            try {
                return Files.exists(file) ? Baseline.read(file) : Baseline.empty(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
