package dev.vfc.scenario;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.vfc.results.Baseline;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.targets.DaemonTarget;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;

/**
 * Scenarios × targets as JUnit dynamic tests: one container per target, one test per
 * scenario. Each test runs its scenario on a fresh daemon, appends the result to the target's
 * results file, labels it for Allure (area, target, transcript attachment), and — when a
 * baseline directory is given — passes only if the verdict is the one the baseline expects.
 * The Maven ITs and {@code vfc compare} both run scenarios through here, so a verdict means
 * the same thing in both.
 */
public final class SuiteTests {

    private final List<Scenario> scenarios;
    private final Path scratch;
    private final Path results;
    private final Optional<Path> baselines;
    private final Progress progress;

    /** What happens after each scenario, besides recording: by default one line on stdout. */
    @FunctionalInterface
    public interface Progress {
        void finished(DaemonTarget target, Scenario scenario, ScenarioResult result);

        Progress LINE_PER_SCENARIO = (target, scenario, result) -> System.out.printf("[%s] %-48s %-11s %s%n",
                target.name(), scenario.id(), result.verdict().kind().label(), result.verdict().detail());
    }

    /**
     * @param results   the directory of the per-target results files
     * @param baselines the directory of the per-target baselines; empty to record verdicts without a gate
     */
    public SuiteTests(List<Scenario> scenarios, Path scratch, Path results, Optional<Path> baselines) {
        this(scenarios, scratch, results, baselines, Progress.LINE_PER_SCENARIO);
    }

    public SuiteTests(List<Scenario> scenarios, Path scratch, Path results, Optional<Path> baselines,
            Progress progress) {
        this.scenarios = List.copyOf(scenarios);
        this.scratch = scratch;
        this.results = results;
        this.baselines = baselines;
        this.progress = progress;
    }

    /**
     * The dynamic tests a Maven IT runs, configured by the build's system properties:
     * {@code vfc.scenarios} (a {@link ScenarioGlob}), {@code vfc.targets} ({@link TargetSelection}),
     * {@code vfc.results}, {@code vfc.baselines}, and {@code vfc.gate=false} to record without
     * the gate.
     */
    public static Stream<DynamicNode> asConfiguredByTheBuild(List<Scenario> scenarios, Path scratch) {
        boolean gate = Boolean.parseBoolean(System.getProperty("vfc.gate", "true"));
        return new SuiteTests(ScenarioGlob.of(System.getProperty("vfc.scenarios", "*")).filter(scenarios), scratch,
                Path.of(System.getProperty("vfc.results", "target/vfc-results")),
                gate ? Optional.of(Path.of(System.getProperty("vfc.baselines", "../baselines"))) : Optional.empty())
                .against(TargetSelection.fromEnvironment());
    }

    public Stream<DynamicNode> against(List<DaemonTarget> targets) {
        return targets.stream().map(target -> {
            ScenarioRunner runner = new ScenarioRunner(target, scratch);
            TargetResults sink = new TargetResults(target, results);
            Optional<Baseline> baseline = baselines.map(dir -> baseline(dir, target));
            return dynamicContainer(target.name(),
                    scenarios.stream().map(s -> dynamicTest(s.id(), () -> run(runner, sink, baseline, s, progress))));
        });
    }

    /** The baseline file of a target in {@code dir}: {@code <target>.txt}, empty when there is none yet. */
    public static Baseline baseline(Path dir, DaemonTarget target) {
        Path file = dir.resolve(target.name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".txt");
        try {
            return Files.exists(file) ? Baseline.read(file) : Baseline.empty(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(ScenarioRunner runner, TargetResults sink, Optional<Baseline> baseline, Scenario scenario,
            Progress progress) throws IOException {
        DaemonTarget target = runner.target();
        ScenarioResult result = runner.run(scenario);
        sink.add(result, runner.command());
        Allure.label("area", scenario.area());
        Allure.label("target", target.name());
        Allure.parameter("target", target.name());
        Allure.description(scenario.title() + "\n\nRule: " + scenario.rule());
        Allure.addAttachment("transcript", "text/plain", result.describeTranscript(), ".txt");
        if (!result.log().isBlank()) {
            Allure.addAttachment("daemon log", "text/plain", result.log(), ".txt");
        }
        progress.finished(target, scenario, result);
        if (result.verdict() instanceof Verdict.Skipped skipped) {
            Assumptions.abort(skipped.detail());
        }
        baseline.flatMap(b -> b.check(target.name(), result)).ifPresent(Assertions::fail);
    }
}
