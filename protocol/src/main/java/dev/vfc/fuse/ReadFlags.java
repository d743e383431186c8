package dev.vfc.fuse;

/**
 * Bits of fuse_read_in.read_flags.
 */
public final class ReadFlags {
    private ReadFlags() {
    }

    /** FUSE_READ_LOCKOWNER: lock_owner is valid. */
    public static final int LOCKOWNER = 1 << 1;

    private static final FlagNames NAMES = new FlagNames()
            .add(LOCKOWNER, "LOCKOWNER");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
