package dev.vfc.cli;

import dev.vfc.scenario.SuiteTests;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The tests {@code vfc compare} hands to the JUnit Platform: the same dynamic tests the Maven
 * ITs run ({@link SuiteTests}), without a baseline, so allure-junit5 records a compare exactly
 * as it records {@code mvn verify}. The launcher instantiates this class itself, so the plan
 * comes through {@link #plan}, set by {@link CompareCommand} just before it launches.
 */
public class CompareTests {

    static volatile ComparePlan plan;

    @TestFactory
    Stream<DynamicNode> everyScenarioOnEveryTarget() {
        ComparePlan p = plan;
        return new SuiteTests(p.scenarios(), p.scratch(), p.results(), Optional.empty(), p.progress())
                .against(p.targets());
    }
}
