package dev.vfc.report;

import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every cell of the matrix held to what came before it, the question after a patch ("did it change
 * anything?") or before a merge ("does this differ from what we expect?"). Before is either the
 * targets' baselines or an earlier run of the same targets ({@code vfc compare --against}).
 *
 * @param against        what the cells were held to, as a person names it (a directory, a file)
 * @param changes        the cells whose verdict differs, in the matrix's order (row, then column)
 * @param compared       how many cells had an earlier verdict to be held to
 * @param unmatched      how many cells had none: a scenario not in the earlier run, or with no
 *     baseline line
 * @param missingTargets the targets of this run with nothing to be held to (no baseline file, not
 *     in the earlier run); their cells are neither compared nor unmatched
 */
public record VerdictChanges(String against, List<VerdictChange> changes, int compared, int unmatched,
        List<String> missingTargets) {

    public VerdictChanges {
        changes = List.copyOf(changes);
        missingTargets = List.copyOf(missingTargets);
    }

    /** Each target's earlier verdict of a scenario id; a target with none at all is not a key. */
    private interface Lookup extends Function<String, Optional<Verdict.Kind>> {
    }

    /** The cells of {@code rows} held to each target's baseline ({@code byTarget}, keyed by target name). */
    static VerdictChanges toBaselines(String against, List<ScenarioRow> rows, List<String> targets,
            Map<String, Baseline> byTarget) {
        Map<String, Lookup> earlier = new LinkedHashMap<>();
        byTarget.forEach((target, b) -> earlier.put(target, scenario -> b.expected(scenario).map(Baseline.Line::verdict)));
        return of(against, rows, targets, earlier);
    }

    /** The cells of {@code rows} held to an earlier run's results, target by target name. */
    static VerdictChanges toEarlierRun(String against, List<ScenarioRow> rows, List<String> targets,
            List<ResultsFile> run) {
        Map<String, Lookup> earlier = new LinkedHashMap<>();
        for (ResultsFile f : run) {
            Map<String, Verdict.Kind> verdicts = f.results().stream()
                    .collect(Collectors.toMap(ScenarioResult::scenario, r -> r.verdict().kind(), (a, b) -> a));
            earlier.put(f.target().name(), scenario -> Optional.ofNullable(verdicts.get(scenario)));
        }
        return of(against, rows, targets, earlier);
    }

    private static VerdictChanges of(String against, List<ScenarioRow> rows, List<String> targets,
            Map<String, Lookup> earlier) {
        List<VerdictChange> changes = new ArrayList<>();
        int compared = 0;
        int unmatched = 0;
        for (ScenarioRow row : rows) {
            for (String target : targets) {
                Optional<ScenarioResult> now = row.result(target);
                Lookup lookup = earlier.get(target);
                if (now.isEmpty() || lookup == null) {
                    continue;
                }
                Optional<Verdict.Kind> was = lookup.apply(row.id());
                if (was.isEmpty()) {
                    unmatched++;
                    continue;
                }
                compared++;
                VerdictChange.of(target, row.id(), row.axis(), was.get(), now.get().verdict().kind())
                        .ifPresent(changes::add);
            }
        }
        List<String> missing = targets.stream().filter(t -> !earlier.containsKey(t)).toList();
        return new VerdictChanges(against, changes, compared, unmatched, missing);
    }
}
