package dev.vfc.suite;

import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import java.util.Optional;

/**
 * "And it keeps serving": after the request under test, the daemon must still be alive and
 * answer a plain GETATTR of the root. One probe for both axes; only the grade of a lapse differs.
 * On the conformance axis a daemon that died is CRASH and one that no longer serves is FAIL (the
 * request was legal). On the hardening axis both are FAIL-STOP: the daemon stopped serving the
 * share, which virtio 1.3 §2.1.2 allows a device that met a driver's error ("The device SHOULD
 * set DEVICE_NEEDS_RESET when it enters an error state that a reset is needed").
 */
public final class Serving {

    /** How the daemon failed the probe. */
    sealed interface Lapse {
        String describe();

        record Died(String how) implements Lapse {
            public String describe() {
                return how;
            }
        }

        record Refused(int error) implements Lapse {
            public String describe() {
                return "alive, but GETATTR of the root now answers " + Errno.describe(error);
            }
        }
    }

    private Serving() {
    }

    /** The probe: empty when the daemon is alive and GETATTR of the root succeeds. */
    static Optional<Lapse> probe(ScenarioContext c) {
        if (!c.daemonAlive()) {
            return Optional.of(new Lapse.Died(c.session().death().orElse("died")));
        }
        FuseReply<?> r = c.fuse().getattr(1);
        if (!r.isOk()) {
            return Optional.of(new Lapse.Refused(r.error()));
        }
        return Optional.empty();
    }

    /**
     * Conformance: {@code outcome} when the daemon still serves; CRASH when it died; FAIL when it
     * answers but no longer serves the root (the request's own outcome appended).
     */
    public static Verdict conformance(ScenarioContext c, Verdict outcome) {
        Optional<Lapse> lapse = probe(c);
        if (lapse.isEmpty()) {
            return outcome;
        }
        if (lapse.get() instanceof Lapse.Died died) {
            return new Verdict.Crash(died.how());
        }
        return Verdict.fail("GETATTR of the root to succeed afterwards", lapse.get().describe() + " (the request "
                + "itself: " + outcome.kind().label() + " " + outcome.detail() + ")");
    }

    /** Conformance, for checks with nothing of their own to report: null while the daemon serves. */
    public static Verdict conformance(ScenarioContext c) {
        Optional<Lapse> lapse = probe(c);
        return lapse.isEmpty() ? null : conformance(c, Verdict.pass("served"));
    }

    /**
     * Hardening: {@code grade} when the daemon still serves; FAIL-STOP when it died or stopped
     * serving the root. A BREACH stands whatever happened after it.
     */
    public static Verdict hardening(ScenarioContext c, Verdict grade) {
        if (grade.kind() == Verdict.Kind.BREACH) {
            return grade;
        }
        Optional<Lapse> lapse = probe(c);
        if (lapse.isEmpty()) {
            return grade;
        }
        return Verdict.failStop(lapse.get().describe() + " (the request itself: " + grade.kind().label() + " "
                + grade.detail() + ")");
    }
}
