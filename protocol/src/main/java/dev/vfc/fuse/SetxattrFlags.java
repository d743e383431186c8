package dev.vfc.fuse;

/**
 * Bits of fuse_setxattr_in.setxattr_flags (extended layout only).
 */
public final class SetxattrFlags {
    private SetxattrFlags() {
    }

    /** FUSE_SETXATTR_ACL_KILL_SGID: clear SGID when system.posix_acl_access is set. */
    public static final int ACL_KILL_SGID = 1 << 0;

    private static final FlagNames NAMES = new FlagNames()
            .add(ACL_KILL_SGID, "ACL_KILL_SGID");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
