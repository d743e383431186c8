package dev.vfc.cli;

import dev.vfc.report.ComparisonReport;
import dev.vfc.report.ResultsDirectory;
import dev.vfc.report.VerdictChanges;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What {@code vfc compare} holds its verdicts to in the report: an earlier run of the same
 * targets ({@code --against}, "did my patch change anything?") and the targets' baselines
 * ({@code --baselines DIR}). Both are read before anything runs, so a bad path costs one line
 * and exit 2, not a whole run.
 */
final class EarlierVerdicts {

    private EarlierVerdicts() {
    }

    /**
     * @param against   a report directory, a directory of results files or one results file, as
     *     {@code vfc gate --results} takes
     * @param baselines the directory of {@code <target>.txt} baselines, if given, and what it holds
     *     for the targets that will run ({@link JunitCommand#baselines})
     * @return what adds both to a report (nothing for what was not given)
     */
    static UnaryOperator<ComparisonReport> read(Optional<String> against, Optional<String> baselines,
            Map<String, Baseline> byTarget) throws UsageError {
        UnaryOperator<ComparisonReport> earlier = UnaryOperator.identity();
        if (against.isPresent()) {
            List<ResultsFile> run = earlierRun(against.get());
            earlier = report -> report.withEarlierRun(against.get(), run);
        }
        UnaryOperator<ComparisonReport> expected = UnaryOperator.identity();
        if (baselines.isPresent()) {
            expected = report -> report.withBaselines(baselines.get(), byTarget);
        }
        UnaryOperator<ComparisonReport> first = earlier;
        UnaryOperator<ComparisonReport> then = expected;
        return report -> then.apply(first.apply(report));
    }

    /**
     * After the run, on the console: how many verdicts moved against each, and each that did, so
     * "did my patch change anything?" is answered without opening the page.
     */
    static void print(ComparisonReport report, PrintStream out) {
        report.toEarlierRun().ifPresent(c -> print("since", c, out));
        report.toBaselines().ifPresent(c -> print("against the baselines in", c, out));
    }

    private static void print(String relation, VerdictChanges changes, PrintStream out) {
        out.println("vfc compare: " + relation + " " + changes.against() + ": " + changes.changes().size() + " of "
                + changes.compared() + " verdicts changed");
        changes.changes().forEach(c -> out.println("  " + c.target() + " " + c.scenario() + ": " + c.was().label()
                + " -> " + c.now().label() + " (" + c.direction() + ")"));
    }

    private static List<ResultsFile> earlierRun(String path) throws UsageError {
        try {
            return ResultsDirectory.read(GateCommand.resultsOf(Path.of(path)));
        } catch (IOException e) {
            throw new UsageError("compare: --against: " + ResultsChoice.firstLine(e));
        }
    }
}
