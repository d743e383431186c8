package dev.vfc.fuse;

/**
 * INIT flags from fuse.h 7.38 as one 64-bit set: bits 0..31 travel in {@code flags},
 * bits 32..63 in {@code flags2} (shifted down by 32), and flags2 only counts when
 * {@link #INIT_EXT} is set. FUSE_CREATE_SUPP_GROUP and FUSE_DIRECT_IO_ALLOW_MMAP are
 * newer than 7.38 and absent.
 */
public final class FuseInitFlags {
    private FuseInitFlags() {
    }

    public static final long ASYNC_READ = 1L << 0;
    public static final long POSIX_LOCKS = 1L << 1;
    public static final long FILE_OPS = 1L << 2;
    public static final long ATOMIC_O_TRUNC = 1L << 3;
    public static final long EXPORT_SUPPORT = 1L << 4;
    public static final long BIG_WRITES = 1L << 5;
    public static final long DONT_MASK = 1L << 6;
    public static final long SPLICE_WRITE = 1L << 7;
    public static final long SPLICE_MOVE = 1L << 8;
    public static final long SPLICE_READ = 1L << 9;
    public static final long FLOCK_LOCKS = 1L << 10;
    public static final long HAS_IOCTL_DIR = 1L << 11;
    public static final long AUTO_INVAL_DATA = 1L << 12;
    public static final long DO_READDIRPLUS = 1L << 13;
    public static final long READDIRPLUS_AUTO = 1L << 14;
    public static final long ASYNC_DIO = 1L << 15;
    public static final long WRITEBACK_CACHE = 1L << 16;
    public static final long NO_OPEN_SUPPORT = 1L << 17;
    public static final long PARALLEL_DIROPS = 1L << 18;
    public static final long HANDLE_KILLPRIV = 1L << 19;
    public static final long POSIX_ACL = 1L << 20;
    public static final long ABORT_ERROR = 1L << 21;
    public static final long MAX_PAGES = 1L << 22;
    public static final long CACHE_SYMLINKS = 1L << 23;
    public static final long NO_OPENDIR_SUPPORT = 1L << 24;
    public static final long EXPLICIT_INVAL_DATA = 1L << 25;
    public static final long MAP_ALIGNMENT = 1L << 26;
    public static final long SUBMOUNTS = 1L << 27;
    public static final long HANDLE_KILLPRIV_V2 = 1L << 28;
    public static final long SETXATTR_EXT = 1L << 29;
    public static final long INIT_EXT = 1L << 30;
    public static final long INIT_RESERVED = 1L << 31;
    public static final long SECURITY_CTX = 1L << 32;
    public static final long HAS_INODE_DAX = 1L << 33;
    public static final long HAS_EXPIRE_ONLY = 1L << 35;

    private static final FlagNames NAMES = new FlagNames()
            .add(ASYNC_READ, "ASYNC_READ").add(POSIX_LOCKS, "POSIX_LOCKS").add(FILE_OPS, "FILE_OPS")
            .add(ATOMIC_O_TRUNC, "ATOMIC_O_TRUNC").add(EXPORT_SUPPORT, "EXPORT_SUPPORT")
            .add(BIG_WRITES, "BIG_WRITES").add(DONT_MASK, "DONT_MASK").add(SPLICE_WRITE, "SPLICE_WRITE")
            .add(SPLICE_MOVE, "SPLICE_MOVE").add(SPLICE_READ, "SPLICE_READ").add(FLOCK_LOCKS, "FLOCK_LOCKS")
            .add(HAS_IOCTL_DIR, "HAS_IOCTL_DIR").add(AUTO_INVAL_DATA, "AUTO_INVAL_DATA")
            .add(DO_READDIRPLUS, "DO_READDIRPLUS").add(READDIRPLUS_AUTO, "READDIRPLUS_AUTO")
            .add(ASYNC_DIO, "ASYNC_DIO").add(WRITEBACK_CACHE, "WRITEBACK_CACHE")
            .add(NO_OPEN_SUPPORT, "NO_OPEN_SUPPORT").add(PARALLEL_DIROPS, "PARALLEL_DIROPS")
            .add(HANDLE_KILLPRIV, "HANDLE_KILLPRIV").add(POSIX_ACL, "POSIX_ACL").add(ABORT_ERROR, "ABORT_ERROR")
            .add(MAX_PAGES, "MAX_PAGES").add(CACHE_SYMLINKS, "CACHE_SYMLINKS")
            .add(NO_OPENDIR_SUPPORT, "NO_OPENDIR_SUPPORT").add(EXPLICIT_INVAL_DATA, "EXPLICIT_INVAL_DATA")
            .add(MAP_ALIGNMENT, "MAP_ALIGNMENT").add(SUBMOUNTS, "SUBMOUNTS")
            .add(HANDLE_KILLPRIV_V2, "HANDLE_KILLPRIV_V2").add(SETXATTR_EXT, "SETXATTR_EXT")
            .add(INIT_EXT, "INIT_EXT").add(INIT_RESERVED, "INIT_RESERVED").add(SECURITY_CTX, "SECURITY_CTX")
            .add(HAS_INODE_DAX, "HAS_INODE_DAX").add(HAS_EXPIRE_ONLY, "HAS_EXPIRE_ONLY");

    /** E.g. {@code ASYNC_READ|INIT_EXT|SECURITY_CTX|0x4000000000}; {@code 0} when empty. */
    public static String describe(long flags) {
        return NAMES.describe(flags);
    }

    /** The low half, as it goes in the {@code flags} field. */
    public static int low(long flags) {
        return (int) flags;
    }

    /** The high half, as it goes in the {@code flags2} field. */
    public static int high(long flags) {
        return (int) (flags >>> 32);
    }

    /**
     * Joins the two wire fields the way the kernel and libfuse do: {@code flags2} is only
     * honoured when {@code flags} carries INIT_EXT.
     */
    public static long combine(int flags, int flags2) {
        long all = Integer.toUnsignedLong(flags);
        if ((all & INIT_EXT) != 0) {
            all |= Integer.toUnsignedLong(flags2) << 32;
        }
        return all;
    }
}
