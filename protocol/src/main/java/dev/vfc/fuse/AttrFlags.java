package dev.vfc.fuse;

/**
 * Bits of fuse_attr.flags.
 */
public final class AttrFlags {
    private AttrFlags() {
    }

    /** FUSE_ATTR_SUBMOUNT: the object is a submount root. */
    public static final int SUBMOUNT = 1 << 0;
    /** FUSE_ATTR_DAX: enable DAX for this file in per-inode DAX mode. */
    public static final int DAX = 1 << 1;

    private static final FlagNames NAMES = new FlagNames()
            .add(SUBMOUNT, "SUBMOUNT")
            .add(DAX, "DAX");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
