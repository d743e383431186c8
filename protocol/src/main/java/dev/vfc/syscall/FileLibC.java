package dev.vfc.syscall;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc file calls a passthrough filesystem needs and Java 17 lacks: *at() calls relative
 * to O_PATH descriptors, openat2 (by raw syscall number, glibc 2.36 has no wrapper),
 * renameat2, getdents64, xattrs, per-thread fsuid/fsgid.
 *
 * <p>Path and name arguments are NUL-terminated {@code byte[]} marked {@link In} (copied to
 * native memory, never back), because Linux names are bytes, not text. Out-structures travel
 * as plain {@code long} addresses of direct buffers the caller owns (x86_64), like
 * {@link LibC}.
 *
 * <p>Public only because jnr-ffi generates the implementation in its own class loader; code
 * outside this package uses {@link PosixFiles}.
 */
@SaveError
public interface FileLibC {

    int openat(int dirfd, @In byte[] path, int flags, int mode);

    /** Used only for openat2(2): {@code syscall(437, dirfd, path, &open_how, sizeof open_how)}. */
    long syscall(long number, int dirfd, @In byte[] path, long how, @size_t long size);

    int fstatat(int dirfd, @In byte[] path, long statbuf, int flags);

    @ssize_t long readlinkat(int dirfd, @In byte[] path, long buf, @size_t long bufsiz);

    int mkdirat(int dirfd, @In byte[] path, int mode);

    int mknodat(int dirfd, @In byte[] path, int mode, long dev);

    int symlinkat(@In byte[] target, int newdirfd, @In byte[] linkpath);

    int linkat(int olddirfd, @In byte[] oldpath, int newdirfd, @In byte[] newpath, int flags);

    int unlinkat(int dirfd, @In byte[] path, int flags);

    int renameat2(int olddirfd, @In byte[] oldpath, int newdirfd, @In byte[] newpath, int flags);

    int fchmodat(int dirfd, @In byte[] path, int mode, int flags);

    int fchmod(int fd, int mode);

    int fchownat(int dirfd, @In byte[] path, int owner, int group, int flags);

    int utimensat(int dirfd, @In byte[] path, long times, int flags);

    int faccessat(int dirfd, @In byte[] path, int mode, int flags);

    int ftruncate(int fd, long length);

    int fallocate(int fd, int mode, long offset, long len);

    long lseek(int fd, long offset, int whence);

    /**
     * The offsets are in-out {@code loff_t *}. Declared with arrays on purpose: with six
     * primitive arguments jnr-ffi 2.2.17 passed garbage as the sixth (flags), seen in strace.
     */
    @ssize_t long copy_file_range(int fdIn, long[] offIn, int fdOut, long[] offOut, @size_t long len, int flags);

    int fsync(int fd);

    int fdatasync(int fd);

    int syncfs(int fd);

    int fstatvfs(int fd, long buf);

    @ssize_t long getdents64(int fd, long dirp, @size_t long count);

    @ssize_t long pread(int fd, long buf, @size_t long count, long offset);

    @ssize_t long pwrite(int fd, long buf, @size_t long count, long offset);

    @ssize_t long getxattr(@In byte[] path, @In byte[] name, long value, @size_t long size);

    int setxattr(@In byte[] path, @In byte[] name, long value, @size_t long size, int flags);

    @ssize_t long listxattr(@In byte[] path, long list, @size_t long size);

    int removexattr(@In byte[] path, @In byte[] name);

    int setgroups(@size_t long size, long list);

    int setfsuid(int fsuid);

    int setfsgid(int fsgid);

    int geteuid();

    int getegid();

    int umask(int mask);

    int unshare(int flags);

    int dup(int fd);

    int close(int fd);
}
