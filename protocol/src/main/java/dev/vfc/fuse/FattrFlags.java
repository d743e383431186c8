package dev.vfc.fuse;

/**
 * Bits of fuse_setattr_in.valid: which SETATTR fields the kernel means to change.
 */
public final class FattrFlags {
    private FattrFlags() {
    }

    /** FATTR_MODE. */
    public static final int MODE = 1 << 0;
    /** FATTR_UID. */
    public static final int UID = 1 << 1;
    /** FATTR_GID. */
    public static final int GID = 1 << 2;
    /** FATTR_SIZE: truncate to size. */
    public static final int SIZE = 1 << 3;
    /** FATTR_ATIME. */
    public static final int ATIME = 1 << 4;
    /** FATTR_MTIME. */
    public static final int MTIME = 1 << 5;
    /** FATTR_FH: fh is valid (ftruncate and friends). */
    public static final int FH = 1 << 6;
    /** FATTR_ATIME_NOW: use the current time, not atime. */
    public static final int ATIME_NOW = 1 << 7;
    /** FATTR_MTIME_NOW: use the current time, not mtime. */
    public static final int MTIME_NOW = 1 << 8;
    /** FATTR_LOCKOWNER: lock_owner is valid. */
    public static final int LOCKOWNER = 1 << 9;
    /** FATTR_CTIME. */
    public static final int CTIME = 1 << 10;
    /** FATTR_KILL_SUIDGID: clear suid/sgid as part of the change. */
    public static final int KILL_SUIDGID = 1 << 11;

    private static final FlagNames NAMES = new FlagNames()
            .add(MODE, "MODE")
            .add(UID, "UID")
            .add(GID, "GID")
            .add(SIZE, "SIZE")
            .add(ATIME, "ATIME")
            .add(MTIME, "MTIME")
            .add(FH, "FH")
            .add(ATIME_NOW, "ATIME_NOW")
            .add(MTIME_NOW, "MTIME_NOW")
            .add(LOCKOWNER, "LOCKOWNER")
            .add(CTIME, "CTIME")
            .add(KILL_SUIDGID, "KILL_SUIDGID");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
