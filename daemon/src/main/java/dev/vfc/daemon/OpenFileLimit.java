package dev.vfc.daemon;

import dev.vfc.syscall.ResourceLimits;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code --rlimit-nofile N} at start-up, as Rust virtiofsd 1.13 (src/limits.rs
 * {@code setup_rlimit_nofile}): N sets both the soft and the hard limit to N; 0 leaves the limit
 * alone; without the option the target is min(1,000,000, /proc/sys/fs/nr_open), a soft limit of
 * 1,000,000 or more is left alone, and when the target cannot be set (no CAP_SYS_RESOURCE) both
 * limits become the hard limit.
 */
final class OpenFileLimit {

    static final long DEFAULT_NOFILE = 1_000_000;

    private OpenFileLimit() {
    }

    /** Applies the option; returns the soft limit in force afterwards. */
    static long apply(OptionalLong requested) throws IOException {
        ResourceLimits.Limit now = ResourceLimits.openFiles();
        if (requested.isPresent() && requested.getAsLong() == 0) {
            return now.soft();
        }
        // Files.readString reads procfs files short (their size is 0): read lines.
        long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/fs/nr_open")).get(0).trim());
        long target = requested.isPresent() ? requested.getAsLong() : Math.min(DEFAULT_NOFILE, max);
        if (target > max) {
            throw new IOException("--rlimit-nofile " + target + " is above fs.nr_open " + max);
        }
        if (requested.isEmpty() && DEFAULT_NOFILE <= now.soft()) {
            return now.soft();
        }
        try {
            ResourceLimits.setOpenFiles(new ResourceLimits.Limit(target, target));
        } catch (SyscallException e) {
            if (requested.isPresent()) {
                throw e;
            }
            // Unprivileged: at least go as far as the hard limit allows.
            ResourceLimits.setOpenFiles(new ResourceLimits.Limit(Math.min(target, now.hard()), now.hard()));
        }
        return ResourceLimits.openFiles().soft();
    }
}
