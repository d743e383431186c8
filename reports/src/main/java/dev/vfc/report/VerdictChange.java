package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.Baseline;
import dev.vfc.results.Verdict;
import java.util.Optional;

/**
 * One cell of the matrix whose verdict is not the one it had before: before is a baseline line
 * or an earlier run of the same target.
 *
 * @param was  the earlier verdict
 * @param now  the verdict of this run
 * @param kind which way it moved on the axis's ladder ({@link Baseline#direction}), or that the
 *     earlier verdict is on the other axis's scale (the scenario moved axes)
 */
public record VerdictChange(String target, String scenario, Axis axis, Verdict.Kind was, Verdict.Kind now,
        Baseline.ChangeKind kind) {

    /** The earlier verdict of a cell compared with its verdict now, or nothing when they are the same. */
    static Optional<VerdictChange> of(String target, String scenario, Axis axis, Verdict.Kind was,
            Verdict.Kind now) {
        if (was == now) {
            return Optional.empty();
        }
        Baseline.ChangeKind kind = axis.allows(was) ? Baseline.direction(axis, was, now) : Baseline.ChangeKind.WRONG_AXIS;
        return Optional.of(new VerdictChange(target, scenario, axis, was, now, kind));
    }

    /** The word the page marks the change with: worse, better, changed, or other axis. */
    public String direction() {
        return switch (kind) {
            case REGRESSION -> "worse";
            case IMPROVEMENT, UNEXPECTED_BEST -> "better";
            case CHANGED, NEW -> "changed";
            case WRONG_AXIS -> "other axis";
        };
    }
}
