package dev.vfc.ovmf;

import dev.vfc.scenario.SuiteTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OVMF replays, the real OVMF boots and the Linux guest's steps against every selected
 * target ({@code -Dvfc.targets}), their verdicts written to {@code target/vfc-results/<target>.json}
 * and held to the same baselines as the conformance suite.
 */
class OvmfFixturesIT {

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicNode> everyFixtureOnEveryTarget() {
        return SuiteTests.asConfiguredByTheBuild(Fixtures.all(), scratch);
    }
}
