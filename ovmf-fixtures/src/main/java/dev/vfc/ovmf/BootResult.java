package dev.vfc.ovmf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a real boot ended: whether GRUB's prompt showed on serial and how long it took, the last
 * serial and daemon log lines for the verdict's detail, and where the daemon's whole log is
 * (the C daemon's {@code -d} log is what traces are recorded from).
 */
public record BootResult(boolean reachedPrompt, Duration elapsed, String why, List<String> serialTail,
        List<String> daemonLogTail, String daemonCommand, Path daemonLog) {

    public String describe() {
        return (reachedPrompt ? "grub> after " + elapsed.toMillis() + " ms" : "no grub> : " + why)
                + "\n  serial:\n    " + String.join("\n    ", serialTail)
                + "\n  daemon log:\n    " + String.join("\n    ", daemonLogTail);
    }
}
