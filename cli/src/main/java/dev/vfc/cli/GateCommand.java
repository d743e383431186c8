package dev.vfc.cli;

import dev.vfc.report.AxisCounts;
import dev.vfc.results.Axis;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code vfc gate --baseline FILE --results DIR}: holds one target's verdicts to its baseline.
 * Exit 0 when every verdict is the expected one, 1 when any differs (each difference on one
 * line, saying its axis, which way the verdict moved on that axis's scale and which baseline
 * line to change if the new behaviour is right), 2 when the input cannot be read. Baseline lines
 * for scenarios the run did not include are reported, not failed: a run may cover a subset
 * ({@code vfc compare --scenario}).
 *
 * <p>A line whose verdict is not on its scenario's axis (a {@code CRASH} line for a scenario now
 * graded on the hardening axis) is exit 1 with a line of its own, not exit 2: the file is
 * readable and the run is judged; what is wrong is one expectation, exactly like a changed
 * verdict, and the user needs every such line listed at once (a scenario that moves axes moves
 * in every target's baseline), with the replacement line, not the first one as a parse error.
 */
final class GateCommand {

    static final String USAGE = """
            usage: vfc gate --baseline FILE --results DIR [--target NAME]

            Holds a run's verdicts to a baseline (one line per scenario: <id> <VERDICT> <reason>).
              --baseline FILE  the expected verdicts, e.g. baselines/c.txt
              --results DIR    a vfc compare report directory (its results.json), a directory of
                               per-target results files, or one results file
              --target NAME    the target whose verdicts to check (default: the one named like
                               the baseline file, or the only one)
            Each line of a difference names the axis (conformance or hardening) and says whether the
            verdict got worse on that axis's scale (regression), better, or moved sideways; a line
            whose verdict belongs to the other axis's scale is reported as on the wrong axis.
            exit status: 0 every verdict as expected, 1 a regression, an unexpected change or a
            line on the wrong axis, 2 bad input
            """;

    private final PrintStream out;

    /** Errors reach the user as {@link UsageError}s, which {@link Vfc} prints; results go to {@code out}. */
    GateCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("gate", args, USAGE, out, Set.of("--baseline", "--results", "--target"), Set.of());
        if (parsed.isEmpty()) {
            return 0;
        }
        Options o = parsed.get();
        Path baselineFile = Path.of(o.required("gate", "--baseline"));
        Path results = resultsOf(Path.of(o.required("gate", "--results")));
        if (!Files.isRegularFile(baselineFile)) {
            throw new UsageError("gate: no baseline file " + baselineFile);
        }
        Baseline baseline;
        try {
            baseline = Baseline.read(baselineFile);
        } catch (IOException e) {
            throw new UsageError("gate: " + ResultsChoice.firstLine(e));
        }
        ResultsFile run = ResultsChoice.pick("gate", results, baselineFile, o.one("gate", "--target"));
        return check(baseline, run);
    }

    /** A report directory's merged results.json; anything else as given. */
    static Path resultsOf(Path given) {
        Path merged = given.resolve(dev.vfc.report.ComparisonReport.RESULTS_JSON);
        return Files.isDirectory(given) && Files.isRegularFile(merged) ? merged : given;
    }

    private int check(Baseline baseline, ResultsFile run) {
        String target = run.target().name();
        List<Baseline.Change> changes = run.results().stream().map(r -> baseline.compare(target, r))
                .flatMap(Optional::stream).toList();
        changes.forEach(c -> out.println(c.message()));
        Set<String> ran = run.results().stream().map(ScenarioResult::scenario).collect(Collectors.toSet());
        long notRun = baseline.lines().stream().filter(l -> !ran.contains(l.scenario())).count();
        String tail = notRun == 0 ? "" : "; " + notRun + " baseline lines had no result in this run";
        String counts = AxisCounts.of(run.results()).describe();
        if (changes.isEmpty()) {
            out.println("vfc gate: " + target + ": all " + run.results().size() + " verdicts as " + baseline.file()
                    + " expects (" + counts + ")" + tail);
            return 0;
        }
        out.println("vfc gate: " + target + ": " + changes.size() + " of " + run.results().size()
                + " verdicts differ from " + baseline.file() + " (" + describe(changes) + "); this run: " + counts + tail);
        return 1;
    }

    /** {@code conformance: 2 regressions, 1 new · hardening: 3 lines on the wrong axis}. */
    static String describe(List<Baseline.Change> changes) {
        Map<Axis, Map<Baseline.ChangeKind, Long>> byAxis = new EnumMap<>(Axis.class);
        changes.forEach(c -> byAxis.computeIfAbsent(c.axis(), a -> new EnumMap<>(Baseline.ChangeKind.class))
                .merge(c.kind(), 1L, Long::sum));
        return byAxis.entrySet().stream().map(e -> e.getKey().label() + ": " + e.getValue().entrySet().stream()
                .map(k -> k.getKey().counted(k.getValue(), e.getKey())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(" · "));
    }
}
