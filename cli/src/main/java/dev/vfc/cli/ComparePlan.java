package dev.vfc.cli;

import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.SuiteTests;
import dev.vfc.targets.DaemonTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code vfc compare} runs: the scenarios, the targets, where results go, and what to
 * show after each scenario.
 *
 * @param results the directory of per-target results files
 */
record ComparePlan(List<Scenario> scenarios, List<DaemonTarget> targets, Path scratch, Path results,
        SuiteTests.Progress progress) {
}
