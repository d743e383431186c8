package dev.vfc.cli;

import dev.vfc.report.AxisCounts;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vfc baseline --results DIR --baseline FILE}: rewrites a baseline from a run. Lines
 * whose verdict did not change keep their reason; changed and new lines take the verdict's
 * detail, so every reason is something the suite found. Conformance and hardening lines are
 * written in two blocks ({@link Baseline#rewrite}). Review the diff before committing it.
 */
final class BaselineCommand {

    static final String USAGE = """
            usage: vfc baseline --results DIR --baseline FILE [--target NAME]

            Rewrites a baseline from a run's verdicts (unchanged lines keep their reason). The file
            holds both axes: conformance lines first, then hardening lines, each block under its
            "# <axis> axis" comment; lines of scenarios the run did not include stay in their block.
              --results DIR    a vfc compare report directory, a directory of results files, or one file
              --baseline FILE  the baseline to rewrite (created if missing), e.g. baselines/c.txt
              --target NAME    the target whose verdicts to take (default: named like FILE, or the only one)
            """;

    private final PrintStream out;

    /** Errors reach the user as {@link UsageError}s, which {@link Vfc} prints; results go to {@code out}. */
    BaselineCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("baseline", args, USAGE, out, Set.of("--baseline", "--results", "--target"), Set.of());
        if (parsed.isEmpty()) {
            return 0;
        }
        Options o = parsed.get();
        Path file = Path.of(o.required("baseline", "--baseline"));
        Path results = GateCommand.resultsOf(Path.of(o.required("baseline", "--results")));
        ResultsFile run = ResultsChoice.pick("baseline", results, file, o.one("baseline", "--target"));
        try {
            Baseline old = Files.exists(file) ? Baseline.read(file) : Baseline.empty(file);
            List<Baseline.Change> changed = run.results().stream().map(r -> old.compare(run.target().name(), r))
                    .flatMap(Optional::stream).toList();
            Files.writeString(file, old.rewrite(run.results()), StandardCharsets.UTF_8);
            out.println("vfc baseline: " + file + ": " + run.results().size() + " results of " + run.target().name()
                    + " (" + AxisCounts.of(run.results()).describe() + "), " + changed.size() + " lines changed or added"
                    + (changed.isEmpty() ? "" : " (" + GateCommand.describe(changed) + ")"));
            return 0;
        } catch (IOException e) {
            throw new UsageError("baseline: " + ResultsChoice.firstLine(e));
        }
    }
}
