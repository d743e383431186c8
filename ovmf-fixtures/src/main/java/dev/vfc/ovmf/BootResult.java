package dev.vfc.ovmf;

import java.time.Duration;
import java.util.List;

/**
 * How a real boot ended: whether GRUB's prompt showed on serial and how long it took, and
 * the last serial and daemon log lines for the verdict's detail.
 */
public record BootResult(boolean reachedPrompt, Duration elapsed, String why, List<String> serialTail,
        List<String> daemonLogTail) {

    public String describe() {
        return (reachedPrompt ? "grub> after " + elapsed.toMillis() + " ms" : "no grub> : " + why)
                + "\n  serial:\n    " + String.join("\n    ", serialTail)
                + "\n  daemon log:\n    " + String.join("\n    ", daemonLogTail);
    }
}
