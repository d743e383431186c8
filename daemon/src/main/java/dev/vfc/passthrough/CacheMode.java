package dev.vfc.passthrough;

import dev.vfc.fuse.FopenFlags;

/**
 * How long the guest may trust what it was told, as the Rust virtiofsd's {@code --cache}:
 * entry and attribute timeouts of 1 s (auto), 86400 s (always) or 0 (never), and the
 * matching FOPEN_* flags on open.
 */
public enum CacheMode {
    /** 1 s timeouts; the guest revalidates often, so host-side changes show up quickly. */
    AUTO(1),
    /** 86400 s timeouts and KEEP_CACHE / CACHE_DIR: only when nothing else changes the share. */
    ALWAYS(86_400),
    /** 0 s timeouts and DIRECT_IO: every access goes to the daemon. */
    NEVER(0);

    private final long timeoutSeconds;

    CacheMode(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** entry_valid and attr_valid, in seconds. */
    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    /** FOPEN_* flags for OPEN and CREATE replies. */
    int fileOpenFlags() {
        return switch (this) {
            case AUTO -> 0;
            case ALWAYS -> FopenFlags.KEEP_CACHE;
            case NEVER -> FopenFlags.DIRECT_IO;
        };
    }

    /** FOPEN_* flags for OPENDIR replies. */
    int directoryOpenFlags() {
        return this == ALWAYS ? FopenFlags.CACHE_DIR : 0;
    }
}
