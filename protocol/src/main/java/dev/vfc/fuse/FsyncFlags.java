package dev.vfc.fuse;

/**
 * Bits of fuse_fsync_in.fsync_flags.
 */
public final class FsyncFlags {
    private FsyncFlags() {
    }

    /** FUSE_FSYNC_FDATASYNC: sync data only, not metadata. */
    public static final int FDATASYNC = 1 << 0;

    private static final FlagNames NAMES = new FlagNames()
            .add(FDATASYNC, "FDATASYNC");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
