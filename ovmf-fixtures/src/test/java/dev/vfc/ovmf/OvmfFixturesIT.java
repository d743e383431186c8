package dev.vfc.ovmf;

import dev.vfc.scenario.ScenarioGlob;
import dev.vfc.scenario.SuiteTests;
import dev.vfc.scenario.TargetSelection;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OVMF replays, the real OVMF boots and the Linux guest's steps against every selected target ({@code -Dvfc.targets}), their
 * verdicts written to {@code target/vfc-results/<target>.json} and held to the same baselines
 * as the conformance suite ({@code -Dvfc.gate=false} records without the gate).
 */
class OvmfFixturesIT {

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicNode> everyFixtureOnEveryTarget() {
        boolean gate = Boolean.parseBoolean(System.getProperty("vfc.gate", "true"));
        var fixtures = ScenarioGlob.of(System.getProperty("vfc.scenarios", "*")).filter(Fixtures.all());
        return new SuiteTests(fixtures, scratch, Path.of(System.getProperty("vfc.results", "target/vfc-results")),
                gate ? Optional.of(Path.of(System.getProperty("vfc.baselines", "../baselines"))) : Optional.empty())
                .against(TargetSelection.fromEnvironment());
    }
}
