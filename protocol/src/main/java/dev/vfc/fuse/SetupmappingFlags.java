package dev.vfc.fuse;

/**
 * Bits of fuse_setupmapping_in.flags (a u64).
 */
public final class SetupmappingFlags {
    private SetupmappingFlags() {
    }

    /** FUSE_SETUPMAPPING_FLAG_WRITE: map for writing. */
    public static final long WRITE = 1L << 0;
    /** FUSE_SETUPMAPPING_FLAG_READ: map for reading. */
    public static final long READ = 1L << 1;

    private static final FlagNames NAMES = new FlagNames()
            .add(WRITE, "WRITE")
            .add(READ, "READ");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(long flags) {
        return NAMES.describe(flags);
    }
}
