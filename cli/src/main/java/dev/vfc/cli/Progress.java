package dev.vfc.cli;

import dev.vfc.report.AxisCounts;
import dev.vfc.report.VerdictCounts;
import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.SuiteTests;
import dev.vfc.targets.DaemonTarget;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * Live progress of a compare: one line per finished scenario with its position in the run, the
 * target, the verdict, and the counts so far over all targets, per axis (a conformance PASS and a
 * hardening CONTAINED answer different questions, so they are never summed), e.g.
 * {@code [ 37/840] c  robustness/loop  FAIL-STOP | conformance: 35 PASS, 1 FAIL · hardening: 1 FAIL-STOP}.
 */
final class Progress implements SuiteTests.Progress {

    private final PrintStream out;
    private final int total;
    private final Map<Axis, Map<Verdict.Kind, Integer>> counts = new EnumMap<>(Axis.class);
    private int done;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public synchronized void finished(DaemonTarget target, Scenario scenario, ScenarioResult result) {
        done++;
        counts.computeIfAbsent(result.axis(), a -> new EnumMap<>(Verdict.Kind.class))
                .merge(result.verdict().kind(), 1, Integer::sum);
        String width = Integer.toString(String.valueOf(total).length());
        out.printf("[%" + width + "d/%d] %-12s %-44s %-11s | %s%n", done, total, shortName(target.name()), scenario.id(),
                result.verdict().kind().label(), soFar());
        out.flush();
    }

    /** The counts so far, per axis that has any: {@code conformance: 35 PASS, 2 FAIL · hardening: 3 CONTAINED}. */
    synchronized String soFar() {
        Map<Axis, VerdictCounts> byAxis = new EnumMap<>(Axis.class);
        counts.forEach((axis, kinds) -> byAxis.put(axis, new VerdictCounts(kinds)));
        return new AxisCounts(byAxis).describe();
    }

    private static String shortName(String name) {
        return name.length() <= 12 ? name : name.substring(0, 11) + "…";
    }
}
