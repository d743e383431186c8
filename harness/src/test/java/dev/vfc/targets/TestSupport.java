package dev.vfc.targets;

import org.junit.jupiter.api.Assumptions;

final class TestSupport {

    private TestSupport() {
    }

    /** Skips the calling test, with the reason, when {@code target} cannot run here. */
    static void assumeAvailable(DaemonTarget target) {
        Availability a = target.availability();
        if (a instanceof Availability.Unavailable u) {
            System.err.println("SKIPPED: target '" + target.name() + "' unavailable: " + u.reason());
        }
        Assumptions.assumeTrue(a.isAvailable(), () -> "target '" + target.name() + "' unavailable: "
                + a.unavailableReason().orElse(""));
    }
}
