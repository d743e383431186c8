package dev.vfc.cli;

import dev.vfc.report.ComparisonReport;
import dev.vfc.report.ResultsDirectory;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vfc merge DIR... --out DIR}: joins the reports of {@code vfc compare --shard K/N}
 * ({@link ShardMerge}) into one report, written as {@code vfc compare} writes its own. Exit 0
 * joined, 1 when the shards are not one run's (one line naming what disagrees), 2 bad input.
 */
final class MergeCommand {

    static final String USAGE = """
            usage: vfc merge DIR... --out DIR

            Joins the reports of vfc compare --shard K/N (one DIR per shard: a report directory, its
            results.json or its targets/) into one report in --out, written as vfc compare writes
            its own (index.html, results.json, summary.md, targets/).
            The shards must be one run's: the same suite revision, the same targets at the same
            versions, every shard of N exactly once. A scenario on a target reported by two shards is
            an error, except the smoke set every shard runs, whose verdicts must agree. The joined run
            starts at the earliest start and ends at the latest end; each result keeps its shard.
            exit status: 0 joined, 1 the shards do not join (one line saying why), 2 bad input
            """;

    private final PrintStream out;
    private final PrintStream err;

    MergeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageError {
        List<String> options = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                options.add(a);
                if (!a.contains("=") && i + 1 < args.size() && !a.equals("--help") && !a.equals("-h")) {
                    options.add(args.get(++i));
                }
            } else {
                dirs.add(Path.of(a));
            }
        }
        Optional<Options> parsed = Options.parseOrHelp("merge", options, USAGE, out, Set.of("--out"), Set.of());
        if (parsed.isEmpty()) {
            return 0;
        }
        Path outDir = Path.of(parsed.get().required("merge", "--out"));
        if (dirs.isEmpty()) {
            throw new UsageError("merge: give the shards' report directories (see vfc merge --help)");
        }
        List<ShardMerge.ShardRun> shards = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                throw new UsageError("merge: no results at " + dir);
            }
            try {
                shards.add(new ShardMerge.ShardRun(dir, ResultsDirectory.read(GateCommand.resultsOf(dir))));
            } catch (IOException e) {
                throw new UsageError("merge: " + ResultsChoice.firstLine(e));
            }
        }
        List<ResultsFile> merged;
        try {
            merged = ShardMerge.merge(shards);
        } catch (ShardMerge.Conflict c) {
            err.println("vfc merge: " + c.getMessage());
            return 1;
        }
        try {
            write(merged, outDir);
        } catch (IOException e) {
            err.println("vfc merge: cannot write " + outDir + ": " + ResultsChoice.firstLine(e));
            return 1;
        }
        ComparisonReport report = ComparisonReport.of(merged);
        out.println("vfc merge: " + shards.size() + " shards, " + merged.size() + " targets");
        for (ResultsFile f : merged) {
            out.println("  " + f.target().name() + ": " + report.counts(f.target().name()).describe());
        }
        out.println("vfc merge: report in " + outDir.resolve(ComparisonReport.INDEX_HTML));
        return 0;
    }

    /** The joined report, laid out as vfc compare lays out its own. */
    private static void write(List<ResultsFile> merged, Path outDir) throws IOException {
        Path targets = outDir.resolve("targets");
        Files.createDirectories(targets);
        for (ResultsFile f : merged) {
            f.write(targets.resolve(ResultsFile.fileName(f.target().name())));
        }
        ComparisonReport.of(merged).write(outDir);
    }
}
