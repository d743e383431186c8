package dev.vfc.results;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How bad a verdict is on its axis's scale, so a changed verdict can be called a regression or
 * an improvement, and reports can list and colour each scale from best to worst.
 *
 * <p>Conformance: PASS, then the outcomes a rule allows but does not prefer (NON-STRICT,
 * UNSUPPORTED), then FAIL (a MUST broken), then the daemon hanging or dying on legal input
 * (TIMEOUT, CRASH). Hardening: CONTAINED, then NON-STRICT (contained, but accepted what it should
 * have refused), FAIL-STOP (stopped, which virtio 1.3 §2.1.2 allows a device that meets a driver
 * error), HANG (alive but silent: the guest waits forever) and BREACH (wrote or reached where it
 * must not), worst. SKIPPED is on neither ladder: nothing was judged.
 */
public final class Severity {

    private static final List<Verdict.Kind> CONFORMANCE = List.of(Verdict.Kind.PASS, Verdict.Kind.NON_STRICT,
            Verdict.Kind.UNSUPPORTED, Verdict.Kind.FAIL, Verdict.Kind.TIMEOUT, Verdict.Kind.CRASH, Verdict.Kind.SKIPPED);
    private static final List<Verdict.Kind> HARDENING = List.of(Verdict.Kind.CONTAINED, Verdict.Kind.NON_STRICT,
            Verdict.Kind.FAIL_STOP, Verdict.Kind.HANG, Verdict.Kind.BREACH, Verdict.Kind.SKIPPED);

    private Severity() {
    }

    /** The axis's verdicts from best to worst, SKIPPED last: the order of columns, chips and legends. */
    public static List<Verdict.Kind> bestFirst(Axis axis) {
        return axis == Axis.HARDENING ? HARDENING : CONFORMANCE;
    }

    /** The axis's best verdict: PASS or CONTAINED. */
    public static Verdict.Kind best(Axis axis) {
        return bestFirst(axis).get(0);
    }

    /**
     * The verdict's rung on its axis's ladder, 0 for the best; equal rungs are different but
     * neither worse (NON-STRICT and UNSUPPORTED; TIMEOUT and CRASH, both a daemon lost on legal
     * input). Empty for SKIPPED and for a verdict not on the axis's scale.
     */
    public static OptionalInt rank(Axis axis, Verdict.Kind kind) {
        if (kind == Verdict.Kind.SKIPPED || !axis.allows(kind)) {
            return OptionalInt.empty();
        }
        if (axis == Axis.HARDENING) {
            return OptionalInt.of(HARDENING.indexOf(kind));
        }
        return OptionalInt.of(switch (kind) {
            case PASS -> 0;
            case NON_STRICT, UNSUPPORTED -> 1;
            case FAIL -> 2;
            default -> 3;
        });
    }

    /** The axis a verdict can only be on, or empty for NON-STRICT and SKIPPED, which both scales use. */
    public static Optional<Axis> onlyAxisOf(Verdict.Kind kind) {
        boolean conformance = Axis.CONFORMANCE.allows(kind);
        boolean hardening = Axis.HARDENING.allows(kind);
        if (conformance == hardening) {
            return Optional.empty();
        }
        return Optional.of(conformance ? Axis.CONFORMANCE : Axis.HARDENING);
    }
}
