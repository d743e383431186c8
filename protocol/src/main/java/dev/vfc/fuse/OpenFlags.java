package dev.vfc.fuse;

/**
 * Bits of fuse_open_in.open_flags and fuse_create_in.open_flags (FUSE_OPEN_*),
 * as opposed to the open(2) flags beside them.
 */
public final class OpenFlags {
    private OpenFlags() {
    }

    /** FUSE_OPEN_KILL_SUIDGID: kill suid and sgid if executable (O_TRUNC by an unprivileged caller). */
    public static final int KILL_SUIDGID = 1 << 0;

    private static final FlagNames NAMES = new FlagNames()
            .add(KILL_SUIDGID, "KILL_SUIDGID");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
