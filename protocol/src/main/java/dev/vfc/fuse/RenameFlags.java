package dev.vfc.fuse;

/**
 * renameat2(2) flags carried in fuse_rename2_in.flags.
 */
public final class RenameFlags {
    private RenameFlags() {
    }

    /** RENAME_NOREPLACE: fail with EEXIST rather than replace. */
    public static final int NOREPLACE = 1 << 0;
    /** RENAME_EXCHANGE: swap the two names atomically. */
    public static final int EXCHANGE = 1 << 1;
    /** RENAME_WHITEOUT: leave an overlayfs whiteout at the source. */
    public static final int WHITEOUT = 1 << 2;

    private static final FlagNames NAMES = new FlagNames()
            .add(NOREPLACE, "NOREPLACE")
            .add(EXCHANGE, "EXCHANGE")
            .add(WHITEOUT, "WHITEOUT");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
