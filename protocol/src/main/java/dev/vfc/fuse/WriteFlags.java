package dev.vfc.fuse;

/**
 * Bits of fuse_write_in.write_flags.
 */
public final class WriteFlags {
    private WriteFlags() {
    }

    /** FUSE_WRITE_CACHE: delayed write from the page cache; fh is guessed. */
    public static final int CACHE = 1 << 0;
    /** FUSE_WRITE_LOCKOWNER: lock_owner is valid. */
    public static final int LOCKOWNER = 1 << 1;
    /** FUSE_WRITE_KILL_SUIDGID: kill suid and sgid. */
    public static final int KILL_SUIDGID = 1 << 2;
    /** FUSE_WRITE_KILL_PRIV: obsolete alias of {@link #KILL_SUIDGID}. */
    public static final int KILL_PRIV = KILL_SUIDGID;

    private static final FlagNames NAMES = new FlagNames()
            .add(CACHE, "CACHE")
            .add(LOCKOWNER, "LOCKOWNER")
            .add(KILL_SUIDGID, "KILL_SUIDGID");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
