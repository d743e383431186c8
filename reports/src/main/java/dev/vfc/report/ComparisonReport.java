package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.Baseline;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.results.ResultsFile.TargetInfo;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon comparison: every target's results side by side, one row per scenario and one
 * column per daemon, conformance rows before hardening rows, written as a page a person reads ({@code index.html}), the merged data a
 * program reads ({@code results.json}) and a short table for a pull request ({@code summary.md}).
 * It only reads results; running daemons is the suite's job.
 */
public final class ComparisonReport {

    public static final String INDEX_HTML = "index.html";
    public static final String RESULTS_JSON = "results.json";
    public static final String SUMMARY_MD = "summary.md";

    private final List<ResultsFile> targets;
    private final List<ScenarioRow> rows;
    private final Instant generated;
    private final Inputs inputs;

    /** What a comparison may be given beside the results, each shown in a view of its own. */
    private record Inputs(Optional<KillMatrixFile> killMatrix, Optional<BenchFigures> bench,
            Optional<VerdictChanges> toBaselines, Optional<VerdictChanges> toEarlierRun) {
    }

    private ComparisonReport(List<ResultsFile> targets, List<ScenarioRow> rows, Instant generated, Inputs inputs) {
        this.targets = targets;
        this.rows = rows;
        this.generated = generated;
        this.inputs = inputs;
    }

    private ComparisonReport with(Inputs changed) {
        return new ComparisonReport(targets, rows, generated, changed);
    }

    /**
     * This comparison with the proof that its scenarios can fail: each drill-down names the mutants
     * the scenario kills, and the page gets the matrix ({@code vfc mutants --out}).
     */
    public ComparisonReport withKillMatrix(KillMatrixFile matrix) {
        return with(new Inputs(Optional.of(matrix), inputs.bench(), inputs.toBaselines(), inputs.toEarlierRun()));
    }

    public Optional<KillMatrixFile> killMatrix() {
        return inputs.killMatrix();
    }

    /**
     * This comparison with what the daemons cost ({@code vfc bench --json}): the page gets a
     * performance section, so conformance and speed are read side by side, not in two places.
     */
    public ComparisonReport withBench(BenchFigures figures) {
        return with(new Inputs(inputs.killMatrix(), Optional.of(figures), inputs.toBaselines(), inputs.toEarlierRun()));
    }

    public Optional<BenchFigures> bench() {
        return inputs.bench();
    }

    /**
     * This comparison held to the targets' baselines ({@code byTarget}, by target name; see
     * {@link Baseline#readDirectory}): the overview lists what moved, the matrix marks it.
     *
     * @param against where the baselines are, as the page names it
     */
    public ComparisonReport withBaselines(String against, Map<String, Baseline> byTarget) {
        VerdictChanges changes = VerdictChanges.toBaselines(against, rows, targetNames(), byTarget);
        return with(new Inputs(inputs.killMatrix(), inputs.bench(), Optional.of(changes), inputs.toEarlierRun()));
    }

    /** The cells' verdicts against the targets' baselines, when given. */
    public Optional<VerdictChanges> toBaselines() {
        return inputs.toBaselines();
    }

    /**
     * This comparison beside an earlier run of the same targets ({@code vfc compare --against}):
     * the page lists each verdict that changed, old to new, and marks its cell.
     *
     * @param against the earlier run's results, as the page names them
     */
    public ComparisonReport withEarlierRun(String against, List<ResultsFile> earlier) {
        VerdictChanges changes = VerdictChanges.toEarlierRun(against, rows, targetNames(), earlier);
        return with(new Inputs(inputs.killMatrix(), inputs.bench(), inputs.toBaselines(), Optional.of(changes)));
    }

    /** The cells' verdicts against an earlier run, when given. */
    public Optional<VerdictChanges> toEarlierRun() {
        return inputs.toEarlierRun();
    }

    /** The comparison of {@code targets}, columns in the order given, generated now. */
    public static ComparisonReport of(List<ResultsFile> targets) {
        return of(targets, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The comparison of {@code targets}, with the generation time fixed (for reproducible output).
     *
     * @throws IllegalArgumentException when there is no target, two share a name, or one lists a scenario twice
     */
    public static ComparisonReport of(List<ResultsFile> targets, Instant generated) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no targets' results");
        }
        Set<String> names = new HashSet<>();
        for (ResultsFile t : targets) {
            if (!names.add(t.target().name())) {
                throw new IllegalArgumentException("two results for target " + t.target().name()
                        + ": each daemon is one column, give it once");
            }
        }
        return new ComparisonReport(List.copyOf(targets), rowsOf(targets), generated,
                new Inputs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /**
     * Reads a {@code results.json} this class wrote back into the per-target results.
     *
     * @throws IOException naming the file and, where it applies, the target and scenario
     */
    public static List<ResultsFile> readMerged(Path file) throws IOException {
        return MergedResults.read(file);
    }

    public List<ResultsFile> targets() {
        return targets;
    }

    public List<TargetInfo> targetInfos() {
        return targets.stream().map(ResultsFile::target).toList();
    }

    /** The targets' names in column order. */
    public List<String> targetNames() {
        return targets.stream().map(t -> t.target().name()).toList();
    }

    /** The rows by the FUSE opcodes their sessions sent. */
    OpcodeIndex opcodes() {
        return OpcodeIndex.of(rows);
    }

    public Instant generated() {
        return generated;
    }

    /** The scenarios grouped by area (the suite's order of areas), in first-seen order within one. */
    public List<ScenarioRow> rows() {
        return rows;
    }

    /** The axes any row is on, conformance first. */
    public List<Axis> axes() {
        return rows.stream().map(ScenarioRow::axis).distinct().sorted().toList();
    }

    /** The rows of one axis, in report order. */
    public List<ScenarioRow> rows(Axis axis) {
        return rows.stream().filter(r -> r.axis() == axis).toList();
    }

    /** The rows where the daemons that ran the scenario did not all get the same verdict. */
    public List<ScenarioRow> disagreements() {
        return rows.stream().filter(ScenarioRow::disagrees).toList();
    }

    /** One daemon's verdict counts, per axis. */
    public AxisCounts counts(String target) {
        return targets.stream().filter(t -> t.target().name().equals(target)).findFirst()
                .map(t -> AxisCounts.of(t.results()))
                .orElseThrow(() -> new IllegalArgumentException("no target named " + target));
    }

    /** Writes {@code index.html}, {@code results.json} and {@code summary.md} into {@code outDir}, creating it. */
    public void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        MergedResults.write(outDir.resolve(RESULTS_JSON), generated, targets);
        Files.writeString(outDir.resolve(SUMMARY_MD), SummaryMarkdown.render(this), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(INDEX_HTML), HtmlPage.render(this), StandardCharsets.UTF_8);
    }

    private static List<ScenarioRow> rowsOf(List<ResultsFile> targets) {
        Map<RowKey, Map<String, ScenarioResult>> byScenario = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (ResultsFile t : targets) {
            for (ScenarioResult r : t.results()) {
                if (!seen.add(t.target().name() + "\n" + r.scenario())) {
                    throw new IllegalArgumentException("target " + t.target().name() + " has two results for scenario "
                            + r.scenario());
                }
                byScenario.computeIfAbsent(new RowKey(r.axis(), r.scenario()), k -> new LinkedHashMap<>())
                        .put(t.target().name(), r);
            }
        }
        List<ScenarioRow> rows = new ArrayList<>();
        byScenario.forEach((key, cells) -> rows.add(rowOf(key, ordered(cells, targets))));
        // List.sort is stable: within an area the rows keep the order the suite ran them in.
        rows.sort(Comparator.comparing(ScenarioRow::axis).thenComparingInt((ScenarioRow r) -> areaRank(r.area()))
                .thenComparing(ScenarioRow::area));
        return List.copyOf(rows);
    }

    /** A row is one scenario on one axis. */
    private record RowKey(Axis axis, String id) {
    }

    private static Map<String, ScenarioResult> ordered(Map<String, ScenarioResult> cells, List<ResultsFile> targets) {
        Map<String, ScenarioResult> out = new LinkedHashMap<>();
        targets.forEach(t -> {
            ScenarioResult r = cells.get(t.target().name());
            if (r != null) {
                out.put(t.target().name(), r);
            }
        });
        return out;
    }

    private static ScenarioRow rowOf(RowKey key, Map<String, ScenarioResult> cells) {
        ScenarioResult first = cells.values().iterator().next();
        String title = cells.values().stream().map(ScenarioResult::title).filter(s -> !s.isBlank()).findFirst()
                .orElse(first.title());
        String rule = cells.values().stream().map(ScenarioResult::rule).filter(s -> !s.isBlank()).findFirst()
                .orElse(first.rule());
        return new ScenarioRow(key.id(), key.axis(), title, rule, cells);
    }

    static int areaRank(String area) {
        int i = ScenarioRow.AREA_ORDER.indexOf(area);
        return i < 0 ? ScenarioRow.AREA_ORDER.size() : i;
    }
}
