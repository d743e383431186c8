package dev.vfc.fuse;

/**
 * Bits of fuse_getattr_in.getattr_flags.
 */
public final class GetattrFlags {
    private GetattrFlags() {
    }

    /** FUSE_GETATTR_FH: fh is valid (fstat). */
    public static final int FH = 1 << 0;

    private static final FlagNames NAMES = new FlagNames()
            .add(FH, "FH");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
