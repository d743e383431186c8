package dev.vfc.scenario;

import dev.vfc.results.Verdict;
import java.util.List;

/**
 * How a real-guest check ended: the verdict, what the guest showed (serial console lines, the
 * steps it reported) in place of a FUSE transcript, the daemon's last log lines, and the daemon's
 * command line as it was started.
 */
public record GuestOutcome(Verdict verdict, String transcript, List<String> daemonLog, String daemonCommand) {

    public GuestOutcome {
        daemonLog = List.copyOf(daemonLog);
    }

    /** A guest that cannot run here (QEMU, OVMF or the guest image missing): SKIPPED with the reason. */
    public static GuestOutcome skipped(String reason) {
        return new GuestOutcome(new Verdict.Skipped(reason), "", List.of(), "");
    }
}
