package dev.vfc.fuse;

/**
 * Bits of fuse_release_in.release_flags.
 */
public final class ReleaseFlags {
    private ReleaseFlags() {
    }

    /** FUSE_RELEASE_FLUSH: flush before releasing. */
    public static final int FLUSH = 1 << 0;
    /** FUSE_RELEASE_FLOCK_UNLOCK: drop flock locks held by lock_owner. */
    public static final int FLOCK_UNLOCK = 1 << 1;

    private static final FlagNames NAMES = new FlagNames()
            .add(FLUSH, "FLUSH")
            .add(FLOCK_UNLOCK, "FLOCK_UNLOCK");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
