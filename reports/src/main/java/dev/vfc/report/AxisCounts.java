package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Severity;
import dev.vfc.results.Verdict;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One daemon's verdict counts kept apart by axis: a conformance PASS and a hardening CONTAINED are
 * answers to different questions, so they are never added up. The report's column headers, the
 * summary's tables, the compare progress line and the gate's summary all say it this way.
 */
public record AxisCounts(Map<Axis, VerdictCounts> byAxis) {

    public AxisCounts {
        EnumMap<Axis, VerdictCounts> copy = new EnumMap<>(Axis.class);
        for (Axis a : Axis.values()) {
            copy.put(a, byAxis.getOrDefault(a, new VerdictCounts(Map.of())));
        }
        byAxis = Collections.unmodifiableMap(copy);
    }

    public static AxisCounts of(Collection<ScenarioResult> results) {
        Map<Axis, VerdictCounts> counts = new EnumMap<>(Axis.class);
        results.stream().collect(Collectors.groupingBy(ScenarioResult::axis))
                .forEach((axis, list) -> counts.put(axis, VerdictCounts.of(list)));
        return new AxisCounts(counts);
    }

    public VerdictCounts of(Axis axis) {
        return byAxis.get(axis);
    }

    /** The axes that have any result, conformance first. */
    public List<Axis> present() {
        return byAxis.entrySet().stream().filter(e -> e.getValue().total() > 0).map(Map.Entry::getKey).toList();
    }

    /**
     * Each axis that has results with its non-zero counts from best to worst, e.g.
     * {@code conformance: 170 PASS, 3 FAIL · hardening: 30 CONTAINED, 5 FAIL-STOP}.
     */
    public String describe() {
        return present().stream().map(a -> a.label() + ": " + byAxis.get(a).describe(Severity.bestFirst(a)))
                .collect(Collectors.joining(" · "));
    }

    /** The count of one verdict on one axis. */
    public int count(Axis axis, Verdict.Kind kind) {
        return byAxis.get(axis).count(kind);
    }
}
