package dev.vfc.suite;

import dev.vfc.scenario.SuiteTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite: every scenario against every selected target ({@code -Dvfc.targets},
 * see README), each verdict written to {@code target/vfc-results/<target>.json} and held to the
 * target's baseline in {@code baselines/}: a test passes when its verdict is the one the
 * baseline expects, and fails naming the line to change otherwise ({@code -Dvfc.gate=false}
 * records verdicts without the gate, {@code -Dvfc.scenarios=GLOB} runs a subset).
 */
class ConformanceIT {

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicNode> everyScenarioOnEveryTarget() {
        return SuiteTests.asConfiguredByTheBuild(Suite.all(), scratch);
    }
}
