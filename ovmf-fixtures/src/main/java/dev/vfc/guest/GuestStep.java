package dev.vfc.guest;

import java.util.Objects;

/**
 * One step of the guest's file workload as the serial console reported it (or did not):
 * {@code detail} carries the guest's reason for a failure, its note on success (a sha256,
 * the time the step took), or "not reached: ..." when the run ended before the step.
 */
public record GuestStep(String name, boolean ok, String detail) {

    public GuestStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    /** A step the guest never reported, because the run ended first for {@code why}. */
    public static GuestStep notReached(String name, String why) {
        return new GuestStep(name, false, "not reached: " + why);
    }

    /** One line for logs: "OK   read-back sha256=... (0.42 s)". */
    public String describe() {
        return (ok ? "OK   " : "FAIL ") + name + (detail.isEmpty() ? "" : " " + detail);
    }
}
