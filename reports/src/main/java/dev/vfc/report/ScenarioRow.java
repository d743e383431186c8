package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scenario on one axis across every compared daemon: a row of the report's matrix. A daemon
 * that did not run the scenario has no result here (a blank cell), which is not a verdict of its
 * own. Results of one id on two axes (files from suite versions before and after the scenario
 * moved) are two rows, one per axis: their verdicts are on different scales and are not compared.
 *
 * @param axis     the scale every verdict in this row is on
 * @param byTarget the results keyed by target name, in the report's column order
 */
public record ScenarioRow(String id, Axis axis, String title, String rule, Map<String, ScenarioResult> byTarget) {

    /** The areas in the order the suite presents them; areas not listed follow, by name. */
    static final List<String> AREA_ORDER =
            List.of("read", "sizing", "metadata", "init", "lifecycle", "robustness", "path-safety", "ovmf", "linux");

    public ScenarioRow {
        byTarget = Collections.unmodifiableMap(new LinkedHashMap<>(byTarget));
    }

    /** The first part of the id ({@code read} for {@code read/large/4096/ovmf}): rows are grouped by it. */
    public String area() {
        return areaOf(id);
    }

    static String areaOf(String scenarioId) {
        int slash = scenarioId.indexOf('/');
        return slash < 0 ? scenarioId : scenarioId.substring(0, slash);
    }

    public Optional<ScenarioResult> result(String target) {
        return Optional.ofNullable(byTarget.get(target));
    }

    /** The distinct verdicts the daemons that ran this scenario got. */
    public Set<Verdict.Kind> verdicts() {
        Set<Verdict.Kind> kinds = EnumSet.noneOf(Verdict.Kind.class);
        byTarget.values().forEach(r -> kinds.add(r.verdict().kind()));
        return kinds;
    }

    /**
     * Whether the daemons disagree: more than one verdict among those that ran it. A missing
     * result does not count, so adding a daemon that skips an area does not flag every row.
     */
    public boolean disagrees() {
        return verdicts().size() > 1;
    }
}
