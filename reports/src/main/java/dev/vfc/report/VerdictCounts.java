package dev.vfc.report;

import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How many scenarios got each verdict on one daemon (on one axis, see {@link AxisCounts}). */
public record VerdictCounts(Map<Verdict.Kind, Integer> byKind) {

    public VerdictCounts {
        EnumMap<Verdict.Kind, Integer> copy = new EnumMap<>(Verdict.Kind.class);
        for (Verdict.Kind k : Verdict.Kind.values()) {
            copy.put(k, byKind.getOrDefault(k, 0));
        }
        byKind = Collections.unmodifiableMap(copy);
    }

    public static VerdictCounts of(Collection<ScenarioResult> results) {
        Map<Verdict.Kind, Integer> counts = new EnumMap<>(Verdict.Kind.class);
        results.forEach(r -> counts.merge(r.verdict().kind(), 1, Integer::sum));
        return new VerdictCounts(counts);
    }

    public int count(Verdict.Kind kind) {
        return byKind.get(kind);
    }

    public int total() {
        return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The non-zero counts in verdict order, e.g. {@code 155 PASS, 6 NON-STRICT, 12 FAIL}. */
    public String describe() {
        return describe(List.of(Verdict.Kind.values()));
    }

    /** The non-zero counts in the order given (an axis's {@link dev.vfc.results.Severity#bestFirst}). */
    public String describe(List<Verdict.Kind> order) {
        return order.stream().filter(k -> count(k) > 0).map(k -> count(k) + " " + k.label())
                .collect(Collectors.joining(", "));
    }
}
