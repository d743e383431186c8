package dev.vfc.cli;

import dev.vfc.host.Trees;
import dev.vfc.ovmf.Fixtures;
import dev.vfc.report.BenchFigures;
import dev.vfc.report.ComparisonReport;
import dev.vfc.results.Baseline;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.RunInfo;
import dev.vfc.results.Shard;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioGlob;
import dev.vfc.scenario.TargetResults;
import dev.vfc.scenario.TargetSelection;
import dev.vfc.suite.Suite;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code vfc compare}: runs the suite (conformance scenarios, OVMF replays and boots, the Linux
 * guest) against each target and writes the comparison report. The verdicts are the ones
 * {@code mvn verify} gets: the same scenarios run through the same JUnit dynamic tests.
 */
final class CompareCommand {

    static final String USAGE = """
            usage: vfc compare [--target [NAME@]SPEC[+-ARG]...]... [--require LIST] [--scenario GLOB]...
                               [--out DIR] [--allure] [--kill-matrix FILE] [--bench FILE]
                               [--shard K/N] [--junit FILE] [--against RESULTS] [--baselines DIR]

            Runs the suite against each daemon and writes a comparison report.
              --target SPEC     java | c[=PATH] | rust[=PATH] | rust-1.14 | container:IMAGE (repeatable;
                                or comma-separated in VFC_TARGETS); default: java plus every peer
                                found on this machine (c, rust, rust-sandbox-none, rust-1.14, the
                                Rust image)
                                NAME@SPEC names the target in results, report and baselines
                                (letters, digits, '.', '_', '-'): two builds side by side are
                                --target stock@rust --target patched@rust=/opt/virtiofsd/run
                                SPEC+-ARG appends ARG (it starts with '-') to the daemon's
                                command line, once per +: rust+--sandbox=none, c+-ocache=none,
                                nocache@rust=/opt/vfsd+--cache=never+--allow-direct-io
              --require LIST    target names that must run (comma-separated, or 'all'; also
                                VFC_REQUIRE): one that cannot run fails the run with exit 1
                                instead of turning into SKIPPED verdicts
              --scenario GLOB   scenario ids to run, * within a part, ** across parts (repeatable,
                                or comma-separated); default: all
              --out DIR         where the report goes (default: vfc-report)
              --allure          also render Allure's HTML report (fetches the Allure command line
                                through Maven)
              --kill-matrix FILE  show the kill matrix of vfc mutants --out (kill-matrix.json): each
                                drill-down names the mutants its scenario kills
              --bench FILE      add a performance section from vfc bench --json FILE: a chart per
                                workload, a bar per daemon and the machine's limit
              --shard K/N       run the K-th of N parts of the scenarios (1 <= K <= N): those whose
                                id's SHA-256 is K-1 mod N, plus the smoke set every shard runs
                                (INIT, LOOKUP, GETATTR); join the shards' reports with vfc merge
              --junit FILE      also write the verdicts as JUnit XML (see vfc junit --help)
              --against RESULTS an earlier run of the same targets (a report directory, a
                                directory of results files or one results file): the report
                                lists each verdict that changed, old -> new, and marks its cell
              --baselines DIR   hold the verdicts to DIR/<target>.txt (e.g. baselines): the report
                                lists each verdict that differs from its line, and the JUnit XML
                                makes it a failure (the exit status stays the run's; vfc gate is
                                the gate)
            writes DIR/index.html, DIR/results.json, DIR/summary.md, DIR/allure-results/,
            and the per-target results in DIR/targets/
            """;


    private final PrintStream out;
    private final PrintStream err;

    CompareCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("compare", args, USAGE, out, Set.of("--target", "--require",
                "--scenario", "--out", "--kill-matrix", "--bench", "--shard", "--junit", "--against", "--baselines"),
                Set.of("--allure"));
        if (parsed.isEmpty()) {
            return 0;
        }
        Options o = parsed.get();
        Optional<Shard> shard = shard(o.one("compare", "--shard"));
        List<Scenario> scenarios = ShardSelection.of(scenarios(o.all("--scenario")), shard);
        Set<String> required = TargetSelection.requiredNames(o.all("--require").isEmpty()
                ? Optional.ofNullable(System.getenv(TargetSelection.REQUIRE_ENVIRONMENT)).orElse("")
                : String.join(",", o.all("--require")));
        List<String> specs = o.all("--target");
        if (specs.isEmpty() && System.getenv(TargetSelection.ENVIRONMENT) != null
                && !System.getenv(TargetSelection.ENVIRONMENT).isBlank()) {
            specs = java.util.Arrays.stream(System.getenv(TargetSelection.ENVIRONMENT).split(",")).map(String::strip)
                    .filter(spec -> !spec.isEmpty()).toList();
        }
        List<DaemonTarget> targets = specs.isEmpty() ? defaultTargets(required) : named(specs);
        Path outDir = Path.of(o.one("compare", "--out").orElse("vfc-report"));
        Optional<KillMatrixFile> matrix = killMatrix(o.one("compare", "--kill-matrix"));
        Optional<BenchFigures> bench = bench(o.one("compare", "--bench"));
        Map<String, Baseline> baselines = JunitCommand.baselines("compare", o.one("compare", "--baselines").map(Path::of),
                targets.stream().map(DaemonTarget::name).toList());
        UnaryOperator<ComparisonReport> heldTo = EarlierVerdicts.read(o.one("compare", "--against"),
                o.one("compare", "--baselines"), baselines);
        Optional<String> junitFile = o.one("compare", "--junit");
        Optional<String> unknown = TargetSelection.unknownRequired(targets, required);
        if (unknown.isPresent()) {
            throw new UsageError("compare: " + unknown.get());
        }
        try {
            TargetSelection.checkRequired(targets, required);
        } catch (TargetSelection.RequiredTargetUnavailable e) {
            err.println("vfc compare: " + e.getMessage());
            return 1;
        }
        try {
            return compare(new Request(scenarios, shard, targets, outDir, o.has("--allure"), matrix, bench,
                    junitFile.map(Path::of), baselines, heldTo));
        } catch (IOException e) {
            err.println("vfc compare: " + ResultsChoice.firstLine(e));
            return 1;
        }
    }

    /** The whole suite: the conformance scenarios, then the OVMF fixtures and the Linux guest. */
    static List<Scenario> all() {
        return Stream.concat(Suite.all().stream(), Fixtures.all().stream()).toList();
    }

    private static List<Scenario> scenarios(List<String> globs) throws UsageError {
        if (globs.isEmpty()) {
            return all();
        }
        for (String glob : globs) {
            if (ScenarioGlob.of(glob).filter(all()).isEmpty()) {
                throw new UsageError("compare: no scenario matches '" + glob + "' (ids look like read/large/2525712/ovmf)");
            }
        }
        return ScenarioGlob.of(String.join(",", globs)).filter(all());
    }

    /** The targets of {@code --target} options, one spec each. */
    static List<DaemonTarget> named(List<String> specs) throws UsageError {
        try {
            return Targets.all(specs);
        } catch (IllegalArgumentException e) {
            throw new UsageError("compare: " + e.getMessage());
        }
    }

    /**
     * The bundled daemon, and each peer whose availability check passes here; a required peer
     * stays in even when it cannot run, so the require check names it and its reason.
     */
    private List<DaemonTarget> defaultTargets(Set<String> required) {
        List<DaemonTarget> targets = new ArrayList<>(List.of(Targets.byName("java")));
        for (DaemonTarget peer : TargetSelection.parse(String.join(",", TargetSelection.PEERS))) {
            Availability a = peer.availability();
            if (a instanceof Availability.Available || required.contains(peer.name())
                    || required.contains(TargetSelection.ALL)) {
                targets.add(peer);
            } else {
                out.println("vfc compare: leaving out " + peer.name() + ": " + ((Availability.Unavailable) a).reason());
            }
        }
        return targets;
    }

    /** The kill matrix {@code --kill-matrix} names, read before anything runs so a bad file costs nothing. */
    private static Optional<KillMatrixFile> killMatrix(Optional<String> file) throws UsageError {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KillMatrixFile.read(Path.of(file.get())));
        } catch (IOException e) {
            throw new UsageError("compare: --kill-matrix: " + ResultsChoice.firstLine(e));
        }
    }

    /** The bench result {@code --bench} names, read before anything runs so a bad file costs nothing. */
    private static Optional<BenchFigures> bench(Optional<String> file) throws UsageError {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BenchFigures.read(Path.of(file.get())));
        } catch (IOException e) {
            throw new UsageError("compare: --bench: " + ResultsChoice.firstLine(e));
        }
    }

    /**
     * One compare, as its options asked for it.
     *
     * @param scenarios the scenarios this run (or shard) runs
     * @param baselines what the JUnit XML holds each target to, by target name
     * @param heldTo    the report held to an earlier run and the baselines ({@link EarlierVerdicts})
     */
    private record Request(List<Scenario> scenarios, Optional<Shard> shard, List<DaemonTarget> targets, Path outDir,
            boolean allure, Optional<KillMatrixFile> matrix, Optional<BenchFigures> bench, Optional<Path> junit,
            Map<String, Baseline> baselines, UnaryOperator<ComparisonReport> heldTo) {
    }

    private static Optional<Shard> shard(Optional<String> given) throws UsageError {
        try {
            return given.map(Shard::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageError("compare: --shard: " + e.getMessage());
        }
    }

    private int compare(Request q) throws IOException {
        Path results = q.outDir().resolve("targets");
        Path allureResults = q.outDir().resolve("allure-results");
        Trees.delete(results);
        Trees.delete(allureResults);
        Files.createDirectories(results);
        Path scratch = Files.createTempDirectory("vfc-compare");
        List<DaemonTarget> targets = q.targets();
        int total = q.scenarios().size() * targets.size();
        out.println("vfc compare: " + q.scenarios().size() + " scenarios × " + targets.size() + " targets ("
                + String.join(", ", targets.stream().map(DaemonTarget::name).toList()) + ")"
                + q.shard().map(s -> ", shard " + s.label()).orElse(""));
        if (q.scenarios().isEmpty()) {
            out.println("vfc compare: shard " + q.shard().map(Shard::label).orElse("") + " holds none of the scenarios"
                    + " selected; its results are empty, so vfc merge still sees the shard ran");
        }
        Progress progress = new Progress(out, total);
        Instant started = Instant.now();
        TestExecutionSummary summary;
        try {
            summary = launch(new ComparePlan(q.scenarios(), targets, scratch, results, progress), allureResults);
        } finally {
            Trees.delete(scratch);
        }
        RunInfo run = new RunInfo(SuiteRevision.of(all()), q.shard(), started, Instant.now());
        List<ResultsFile> files = new ArrayList<>();
        for (DaemonTarget t : targets) {
            Path f = results.resolve(ResultsFile.fileName(t.name()));
            if (Files.exists(f) || q.scenarios().isEmpty()) {
                ResultsFile ran = (Files.exists(f) ? ResultsFile.read(f) : new TargetResults(t, results).snapshot()).withRun(run);
                ran.write(f);
                files.add(ran);
            }
        }
        if (files.isEmpty()) {
            err.println("vfc compare: no scenario ran to a verdict");
            return 1;
        }
        ComparisonReport base = ComparisonReport.of(files);
        ComparisonReport withMatrix = q.matrix().map(base::withKillMatrix).orElse(base);
        ComparisonReport report = q.heldTo().apply(q.bench().map(withMatrix::withBench).orElse(withMatrix));
        report.write(q.outDir());
        out.println("vfc compare: " + progress.soFar());
        for (ResultsFile f : files) {
            out.println("  " + f.target().name() + ": " + report.counts(f.target().name()).describe());
        }
        EarlierVerdicts.print(report, out);
        out.println("vfc compare: report in " + q.outDir().resolve(ComparisonReport.INDEX_HTML) + " (also "
                + ComparisonReport.RESULTS_JSON + ", " + ComparisonReport.SUMMARY_MD + ", allure-results/)");
        if (q.junit().isPresent()) {
            new JunitXml(files, q.baselines()).write(q.junit().get());
            out.println("vfc compare: JUnit XML in " + q.junit().get());
        }
        if (q.allure()) {
            new AllureHtml(out, err).render(allureResults, q.outDir().resolve("allure-report"));
        }
        long broken = summary.getTotalFailureCount();
        if (broken > 0) {
            summary.getFailures().forEach(f -> err.println("vfc compare: could not run " + f.getTestIdentifier()
                    .getDisplayName() + ": " + f.getException()));
            return 1;
        }
        return 0;
    }

    private static TestExecutionSummary launch(ComparePlan plan, Path allureResults) {
        // Allure's listener takes the process-wide lifecycle when the launcher is made; point it
        // at this report first (a system property would be too late once anything used Allure).
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allureResults)));
        CompareTests.plan = plan;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(CompareTests.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        return summary.getSummary();
    }
}
