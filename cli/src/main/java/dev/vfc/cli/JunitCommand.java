package dev.vfc.cli;

import dev.vfc.report.ResultsDirectory;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vfc junit --results DIR --out FILE [--baselines DIR]}: the JUnit XML of a run that is
 * already on disk, such as {@code mvn verify}'s {@code scenarios/target/vfc-results/} or a
 * merged report, for a CI server's test view ({@link JunitXml}).
 */
final class JunitCommand {

    static final String USAGE = """
            usage: vfc junit --results DIR --out FILE [--baselines DIR]

            Writes a run's verdicts as JUnit XML for a CI server's test view (GitLab's unit test
            reports, dorny/test-reporter, mikepenz/action-junit-report): a <testsuite> per target,
            a <testcase> per scenario (name: its id; classname: TARGET.AREA).
              --results DIR    a vfc compare or vfc merge report directory (its results.json), a
                               directory of per-target results files (scenarios/target/vfc-results/
                               after mvn verify), or one results file
              --out FILE       where the XML goes, e.g. vfc-junit.xml
              --baselines DIR  the targets' baselines (<target>.txt, e.g. baselines/): a verdict its
                               baseline does not expect is a <failure> with both verdicts; without
                               one, FAIL, TIMEOUT, CRASH, HANG and BREACH are failures
            UNSUPPORTED and SKIPPED verdicts are <skipped> with the reason.
            """;

    private final PrintStream out;

    JunitCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("junit", args, USAGE, out, Set.of("--results", "--out", "--baselines"), Set.of());
        if (parsed.isEmpty()) {
            return 0;
        }
        Options o = parsed.get();
        Path results = GateCommand.resultsOf(Path.of(o.required("junit", "--results")));
        Path file = Path.of(o.required("junit", "--out"));
        Optional<Path> baselines = o.one("junit", "--baselines").map(Path::of);
        List<ResultsFile> targets;
        try {
            targets = ResultsDirectory.read(results);
        } catch (IOException e) {
            throw new UsageError("junit: " + ResultsChoice.firstLine(e));
        }
        JunitXml xml = new JunitXml(targets, baselines("junit", baselines, targets.stream().map(t -> t.target().name()).toList()));
        try {
            xml.write(file);
        } catch (IOException e) {
            throw new UsageError("junit: cannot write " + file + ": " + ResultsChoice.firstLine(e));
        }
        out.println("vfc junit: " + targets.stream().mapToInt(t -> t.results().size()).sum() + " verdicts of "
                + targets.size() + " targets in " + file);
        return 0;
    }

    /**
     * Each target's baseline in {@code dir} ({@link Baseline#readDirectory}), as the commands that
     * take {@code --baselines} read it: a bad directory or file is one line and exit 2.
     */
    static Map<String, Baseline> baselines(String command, Optional<Path> dir, List<String> targets) throws UsageError {
        if (dir.isEmpty()) {
            return Map.of();
        }
        try {
            return Baseline.readDirectory(dir.get(), targets);
        } catch (IOException e) {
            throw new UsageError(command + ": --baselines: " + ResultsChoice.firstLine(e));
        }
    }
}
