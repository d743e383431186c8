package dev.vfc.passthrough;

import static dev.vfc.passthrough.SharedTree.HERE;
import static dev.vfc.passthrough.SharedTree.errno;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.Created;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.WriteFlags;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.FileStat;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;

/**
 * The open files of {@link PassthroughFileSystem}: OPEN, CREATE, READ, WRITE, RELEASE, FLUSH,
 * FSYNC, FALLOCATE, LSEEK, COPY_FILE_RANGE and SYNCFS, each on a real descriptor of the
 * {@link HandleTable}.
 */
final class PassthroughFiles {
    /** Guest open flags that never reach the host (see {@link #hostOpenFlags}). */
    private static final int STRIPPED_OPEN_FLAGS = PosixFiles.O_NOFOLLOW | PosixFiles.O_CREAT | PosixFiles.O_EXCL
            | PosixFiles.O_NOCTTY | PosixFiles.O_PATH | PosixFiles.O_TMPFILE_BIT;

    private final SharedTree tree;

    PassthroughFiles(SharedTree tree) {
        this.tree = tree;
    }

    /**
     * Reopens the node through /proc/self/fd with the guest's flags (see
     * {@link #hostOpenFlags}). Only regular files and directories are opened: a symlink is
     * ELOOP, and a device, FIFO or socket is EACCES, because opening one on the host would
     * hand the guest a host device or block a worker on a FIFO (CVE-2020-35517).
     */
    Opened open(Context ctx, long node, int flags) throws FsException {
        if (tree.options().readonly() && writes(flags)) {
            throw new FsException(Errno.EROFS, "read-only share");
        }
        try (Inode inode = tree.inodes().use(node)) {
            checkOpenable(inode);
            int fd = PosixFiles.openat(PosixFiles.AT_FDCWD, inode.procPath(), hostOpenFlags(flags), 0);
            return new Opened(tree.handles().add(node, fd, false), tree.fileOpenFlags());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * Creates and opens a regular file as the guest's user. The first try is always
     * O_CREAT|O_EXCL; if the name exists and the guest did not ask for O_EXCL, the existing
     * file is opened the way {@link #open} would (so an existing FIFO or device is EACCES,
     * never opened: CVE-2020-35517).
     */
    Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException {
        Names.checkEntry(name);
        tree.checkWritable("CREATE");
        try (Inode dir = tree.inodes().use(parent)) {
            int fd;
            Credentials as = Credentials.creating(ctx);
            try {
                fd = createOrOpen(dir, name, flags, Credentials.mode(mode, umask));
            } finally {
                as.close();
            }
            try {
                FileStat st = PosixFiles.fstat(fd);
                long id = tree.inodes().register(nodeDescriptorOf(fd, st), st);
                long fh = tree.handles().add(id, fd, false);
                return new Created(tree.entry(id, st), new Opened(fh, tree.fileOpenFlags()));
            } catch (SyscallException | FsException | RuntimeException e) {
                FileDescriptors.closeQuietly(fd);
                throw e;
            }
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** Reads at most {@code size} bytes straight into the reply chain. */
    long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        try (Handle handle = tree.handles().use(fh, node)) {
            return out.readFrom(handle.fd(), offset, Integer.toUnsignedLong(size));
        } catch (IOException e) {
            throw errno(e);
        }
    }

    /**
     * Writes {@code size} bytes from the request chain. With O_APPEND on the handle the host
     * appends whatever the offset. With {@code --killpriv-v2}, FUSE_WRITE_KILL_SUIDGID clears
     * the file's suid/sgid bits first ({@link KillPriv}); otherwise HANDLE_KILLPRIV_V2 is not
     * granted and the guest kernel clears them itself with SETATTR.
     */
    long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags)
            throws FsException {
        tree.checkWritable("WRITE");
        try (Handle handle = tree.handles().use(fh, node)) {
            if ((writeFlags & WriteFlags.KILL_SUIDGID) != 0 && tree.options().features().killprivV2()) {
                KillPriv.clearSuidSgid(handle.fd());
            }
            return in.writeTo(handle.fd(), offset, Integer.toUnsignedLong(size));
        } catch (IOException e) {
            throw errno(e);
        }
    }

    void release(Context ctx, long node, long fh, int flags) throws FsException {
        tree.handles().remove(fh, node);
    }

    /** close(dup(fd)): what close(2) in the guest would do on the host (locks, NFS flush). */
    void flush(Context ctx, long node, long fh) throws FsException {
        try (Handle handle = tree.handles().use(fh, node)) {
            PosixFiles.close(PosixFiles.dup(handle.fd()));
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
        tree.sync(node, fh, datasync);
    }

    void fallocate(Context ctx, long node, long fh, int mode, long offset, long length) throws FsException {
        tree.checkWritable("FALLOCATE");
        try (Handle handle = tree.handles().use(fh, node)) {
            PosixFiles.fallocate(handle.fd(), mode, offset, length);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** lseek on the handle; FUSE sends only SEEK_DATA and SEEK_HOLE (ENXIO past the end). */
    long lseek(Context ctx, long node, long fh, long offset, int whence) throws FsException {
        try (Handle handle = tree.handles().use(fh, node)) {
            return PosixFiles.lseek(handle.fd(), offset, whence);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    long copyFileRange(Context ctx, long nodeIn, long fhIn, long offsetIn, long nodeOut, long fhOut,
            long offsetOut, long length, long flags) throws FsException {
        tree.checkWritable("COPY_FILE_RANGE");
        if (flags != 0) {
            throw new FsException(Errno.EINVAL, "copy_file_range flags must be 0");
        }
        try (Handle in = tree.handles().use(fhIn, nodeIn); Handle out = tree.handles().use(fhOut, nodeOut)) {
            return PosixFiles.copyFileRange(in.fd(), offsetIn, out.fd(), offsetOut, length, 0);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * syncfs needs a real descriptor, so a regular file or directory node is reopened read
     * only; for other types (never opened, CVE-2020-35517) the shared root's filesystem is
     * synced instead.
     */
    void syncfs(Context ctx, long node) throws FsException {
        try (Inode inode = tree.inodes().use(node)) {
            int fd = inode.isRegularFile() || inode.isDirectory()
                    ? PosixFiles.openat(PosixFiles.AT_FDCWD, inode.procPath(), PosixFiles.O_RDONLY | PosixFiles.O_CLOEXEC, 0)
                    : openRootDirectory();
            try {
                PosixFiles.syncfs(fd);
            } finally {
                FileDescriptors.closeQuietly(fd);
            }
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * CREATE's open: O_CREAT|O_EXCL first; an existing name without the guest's O_EXCL is
     * opened as OPEN does, after the same type check.
     */
    private int createOrOpen(Inode dir, byte[] name, int flags, int mode) throws SyscallException, FsException {
        int hostFlags = hostOpenFlags(flags);
        try {
            return PosixFiles.openat(dir.fd(), name,
                    hostFlags | PosixFiles.O_CREAT | PosixFiles.O_EXCL | PosixFiles.O_NOFOLLOW, mode);
        } catch (SyscallException e) {
            if (e.errno() != PosixFiles.EEXIST || (flags & PosixFiles.O_EXCL) != 0) {
                throw e;
            }
        }
        int existing = tree.openBeneath(dir.fd(), name, 0);
        try {
            FileStat st = PosixFiles.fstat(existing);
            checkOpenable(st.type());
            if (st.isDirectory()) {
                throw new FsException(Errno.EISDIR, "CREATE of an existing directory");
            }
            return PosixFiles.openat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(existing), hostFlags, 0);
        } finally {
            FileDescriptors.closeQuietly(existing);
        }
    }

    /**
     * The guest's open flags as the host sees them: without O_CREAT/O_EXCL (CREATE adds them
     * itself), O_NOFOLLOW (the /proc/self/fd link must be followed; it names the inode, not a
     * path), O_NOCTTY and O_PATH/O_TMPFILE; with O_CLOEXEC. As the Rust virtiofsd 1.13
     * ({@code open_inode} and {@code do_open} in src/passthrough/mod.rs):
     * <ul>
     * <li>O_DIRECT is stripped (guest buffers need not be aligned) unless {@code --allow-direct-io};
     * <li>O_NOATIME is stripped (EPERM unless the daemon owns the file; Rust virtiofsd issues #99,
     *     #180) unless {@code --preserve-noatime};
     * <li>once FUSE_WRITEBACK_CACHE is granted, a write-only open becomes read-write (the kernel
     *     reads the pages it caches) and O_APPEND is dropped (the kernel appends itself).
     * </ul>
     * O_APPEND otherwise, O_TRUNC, O_SYNC and the access mode are kept.
     */
    int hostOpenFlags(int guestFlags) {
        Features f = tree.options().features();
        int strip = STRIPPED_OPEN_FLAGS;
        if (!f.allowDirectIo()) {
            strip |= PosixFiles.O_DIRECT;
        }
        if (!f.preserveNoatime()) {
            strip |= PosixFiles.O_NOATIME;
        }
        int flags = guestFlags & ~strip;
        if (tree.writebackGranted()) {
            if ((flags & PosixFiles.O_ACCMODE) == PosixFiles.O_WRONLY) {
                flags = (flags & ~PosixFiles.O_ACCMODE) | PosixFiles.O_RDWR;
            }
            flags &= ~PosixFiles.O_APPEND;
        }
        return flags | PosixFiles.O_CLOEXEC;
    }

    /** Whether an open with these flags could change the file. */
    private static boolean writes(int flags) {
        return (flags & PosixFiles.O_ACCMODE) != PosixFiles.O_RDONLY || (flags & PosixFiles.O_TRUNC) != 0;
    }

    private static void checkOpenable(Inode inode) throws FsException {
        checkOpenable(inode.type());
    }

    /** CVE-2020-35517: only regular files and directories are ever opened on the host. */
    private static void checkOpenable(int type) throws FsException {
        if (type == PosixFiles.S_IFREG || type == PosixFiles.S_IFDIR) {
            return;
        }
        if (type == PosixFiles.S_IFLNK) {
            throw new FsException(Errno.ELOOP, "will not open a symlink");
        }
        throw new FsException(Errno.EACCES, "will not open a device, FIFO or socket on the host (CVE-2020-35517)");
    }

    /**
     * An O_PATH descriptor for the file the open descriptor {@code fd} refers to, by
     * following its /proc/self/fd link (without O_NOFOLLOW, which would give the proc link
     * itself), so the node is exactly the file created, whatever happened to its name since.
     */
    private static int nodeDescriptorOf(int fd, FileStat st) throws SyscallException, FsException {
        int nodeFd = PosixFiles.openat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(fd),
                PosixFiles.O_PATH | PosixFiles.O_CLOEXEC, 0);
        try {
            FileStat same = PosixFiles.fstat(nodeFd);
            if (same.dev() != st.dev() || same.ino() != st.ino()) {
                throw new FsException(Errno.EIO, "reopened descriptor names another file");
            }
            return nodeFd;
        } catch (SyscallException | FsException | RuntimeException e) {
            FileDescriptors.closeQuietly(nodeFd);
            throw e;
        }
    }

    private int openRootDirectory() throws SyscallException {
        try (Inode root = tree.inodes().useRoot()) {
            return PosixFiles.openat(root.fd(), HERE, PosixFiles.O_RDONLY | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
        }
    }
}
