package dev.vfc.guest;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one Linux guest run against a daemon ended: every step of {@link LinuxGuest#STEPS} in
 * order (those never reached are failed with the reason), the wall time from QEMU's start,
 * whether the guest got to its end marker, and the last serial and daemon log lines, so a
 * failure can be judged without rerunning, and the daemon's command line.
 */
public record LinuxGuestRun(List<GuestStep> steps, Duration elapsed, boolean finished, String why,
        List<String> serialTail, List<String> daemonLogTail, String daemonCommand) {

    public LinuxGuestRun {
        steps = List.copyOf(steps);
        serialTail = List.copyOf(serialTail);
        daemonLogTail = List.copyOf(daemonLogTail);
    }

    /** The steps, the outcome and both tails, for a test's output and its failure message. */
    public String describe() {
        return (finished ? "finished" : "not finished: " + why) + " after " + elapsed.toMillis() + " ms"
                + steps.stream().map(s -> "\n  " + s.describe()).collect(Collectors.joining())
                + "\n  serial:" + indented(serialTail) + "\n  daemon log:" + indented(daemonLogTail);
    }

    private static String indented(List<String> lines) {
        return lines.isEmpty() ? " (nothing)" : "\n    " + String.join("\n    ", lines);
    }
}
