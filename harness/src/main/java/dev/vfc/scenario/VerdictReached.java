package dev.vfc.scenario;

import dev.vfc.results.Verdict;

/**
 * Thrown by a step of a check (INIT, LOOKUP, OPEN on the way to what the scenario is about)
 * when the verdict is already clear: the runner takes {@link #verdict()} as the scenario's.
 * It keeps set-up steps one line each instead of an if-return after every call.
 */
public final class VerdictReached extends RuntimeException {

    private final transient Verdict verdict;

    public VerdictReached(Verdict verdict) {
        super(verdict.kind().label() + ": " + verdict.detail(), null, false, false);
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
