package dev.vfc.fuzzer;

import dev.vfc.results.Verdict;

/**
 * A rule a daemon broke on a fuzzed request, graded on the hardening axis (the fuzzer's requests
 * break rules binding the driver as often as not, so {@link dev.vfc.results.Axis#HARDENING}'s
 * scale applies): a death is FAIL-STOP (CRASH on the conformance axis), a silence or a dead
 * worker HANG, a used length past the writable buffers BREACH, a malformed reply NON-STRICT.
 *
 * @param rule    the rule, with its source: two violations with the same rule are the same finding
 * @param verdict the grade and what happened
 */
public record Violation(String rule, Verdict verdict) {

    /** Whether the daemon cannot go on (it died or hangs), or wrote where it must not: a finding to save and minimise. */
    public boolean isFinding() {
        return switch (verdict.kind()) {
            case FAIL_STOP, HANG, BREACH -> true;
            default -> false;
        };
    }

    /** Whether the daemon is gone or stuck, so the campaign must start a fresh one. */
    public boolean endsTheDaemon() {
        return verdict.kind() == Verdict.Kind.FAIL_STOP || verdict.kind() == Verdict.Kind.HANG;
    }
}
