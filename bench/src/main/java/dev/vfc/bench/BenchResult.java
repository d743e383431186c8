package dev.vfc.bench;

import dev.vfc.bench.TargetRun.Column;
import dev.vfc.targets.Targets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured, for the text table and the JSON file alike.
 *
 * @param workloads  the rows, in order
 * @param columns    one per target, in the order given
 * @param limit      the machine's best for each row, without a daemon ({@link MachineLimit})
 * @param allocation heap bytes the Java daemon allocates per request, by row ({@link AllocationProbe});
 *                   empty when no Java target ran
 */
record BenchResult(List<Workload> workloads, List<Column> columns, Column limit, Map<Workload, Double> allocation) {

    static final String LIMIT = "limit";

    BenchResult {
        workloads = List.copyOf(workloads);
        columns = List.copyOf(columns);
        allocation = Map.copyOf(allocation);
    }

    /** The first column whose target is the Java daemon. */
    Optional<Column> java() {
        return columns.stream().filter(c -> Targets.byName(c.spec()).kind().equals("java")).findFirst();
    }

    /** The fastest measured figure among the columns that are not the Java daemon, for row {@code w}. */
    Optional<Double> fastestPeer(Workload w) {
        return columns.stream().filter(c -> !Targets.byName(c.spec()).kind().equals("java"))
                .map(c -> c.cells().get(w)).filter(o -> o != null).flatMap(o -> o.value().stream())
                .max(Double::compare);
    }

    boolean anyFailed() {
        return columns.stream().flatMap(c -> c.cells().values().stream()).anyMatch(o -> o instanceof Outcome.Failed)
                || limit.cells().values().stream().anyMatch(o -> o instanceof Outcome.Failed);
    }
}
