package dev.vfc.passthrough;

import static dev.vfc.passthrough.SharedTree.NO_NAME;
import static dev.vfc.passthrough.SharedTree.attr;
import static dev.vfc.passthrough.SharedTree.errno;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.VfsStat;

/**
 * GETATTR, SETATTR, STATFS, ACCESS and READLINK of {@link PassthroughFileSystem}: reading and
 * changing a node's metadata through its O_PATH descriptor or its /proc/self/fd path.
 */
final class PassthroughAttributes {
    private static final int TIME_CHANGES = FattrFlags.ATIME | FattrFlags.MTIME | FattrFlags.ATIME_NOW
            | FattrFlags.MTIME_NOW;
    private static final int SETATTR_CHANGES = FattrFlags.MODE | FattrFlags.UID | FattrFlags.GID | FattrFlags.SIZE
            | TIME_CHANGES;

    private final SharedTree tree;

    PassthroughAttributes(SharedTree tree) {
        this.tree = tree;
    }

    /** fstat of the node's O_PATH descriptor; {@code fh} is not needed for that and is ignored. */
    AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        try (Inode inode = tree.inodes().use(node)) {
            return new AttrOut(tree.timeout(), 0, attr(tree.stat(inode)));
        }
    }

    /**
     * Applies, in this order, mode, owner, size and times, each through the node's O_PATH
     * descriptor (or /proc/self/fd, which names the inode itself and never follows a
     * symlink beyond it); size uses the open handle when FATTR_FH is set. ctime cannot be
     * set on Linux and is ignored; the kernel sets it on every change anyway. With
     * {@code --killpriv-v2}, FATTR_KILL_SUIDGID (sent with a truncation or chown instead of a
     * MODE change) clears suid/sgid after them ({@link KillPriv}).
     */
    AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        int valid = in.valid();
        if ((valid & SETATTR_CHANGES) != 0) {
            tree.checkWritable("SETATTR");
        }
        try (Inode inode = tree.inodes().use(node)) {
            if ((valid & FattrFlags.MODE) != 0) {
                PosixFiles.fchmodat(PosixFiles.AT_FDCWD, inode.procPath(), in.mode() & 07777, 0);
            }
            if ((valid & (FattrFlags.UID | FattrFlags.GID)) != 0) {
                int uid = (valid & FattrFlags.UID) != 0 ? in.uid() : -1;
                int gid = (valid & FattrFlags.GID) != 0 ? in.gid() : -1;
                PosixFiles.fchownat(inode.fd(), NO_NAME, uid, gid,
                        PosixFiles.AT_EMPTY_PATH | PosixFiles.AT_SYMLINK_NOFOLLOW);
            }
            if ((valid & FattrFlags.SIZE) != 0) {
                truncate(inode, (valid & FattrFlags.FH) != 0 ? in.fh() : -1, in.size());
            }
            if ((valid & FattrFlags.KILL_SUIDGID) != 0 && (valid & FattrFlags.MODE) == 0
                    && tree.options().features().killprivV2()) {
                KillPriv.clearSuidSgid(inode.fd());
            }
            if ((valid & TIME_CHANGES) != 0) {
                long[] a = time(valid, FattrFlags.ATIME, FattrFlags.ATIME_NOW, in.atime(), in.atimensec());
                long[] m = time(valid, FattrFlags.MTIME, FattrFlags.MTIME_NOW, in.mtime(), in.mtimensec());
                PosixFiles.utimensat(PosixFiles.AT_FDCWD, inode.procPath(), a[0], a[1], m[0], m[1], 0);
            }
            return new AttrOut(tree.timeout(), 0, attr(tree.stat(inode)));
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    Kstatfs statfs(Context ctx, long node) throws FsException {
        try (Inode inode = tree.inodes().use(node)) {
            VfsStat s = PosixFiles.fstatvfs(inode.fd());
            return new Kstatfs(s.blocks(), s.bfree(), s.bavail(), s.files(), s.ffree(), (int) s.bsize(),
                    (int) s.namemax(), (int) s.frsize());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * faccessat with AT_EACCESS as the guest's fsuid/fsgid (without AT_EACCESS the kernel
     * would check the daemon's real ids instead). W_OK on a read-only share is EROFS, as
     * access(2) answers on a read-only mount.
     */
    void access(Context ctx, long node, int mask) throws FsException {
        try (Inode inode = tree.inodes().use(node)) {
            if (tree.options().readonly() && (mask & PosixFiles.W_OK) != 0) {
                throw new FsException(Errno.EROFS, "read-only share");
            }
            Credentials as = Credentials.as(ctx);
            try {
                PosixFiles.faccessat(inode.fd(), NO_NAME, mask, PosixFiles.AT_EACCESS | PosixFiles.AT_EMPTY_PATH);
            } finally {
                as.close();
            }
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** The stored target, verbatim; EINVAL for anything but a symlink, as readlink(2). */
    byte[] readlink(Context ctx, long node) throws FsException {
        try (Inode inode = tree.inodes().use(node)) {
            if (!inode.isSymlink()) {
                throw new FsException(Errno.EINVAL, "not a symlink");
            }
            return PosixFiles.readlinkat(inode.fd(), NO_NAME);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    private void truncate(Inode inode, long fh, long size) throws FsException, SyscallException {
        if (fh != -1) {
            try (Handle handle = tree.handles().use(fh, inode.id())) {
                PosixFiles.ftruncate(handle.fd(), size);
            }
            return;
        }
        if (inode.isDirectory()) {
            throw new FsException(Errno.EISDIR, "truncate of a directory");
        }
        if (!inode.isRegularFile()) {
            // truncate(2) answers EINVAL for these; opening them is out (CVE-2020-35517).
            throw new FsException(Errno.EINVAL, "truncate of a special file");
        }
        int fd = PosixFiles.openat(PosixFiles.AT_FDCWD, inode.procPath(), PosixFiles.O_WRONLY | PosixFiles.O_CLOEXEC, 0);
        try {
            PosixFiles.ftruncate(fd, size);
        } finally {
            FileDescriptors.closeQuietly(fd);
        }
    }

    /** utimensat's (seconds, nanoseconds) for one of atime/mtime. */
    private static long[] time(int valid, int set, int now, long seconds, int nanos) {
        if ((valid & now) != 0) {
            return new long[] {0, PosixFiles.UTIME_NOW};
        }
        if ((valid & set) != 0) {
            return new long[] {seconds, Integer.toUnsignedLong(nanos)};
        }
        return new long[] {0, PosixFiles.UTIME_OMIT};
    }
}
