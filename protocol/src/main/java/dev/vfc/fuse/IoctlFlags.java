package dev.vfc.fuse;

/**
 * Bits of fuse_ioctl_in.flags and fuse_ioctl_out.flags.
 */
public final class IoctlFlags {
    private IoctlFlags() {
    }

    /** FUSE_IOCTL_COMPAT: 32-bit compat ioctl on a 64-bit machine. */
    public static final int COMPAT = 1 << 0;
    /** FUSE_IOCTL_UNRESTRICTED: not restricted to well-formed ioctls; retry allowed. */
    public static final int UNRESTRICTED = 1 << 1;
    /** FUSE_IOCTL_RETRY: retry with new iovecs. */
    public static final int RETRY = 1 << 2;
    /** FUSE_IOCTL_32BIT: 32-bit ioctl. */
    public static final int BIT32 = 1 << 3;
    /** FUSE_IOCTL_DIR: is a directory. */
    public static final int DIR = 1 << 4;
    /** FUSE_IOCTL_COMPAT_X32: x32 compat ioctl (64-bit time_t). */
    public static final int COMPAT_X32 = 1 << 5;

    private static final FlagNames NAMES = new FlagNames()
            .add(COMPAT, "COMPAT")
            .add(UNRESTRICTED, "UNRESTRICTED")
            .add(RETRY, "RETRY")
            .add(BIT32, "BIT32")
            .add(DIR, "DIR")
            .add(COMPAT_X32, "COMPAT_X32");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
