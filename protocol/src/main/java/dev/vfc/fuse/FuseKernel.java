package dev.vfc.fuse;

/**
 * Protocol-wide numbers from {@code linux/fuse.h} 7.38 that belong to no single struct.
 */
public final class FuseKernel {
    private FuseKernel() {
    }

    /** FUSE_KERNEL_VERSION: the major protocol version this package speaks. */
    public static final int VERSION = 7;
    /** FUSE_KERNEL_MINOR_VERSION: the header these layouts were taken from. */
    public static final int MINOR_VERSION = 38;
    /** FUSE_ROOT_ID: node id of the mount's root, valid without a LOOKUP. */
    public static final long ROOT_ID = 1;
    /** FUSE_MIN_READ_BUFFER: smallest request buffer a daemon may offer. */
    public static final int MIN_READ_BUFFER = 8192;
    /** FUSE_MAX_NR_SECCTX: the largest fuse_secctx_header.nr_secctx; extension types are above it. */
    public static final int MAX_NR_SECCTX = 31;
    /**
     * Largest name the Linux kernel accepts in a dirent (FUSE_NAME_MAX in fs/fuse/fuse_i.h,
     * not part of the uapi header; kept here because readdir replies are checked against it).
     */
    public static final int NAME_MAX = 1024;
}
