package dev.vfc.syscall;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;

/**
 * File system calls with plain Java types at the edge, for the daemon's passthrough
 * filesystem: everything relative to a directory descriptor (usually an O_PATH one), nothing
 * that follows a symlink unless the caller asks.
 *
 * <p>Names and paths are raw bytes without the terminating NUL (Linux names are bytes); a
 * name that contains a NUL byte is refused with EINVAL before any call, since C would
 * silently cut it short. Every failure is a {@link SyscallException} carrying errno. Struct
 * layouts are x86_64 Linux and are read into records ({@link FileStat}, {@link VfsStat},
 * {@link DirEntry}) before returning, so no native buffer escapes; the buffers are
 * per-thread, so calls are safe from many threads at once.
 */
public final class PosixFiles {

    static final FileLibC FILES = LibraryLoader.create(FileLibC.class).load("c");

    // open(2) flags, x86_64 (octal, as in the kernel headers).
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_ACCMODE = 03;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;
    /** O_TMPFILE is {@code __O_TMPFILE | O_DIRECTORY}; this is the {@code __O_TMPFILE} bit alone. */
    public static final int O_TMPFILE_BIT = 020000000;

    // *at() flags.
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EACCESS = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_EMPTY_PATH = 0x1000;

    // openat2(2) resolve flags (struct open_how.resolve).
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;

    // st_mode file types.
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 060000;
    public static final int S_IFDIR = 040000;
    public static final int S_IFCHR = 020000;
    public static final int S_IFIFO = 010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;

    // lseek(2) whence.
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    /** utimensat(2) tv_nsec values: set to now, leave alone. */
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;

    // access(2) modes.
    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    // renameat2(2) flags.
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;
    public static final int RENAME_WHITEOUT = 4;

    // setxattr(2) flags and limits.
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;
    /** XATTR_SIZE_MAX and XATTR_LIST_MAX: no value or name list is longer. */
    public static final int XATTR_MAX = 65536;

    /** unshare(2): give this thread its own cwd, root and umask. */
    public static final int CLONE_FS = 0x200;

    // errno values the callers of this class branch on.
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int E2BIG = 7;
    public static final int EXDEV = 18;

    private static final long SYS_OPENAT2 = 437;
    private static final int OPEN_HOW_SIZE = 24; // struct open_how {u64 flags@0; u64 mode@8; u64 resolve@16;}
    private static final int STAT_SIZE = 144;
    private static final int STATVFS_SIZE = 112;
    private static final int TIMESPEC_PAIR_SIZE = 32; // two struct timespec {s64 tv_sec; s64 tv_nsec;}
    private static final int LINK_BUFFER = 8192; // more than PATH_MAX, so a full buffer means too long
    private static final int DIRENT_BUFFER = 32 * 1024;
    private static final byte[] EMPTY = {0};
    /** The empty name of a call on the descriptor itself (AT_EMPTY_PATH). */
    private static final byte[] NO_NAME = {};

    /** Per-thread native buffers; each call uses them only until it returns. */
    private static final class Scratch {
        final ByteBuffer stat = Native.allocate(STAT_SIZE);
        final ByteBuffer statvfs = Native.allocate(STATVFS_SIZE);
        final ByteBuffer openHow = Native.allocate(OPEN_HOW_SIZE);
        final ByteBuffer times = Native.allocate(TIMESPEC_PAIR_SIZE);
        final ByteBuffer link = Native.allocate(LINK_BUFFER);
        final ByteBuffer dirents = Native.allocate(DIRENT_BUFFER);
        ByteBuffer xattr;

        ByteBuffer xattr() {
            if (xattr == null) {
                xattr = Native.allocate(XATTR_MAX);
            }
            return xattr;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private PosixFiles() {
    }

    // ---- opening ------------------------------------------------------------------------

    /** openat(2); {@code mode} counts only with O_CREAT or O_TMPFILE. Returns the new fd. */
    public static int openat(int dirfd, byte[] name, int flags, int mode) throws SyscallException {
        byte[] path = cstr(name, "openat");
        while (true) {
            int fd = FILES.openat(dirfd, path, flags, mode);
            if (fd == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            return Native.checkInt(fd, "openat");
        }
    }

    /**
     * openat2(2), which glibc 2.36 does not wrap: the kernel itself keeps the resolution
     * inside {@code dirfd} (RESOLVE_BENEATH / RESOLVE_IN_ROOT) and can refuse every symlink
     * or /proc magic link on the way. Throws ENOSYS on kernels before 5.6.
     */
    public static int openat2(int dirfd, byte[] name, long flags, long mode, long resolve) throws SyscallException {
        byte[] path = cstr(name, "openat2");
        ByteBuffer how = SCRATCH.get().openHow;
        how.putLong(0, flags).putLong(8, mode).putLong(16, resolve);
        while (true) {
            long fd = FILES.syscall(SYS_OPENAT2, dirfd, path, Native.address(how), OPEN_HOW_SIZE);
            if (fd == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            return (int) Native.check(fd, "openat2");
        }
    }

    /** The path {@code /proc/self/fd/<fd>}, which reopens or names what {@code fd} refers to. */
    public static byte[] procSelfFd(int fd) {
        return (procSelfFdPrefix + fd).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where {@link #procSelfFd} names start: "/proc/self/fd/" until a sandbox leaves no /proc
     * under the root, then "" with the working directory on an open /proc/self/fd (as the Rust
     * virtiofsd keeps a descriptor of it across pivot_root). Process-wide, like the working
     * directory it depends on.
     */
    private static volatile String procSelfFdPrefix = "/proc/self/fd/";

    /**
     * Makes {@code procSelfFdDirectory} (an open /proc/self/fd) the working directory and
     * {@link #procSelfFd} names relative to it, for a process whose root no longer holds /proc.
     */
    public static void resolveProcSelfFdFrom(int procSelfFdDirectory) throws SyscallException {
        Confinement.changeDirectory(procSelfFdDirectory);
        procSelfFdPrefix = "";
    }

    public static int dup(int fd) throws SyscallException {
        return Native.checkInt(FILES.dup(fd), "dup");
    }

    public static void close(int fd) throws SyscallException {
        Native.checkInt(FILES.close(fd), "close");
    }

    // ---- metadata -----------------------------------------------------------------------

    /** fstatat(2); with AT_EMPTY_PATH and an empty name it describes {@code dirfd} itself. */
    public static FileStat fstatat(int dirfd, byte[] name, int flags) throws SyscallException {
        ByteBuffer st = SCRATCH.get().stat;
        Native.checkInt(FILES.fstatat(dirfd, cstr(name, "fstatat"), Native.address(st), flags), "fstatat");
        return new FileStat(
                st.getLong(0), st.getLong(8), st.getLong(16), st.getInt(24), st.getInt(28), st.getInt(32),
                st.getLong(40), st.getLong(48), st.getLong(56), st.getLong(64),
                st.getLong(72), st.getLong(80), st.getLong(88), st.getLong(96), st.getLong(104), st.getLong(112));
    }

    /** What {@code fd} (O_PATH is fine) refers to, never following a symlink. */
    public static FileStat fstat(int fd) throws SyscallException {
        return fstatat(fd, NO_NAME, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
    }

    /** readlinkat(2); an empty name reads the symlink {@code dirfd} (an O_PATH fd) itself. */
    public static byte[] readlinkat(int dirfd, byte[] name) throws SyscallException {
        ByteBuffer buf = SCRATCH.get().link;
        long n = Native.check(FILES.readlinkat(dirfd, cstr(name, "readlinkat"), Native.address(buf), LINK_BUFFER),
                "readlinkat");
        if (n >= LINK_BUFFER) {
            throw new SyscallException("readlinkat", ENAMETOOLONG, "link target longer than " + LINK_BUFFER);
        }
        byte[] target = new byte[(int) n];
        buf.get(0, target);
        return target;
    }

    public static void fchmodat(int dirfd, byte[] name, int mode, int flags) throws SyscallException {
        Native.checkInt(FILES.fchmodat(dirfd, cstr(name, "fchmodat"), mode, flags), "fchmodat");
    }

    public static void fchmod(int fd, int mode) throws SyscallException {
        Native.checkInt(FILES.fchmod(fd, mode), "fchmod");
    }

    /** fchownat(2); -1 leaves the uid or gid unchanged. */
    public static void fchownat(int dirfd, byte[] name, int uid, int gid, int flags) throws SyscallException {
        Native.checkInt(FILES.fchownat(dirfd, cstr(name, "fchownat"), uid, gid, flags), "fchownat");
    }

    /**
     * utimensat(2) with both times given; a nanosecond field of {@link #UTIME_NOW} or
     * {@link #UTIME_OMIT} means now or unchanged.
     */
    public static void utimensat(int dirfd, byte[] name, long atime, long atimeNsec, long mtime, long mtimeNsec,
            int flags) throws SyscallException {
        ByteBuffer times = SCRATCH.get().times;
        times.putLong(0, atime).putLong(8, atimeNsec).putLong(16, mtime).putLong(24, mtimeNsec);
        Native.checkInt(FILES.utimensat(dirfd, cstr(name, "utimensat"), Native.address(times), flags), "utimensat");
    }

    /** faccessat(2) (glibc uses faccessat2, so AT_EACCESS and AT_EMPTY_PATH work). */
    public static void faccessat(int dirfd, byte[] name, int mode, int flags) throws SyscallException {
        Native.checkInt(FILES.faccessat(dirfd, cstr(name, "faccessat"), mode, flags), "faccessat");
    }

    /** fstatvfs(3); works on O_PATH descriptors. */
    public static VfsStat fstatvfs(int fd) throws SyscallException {
        ByteBuffer b = SCRATCH.get().statvfs;
        Native.checkInt(FILES.fstatvfs(fd, Native.address(b)), "fstatvfs");
        return new VfsStat(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40),
                b.getLong(48), b.getLong(56), b.getLong(72), b.getLong(80));
    }

    // ---- namespace ----------------------------------------------------------------------

    public static void mkdirat(int dirfd, byte[] name, int mode) throws SyscallException {
        Native.checkInt(FILES.mkdirat(dirfd, cstr(name, "mkdirat"), mode), "mkdirat");
    }

    /** mknodat(2); {@code dev} is glibc's dev_t (makedev(1, 3) is 0x103). */
    public static void mknodat(int dirfd, byte[] name, int mode, long dev) throws SyscallException {
        Native.checkInt(FILES.mknodat(dirfd, cstr(name, "mknodat"), mode, dev), "mknodat");
    }

    /** symlinkat(2): {@code target} is stored as given, never resolved. */
    public static void symlinkat(byte[] target, int dirfd, byte[] name) throws SyscallException {
        Native.checkInt(FILES.symlinkat(cstr(target, "symlinkat"), dirfd, cstr(name, "symlinkat")), "symlinkat");
    }

    public static void linkat(int olddirfd, byte[] oldname, int newdirfd, byte[] newname, int flags)
            throws SyscallException {
        Native.checkInt(FILES.linkat(olddirfd, cstr(oldname, "linkat"), newdirfd, cstr(newname, "linkat"), flags),
                "linkat");
    }

    public static void unlinkat(int dirfd, byte[] name, int flags) throws SyscallException {
        Native.checkInt(FILES.unlinkat(dirfd, cstr(name, "unlinkat"), flags), "unlinkat");
    }

    public static void renameat2(int olddirfd, byte[] oldname, int newdirfd, byte[] newname, int flags)
            throws SyscallException {
        Native.checkInt(FILES.renameat2(olddirfd, cstr(oldname, "renameat2"), newdirfd, cstr(newname, "renameat2"),
                flags), "renameat2");
    }

    /**
     * One getdents64(2) batch from the directory's current position; empty at the end.
     * Entries keep the order the filesystem gave.
     */
    public static List<DirEntry> getdents64(int fd) throws SyscallException {
        ByteBuffer buf = SCRATCH.get().dirents;
        long n = Native.check(FILES.getdents64(fd, Native.address(buf), DIRENT_BUFFER), "getdents64");
        List<DirEntry> entries = new ArrayList<>();
        int pos = 0;
        while (pos + 19 < n) {
            long ino = buf.getLong(pos);
            long off = buf.getLong(pos + 8);
            int reclen = Short.toUnsignedInt(buf.getShort(pos + 16));
            int type = Byte.toUnsignedInt(buf.get(pos + 18));
            int nameEnd = pos + 19;
            while (nameEnd < pos + reclen && buf.get(nameEnd) != 0) {
                nameEnd++;
            }
            byte[] name = new byte[nameEnd - (pos + 19)];
            buf.get(pos + 19, name);
            entries.add(new DirEntry(ino, off, type, name));
            if (reclen == 0) {
                break;
            }
            pos += reclen;
        }
        return entries;
    }

    // ---- data ---------------------------------------------------------------------------

    public static void ftruncate(int fd, long length) throws SyscallException {
        Native.checkInt(FILES.ftruncate(fd, length), "ftruncate");
    }

    public static void fallocate(int fd, int mode, long offset, long length) throws SyscallException {
        Native.checkInt(FILES.fallocate(fd, mode, offset, length), "fallocate");
    }

    /** lseek(2), including SEEK_DATA and SEEK_HOLE (ENXIO past the end). */
    public static long lseek(int fd, long offset, int whence) throws SyscallException {
        return Native.check(FILES.lseek(fd, offset, whence), "lseek");
    }

    /** copy_file_range(2) between explicit offsets (the fds' positions are not used). */
    public static long copyFileRange(int fdIn, long offsetIn, int fdOut, long offsetOut, long length, int flags)
            throws SyscallException {
        long[] in = {offsetIn};
        long[] out = {offsetOut};
        return Native.check(FILES.copy_file_range(fdIn, in, fdOut, out, length, flags), "copy_file_range");
    }

    public static void fsync(int fd) throws SyscallException {
        Native.checkInt(FILES.fsync(fd), "fsync");
    }

    public static void fdatasync(int fd) throws SyscallException {
        Native.checkInt(FILES.fdatasync(fd), "fdatasync");
    }

    /** syncfs(2); needs a real (not O_PATH) descriptor. */
    public static void syncfs(int fd) throws SyscallException {
        Native.checkInt(FILES.syncfs(fd), "syncfs");
    }

    /** pread(2) into {@code dst}'s remaining space; advances its position; 0 at end of file. */
    public static int pread(int fd, ByteBuffer dst, long offset) throws SyscallException {
        ByteBuffer direct = dst.isDirect() ? dst : Native.allocate(dst.remaining());
        long address = Native.address(direct) + (dst.isDirect() ? dst.position() : 0);
        while (true) {
            long n = FILES.pread(fd, address, dst.remaining(), offset);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            int read = (int) Native.check(n, "pread");
            if (!dst.isDirect()) {
                dst.put(direct.limit(read));
            } else {
                dst.position(dst.position() + read);
            }
            return read;
        }
    }

    /** pwrite(2) of {@code src}'s remaining bytes (once; may be short); advances its position. */
    public static int pwrite(int fd, ByteBuffer src, long offset) throws SyscallException {
        ByteBuffer direct = src;
        if (!src.isDirect()) {
            direct = Native.allocate(src.remaining());
            direct.put(src.duplicate()).flip();
        }
        long address = Native.address(direct) + direct.position();
        while (true) {
            long n = FILES.pwrite(fd, address, direct.remaining(), offset);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            int written = (int) Native.check(n, "pwrite");
            src.position(src.position() + written);
            return written;
        }
    }

    // ---- extended attributes (by path: use procSelfFd(fd) for O_PATH descriptors) -------

    /** The whole value of xattr {@code name}; ENODATA when it does not exist. */
    public static byte[] getxattr(byte[] path, byte[] name) throws SyscallException {
        ByteBuffer buf = SCRATCH.get().xattr();
        long n = Native.check(FILES.getxattr(cstr(path, "getxattr"), cstr(name, "getxattr"), Native.address(buf),
                XATTR_MAX), "getxattr");
        byte[] value = new byte[(int) n];
        buf.get(0, value);
        return value;
    }

    public static void setxattr(byte[] path, byte[] name, byte[] value, int flags) throws SyscallException {
        ByteBuffer buf = value.length == 0 ? SCRATCH.get().link : Native.allocate(value.length);
        buf.put(0, value);
        Native.checkInt(FILES.setxattr(cstr(path, "setxattr"), cstr(name, "setxattr"), Native.address(buf),
                value.length, flags), "setxattr");
    }

    /** The NUL-separated (and NUL-terminated) list of names; empty when there are none. */
    public static byte[] listxattr(byte[] path) throws SyscallException {
        ByteBuffer buf = SCRATCH.get().xattr();
        long n = Native.check(FILES.listxattr(cstr(path, "listxattr"), Native.address(buf), XATTR_MAX),
                "listxattr");
        byte[] list = new byte[(int) n];
        buf.get(0, list);
        return list;
    }

    public static void removexattr(byte[] path, byte[] name) throws SyscallException {
        Native.checkInt(FILES.removexattr(cstr(path, "removexattr"), cstr(name, "removexattr")), "removexattr");
    }

    // ---- credentials --------------------------------------------------------------------

    /**
     * setfsuid(2): the uid the kernel checks file access against and gives new files, for
     * the calling thread only. Returns the previous fsuid; {@code -1} changes nothing, so
     * {@code setfsuid(-1)} reads the current one. The call cannot report failure: compare.
     */
    public static int setfsuid(int uid) {
        return FILES.setfsuid(uid);
    }

    /** setfsgid(2), as {@link #setfsuid(int)} for the group. */
    public static int setfsgid(int gid) {
        return FILES.setfsgid(gid);
    }

    public static int geteuid() {
        return FILES.geteuid();
    }

    public static int getegid() {
        return FILES.getegid();
    }

    /** setgroups(0, NULL): drops every supplementary group (glibc applies it to all threads). */
    public static void dropSupplementaryGroups() throws SyscallException {
        Native.checkInt(FILES.setgroups(0, 0), "setgroups");
    }

    /** umask(2); returns the previous mask. Per thread only after {@link #unshareFs()}. */
    public static int umask(int mask) {
        return FILES.umask(mask);
    }

    /** unshare(CLONE_FS): the calling thread gets its own umask, cwd and root. */
    public static void unshareFs() throws SyscallException {
        Native.checkInt(FILES.unshare(CLONE_FS), "unshare(CLONE_FS)");
    }

    // ---- helpers ------------------------------------------------------------------------

    /** {@code name} plus the NUL that C wants; EINVAL if the name already holds a NUL. */
    private static byte[] cstr(byte[] name, String call) throws SyscallException {
        if (name.length == 0) {
            return EMPTY;
        }
        for (byte b : name) {
            if (b == 0) {
                throw new SyscallException(call, EINVAL, "name contains a NUL byte");
            }
        }
        byte[] c = new byte[name.length + 1];
        System.arraycopy(name, 0, c, 0, name.length);
        return c;
    }
}
