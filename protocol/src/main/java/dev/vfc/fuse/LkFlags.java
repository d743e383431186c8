package dev.vfc.fuse;

/**
 * Bits of fuse_lk_in.lk_flags.
 */
public final class LkFlags {
    private LkFlags() {
    }

    /** FUSE_LK_FLOCK: a BSD flock, not a POSIX lock. */
    public static final int FLOCK = 1 << 0;

    private static final FlagNames NAMES = new FlagNames()
            .add(FLOCK, "FLOCK");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
