package dev.vfc.cli;

import dev.vfc.report.VerdictCounts;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioResult;
import dev.vfc.scenario.SuiteTests;
import dev.vfc.scenario.Verdict;
import dev.vfc.targets.DaemonTarget;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * Live progress of a compare: one line per finished scenario with its position in the run, the
 * target, the verdict, and the counts so far over all targets.
 */
final class Progress implements SuiteTests.Progress {

    private final PrintStream out;
    private final int total;
    private final Map<Verdict.Kind, Integer> counts = new EnumMap<>(Verdict.Kind.class);
    private int done;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public synchronized void finished(DaemonTarget target, Scenario scenario, ScenarioResult result) {
        done++;
        counts.merge(result.verdict().kind(), 1, Integer::sum);
        String width = Integer.toString(String.valueOf(total).length());
        out.printf("[%" + width + "d/%d] %-12s %-44s %-11s | %s%n", done, total, shortName(target.name()), scenario.id(),
                result.verdict().kind().label(), soFar());
        out.flush();
    }

    synchronized String soFar() {
        return new VerdictCounts(counts).describe();
    }

    private static String shortName(String name) {
        return name.length() <= 12 ? name : name.substring(0, 11) + "…";
    }
}
