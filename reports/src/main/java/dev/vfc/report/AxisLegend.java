package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.Verdict;

/**
 * What each axis asks and what each of its verdicts means, in the words the report's legend,
 * its drill-down and summary.md use: one sentence per axis, a few words per verdict.
 */
final class AxisLegend {

    private AxisLegend() {
    }

    /** {@code Conformance} or {@code Hardening}: a heading. */
    static String title(Axis axis) {
        String label = axis.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** The axis in one line: which requests it sends and what its worst grade means. */
    static String explains(Axis axis) {
        return switch (axis) {
            case CONFORMANCE -> "requests a conforming driver may send; FAIL = a rule binding the daemon was broken";
            case HARDENING -> "requests that break a rule binding the driver; virtio 1.3 §2.1.2 lets the device stop;"
                    + " the grade says how it reacted";
        };
    }

    /** One verdict on one axis in a few words (NON-STRICT means a little different on each). */
    static String meaning(Axis axis, Verdict.Kind kind) {
        return switch (kind) {
            case PASS -> "did what the rule requires";
            case NON_STRICT -> axis == Axis.HARDENING ? "contained, but accepted what it should have refused"
                    : "allowed, but not what the rule prefers (a SHOULD missed)";
            case UNSUPPORTED -> "ENOSYS where the rule allows it";
            case FAIL -> "a rule binding the daemon was broken: expected vs got";
            case TIMEOUT -> "stopped answering legal requests within the deadline";
            case CRASH -> "died on legal requests";
            case SKIPPED -> "not run: a prerequisite is missing";
            case CONTAINED -> "answered with an errno or dropped the chain, and kept serving";
            case FAIL_STOP -> "exited or reset the device, and wrote nothing where it must not";
            case HANG -> "process alive but silent (a worker died): a guest would hang";
            case BREACH -> "wrote outside the writable buffers or guest memory, returned more than asked,"
                    + " or reached outside the share";
        };
    }
}
