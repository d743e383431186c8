package dev.vfc.passthrough;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.Created;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.RenameFlags;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.syscall.DirEntry;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.FileStat;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.VfsStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serves a host directory to the guest, one FUSE operation per method, the way the Rust
 * virtiofsd's {@code passthrough/} does: every node is an O_PATH descriptor
 * ({@link InodeTable}), every open file a real one ({@link HandleTable}), and each request
 * is one or two *at() syscalls relative to those descriptors, so no path string is ever
 * walked from the host root.
 *
 * <p>The rules it keeps, each one a bug or CVE of a real daemon:
 * <ul>
 * <li>Names are single components ({@link Names}); an absolute SYMLINK name is refused
 *     (CVE-2026-47243). LOOKUP of "." is the node, of ".." at the root the root, elsewhere
 *     resolved by the kernel beneath the shared root (openat2 RESOLVE_BENEATH).
 * <li>Symlinks are never followed: O_NOFOLLOW, AT_SYMLINK_NOFOLLOW or an O_PATH descriptor
 *     everywhere; OPEN of a symlink is ELOOP.
 * <li>Devices, FIFOs and sockets are never opened on the host; OPEN of one is EACCES
 *     (CVE-2020-35517). MKNOD may create them.
 * <li>Creating operations run with the guest's fsuid/fsgid and umask ({@link Credentials});
 *     the daemon drops its supplementary groups (CVE-2022-0358).
 * <li>READDIR offsets are the host's own cookies, re-seekable at any time; READDIRPLUS gives
 *     "." and ".." nodeid 0 (OVMF FORGETs every nonzero nodeid it is handed).
 * </ul>
 *
 * <p>Errno values of the host syscalls go to the guest unchanged. Unknown node ids and file
 * handles answer EBADF (as both reference daemons). Safe for concurrent calls from several
 * queue workers.
 */
public final class PassthroughFileSystem implements FileSystem, AutoCloseable {

    /** O_PATH descriptors for nodes: never open the file itself, never follow a symlink. */
    private static final int NODE_FLAGS = PosixFiles.O_PATH | PosixFiles.O_NOFOLLOW | PosixFiles.O_CLOEXEC;
    private static final long BENEATH = PosixFiles.RESOLVE_BENEATH | PosixFiles.RESOLVE_NO_MAGICLINKS;
    /** Guest open flags that never reach the host (see {@link #hostOpenFlags}). */
    private static final int STRIPPED_OPEN_FLAGS = PosixFiles.O_NOFOLLOW | PosixFiles.O_CREAT | PosixFiles.O_EXCL
            | PosixFiles.O_NOATIME | PosixFiles.O_DIRECT | PosixFiles.O_NOCTTY | PosixFiles.O_PATH
            | PosixFiles.O_TMPFILE_BIT;
    private static final int KNOWN_RENAME_FLAGS = RenameFlags.NOREPLACE | RenameFlags.EXCHANGE | RenameFlags.WHITEOUT;
    private static final int TIME_CHANGES = FattrFlags.ATIME | FattrFlags.MTIME | FattrFlags.ATIME_NOW
            | FattrFlags.MTIME_NOW;
    private static final int SETATTR_CHANGES = FattrFlags.MODE | FattrFlags.UID | FattrFlags.GID | FattrFlags.SIZE
            | TIME_CHANGES;
    private static final byte[] HERE = {'.'};
    private static final byte[] NO_NAME = {};

    private final PassthroughOptions options;
    private final long timeout;
    private final InodeTable inodes;
    private final HandleTable handles = new HandleTable();
    /** The shared directory as the kernel names it (readlink of its /proc/self/fd entry). */
    private final byte[] rootPath;
    private volatile boolean haveOpenat2 = true;

    /**
     * Opens {@code options.sharedDir()} (following it if it is a symlink: that is the
     * administrator's choice, not the guest's).
     *
     * @throws IOException when it cannot be opened or is not a directory
     */
    public PassthroughFileSystem(PassthroughOptions options) throws IOException {
        this.options = options;
        this.timeout = options.cache().timeoutSeconds();
        byte[] dir = options.sharedDir().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        int fd = PosixFiles.openat(PosixFiles.AT_FDCWD, dir,
                PosixFiles.O_PATH | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
        try {
            FileStat st = PosixFiles.fstat(fd);
            this.rootPath = PosixFiles.readlinkat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(fd));
            this.inodes = new InodeTable(fd, st);
        } catch (IOException | RuntimeException e) {
            FileDescriptors.closeQuietly(fd);
            throw e;
        }
    }

    // ---- session ------------------------------------------------------------------------

    /**
     * Wants READDIRPLUS (and its auto mode) unless caching is off, as the Rust daemon, and
     * ATOMIC_O_TRUNC (OPEN honours O_TRUNC itself).
     */
    @Override
    public long init(long offered) {
        // DONT_MASK: creating operations apply the request's umask themselves (Credentials.mode), so
        // Linux may leave it to us (fs/fuse/dir.c fuse_mkdir masks only when !fc->dont_mask).
        long wanted = FuseInitFlags.ATOMIC_O_TRUNC | FuseInitFlags.DONT_MASK;
        if (options.cache() != CacheMode.NEVER) {
            wanted |= FuseInitFlags.DO_READDIRPLUS | FuseInitFlags.READDIRPLUS_AUTO;
        }
        return offered & wanted;
    }

    @Override
    public void destroy() {
        handles.clear();
        inodes.reset();
    }

    /** Closes every descriptor, the root's too; the filesystem cannot be used afterwards. */
    @Override
    public void close() {
        handles.clear();
        inodes.closeAll();
    }

    // ---- lookup and attributes ----------------------------------------------------------

    @Override
    public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        Names.checkLookup(name);
        try (Inode dir = inodes.use(parent)) {
            return lookupIn(dir, name);
        }
    }

    @Override
    public void forget(long node, long nlookup) {
        inodes.forget(node, nlookup);
    }

    /** fstat of the node's O_PATH descriptor; {@code fh} is not needed for that and is ignored. */
    @Override
    public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        try (Inode inode = inodes.use(node)) {
            return new AttrOut(timeout, 0, attr(stat(inode)));
        }
    }

    /**
     * Applies, in this order, mode, owner, size and times, each through the node's O_PATH
     * descriptor (or /proc/self/fd, which names the inode itself and never follows a
     * symlink beyond it); size uses the open handle when FATTR_FH is set. ctime cannot be
     * set on Linux and is ignored; the kernel sets it on every change anyway.
     */
    @Override
    public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        int valid = in.valid();
        if ((valid & SETATTR_CHANGES) != 0) {
            checkWritable("SETATTR");
        }
        try (Inode inode = inodes.use(node)) {
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
            if ((valid & TIME_CHANGES) != 0) {
                long[] a = time(valid, FattrFlags.ATIME, FattrFlags.ATIME_NOW, in.atime(), in.atimensec());
                long[] m = time(valid, FattrFlags.MTIME, FattrFlags.MTIME_NOW, in.mtime(), in.mtimensec());
                PosixFiles.utimensat(PosixFiles.AT_FDCWD, inode.procPath(), a[0], a[1], m[0], m[1], 0);
            }
            return new AttrOut(timeout, 0, attr(stat(inode)));
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public Kstatfs statfs(Context ctx, long node) throws FsException {
        try (Inode inode = inodes.use(node)) {
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
    @Override
    public void access(Context ctx, long node, int mask) throws FsException {
        try (Inode inode = inodes.use(node)) {
            if (options.readonly() && (mask & PosixFiles.W_OK) != 0) {
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

    // ---- symlinks -----------------------------------------------------------------------

    /** The stored target, verbatim; EINVAL for anything but a symlink, as readlink(2). */
    @Override
    public byte[] readlink(Context ctx, long node) throws FsException {
        try (Inode inode = inodes.use(node)) {
            if (!inode.isSymlink()) {
                throw new FsException(Errno.EINVAL, "not a symlink");
            }
            return PosixFiles.readlinkat(inode.fd(), NO_NAME);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * Creates {@code name} (one component: an absolute name such as "/tmp/evil" is EINVAL,
     * CVE-2026-47243) holding {@code target}, which is any bytes, stored and never followed.
     */
    @Override
    public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        if (target.length == 0) {
            throw new FsException(Errno.ENOENT, "empty symlink target");
        }
        return make(ctx, parent, name, dir -> PosixFiles.symlinkat(target, dir, name));
    }

    // ---- creating and removing names ----------------------------------------------------

    /**
     * Any file type may be created, devices too (as the guest's user, so only a guest root
     * can); it is opening them that is refused, see {@link #open}.
     */
    @Override
    public EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        int hostMode = (mode & PosixFiles.S_IFMT) | Credentials.mode(mode, umask);
        return make(ctx, parent, name, dir -> PosixFiles.mknodat(dir, name, hostMode, Integer.toUnsignedLong(rdev)));
    }

    @Override
    public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        int hostMode = Credentials.mode(mode, umask);
        return make(ctx, parent, name, dir -> PosixFiles.mkdirat(dir, name, hostMode));
    }

    /**
     * A new name for {@code node}, made through /proc/self/fd with AT_SYMLINK_FOLLOW, which
     * links the inode itself (a symlink node gets a second symlink, never its target).
     */
    @Override
    public EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        Names.checkEntry(newName);
        checkWritable("LINK");
        try (Inode inode = inodes.use(node); Inode dir = inodes.use(newParent)) {
            PosixFiles.linkat(PosixFiles.AT_FDCWD, inode.procPath(), dir.fd(), newName, PosixFiles.AT_SYMLINK_FOLLOW);
            return lookupIn(dir, newName);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public void unlink(Context ctx, long parent, byte[] name) throws FsException {
        remove(parent, name, 0);
    }

    @Override
    public void rmdir(Context ctx, long parent, byte[] name) throws FsException {
        remove(parent, name, PosixFiles.AT_REMOVEDIR);
    }

    /**
     * renameat2 with NOREPLACE and EXCHANGE passed through; unknown bits and WHITEOUT are
     * EINVAL (a whiteout is a 0:0 character device made at the source, only useful to an
     * overlayfs upper layer, which a virtio-fs share is not meant to be).
     */
    @Override
    public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags)
            throws FsException {
        Names.checkEntry(oldName);
        Names.checkEntry(newName);
        if ((flags & ~KNOWN_RENAME_FLAGS) != 0 || (flags & RenameFlags.WHITEOUT) != 0) {
            throw new FsException(Errno.EINVAL, "unsupported rename flags " + RenameFlags.describe(flags));
        }
        checkWritable("RENAME");
        try (Inode from = inodes.use(oldParent); Inode to = inodes.use(newParent)) {
            PosixFiles.renameat2(from.fd(), oldName, to.fd(), newName, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    // ---- open files ---------------------------------------------------------------------

    /**
     * Reopens the node through /proc/self/fd with the guest's flags (see
     * {@link #hostOpenFlags}). Only regular files and directories are opened: a symlink is
     * ELOOP, and a device, FIFO or socket is EACCES, because opening one on the host would
     * hand the guest a host device or block a worker on a FIFO (CVE-2020-35517).
     */
    @Override
    public Opened open(Context ctx, long node, int flags) throws FsException {
        if (options.readonly() && writes(flags)) {
            throw new FsException(Errno.EROFS, "read-only share");
        }
        try (Inode inode = inodes.use(node)) {
            checkOpenable(inode);
            int fd = PosixFiles.openat(PosixFiles.AT_FDCWD, inode.procPath(), hostOpenFlags(flags), 0);
            return new Opened(handles.add(node, fd, false), options.cache().fileOpenFlags());
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
    @Override
    public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException {
        Names.checkEntry(name);
        checkWritable("CREATE");
        try (Inode dir = inodes.use(parent)) {
            int fd;
            Credentials as = Credentials.creating(ctx);
            try {
                fd = createOrOpen(dir, name, flags, Credentials.mode(mode, umask));
            } finally {
                as.close();
            }
            try {
                FileStat st = PosixFiles.fstat(fd);
                long id = inodes.register(nodeDescriptorOf(fd, st), st);
                long fh = handles.add(id, fd, false);
                return new Created(entry(id, st), new Opened(fh, options.cache().fileOpenFlags()));
            } catch (SyscallException | FsException | RuntimeException e) {
                FileDescriptors.closeQuietly(fd);
                throw e;
            }
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** Reads at most {@code size} bytes straight into the reply chain. */
    @Override
    public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        try (Handle handle = handles.use(fh, node)) {
            return out.readFrom(handle.fd(), offset, Integer.toUnsignedLong(size));
        } catch (IOException e) {
            throw errno(e);
        }
    }

    /**
     * Writes {@code size} bytes from the request chain. With O_APPEND on the handle the host
     * appends whatever the offset. FUSE_WRITE_KILL_SUIDGID is not acted on (killpriv_v2 is
     * not offered, so the guest kernel clears those bits itself with SETATTR).
     */
    @Override
    public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags)
            throws FsException {
        checkWritable("WRITE");
        try (Handle handle = handles.use(fh, node)) {
            return in.writeTo(handle.fd(), offset, Integer.toUnsignedLong(size));
        } catch (IOException e) {
            throw errno(e);
        }
    }

    @Override
    public void release(Context ctx, long node, long fh, int flags) throws FsException {
        handles.remove(fh, node);
    }

    /** close(dup(fd)): what close(2) in the guest would do on the host (locks, NFS flush). */
    @Override
    public void flush(Context ctx, long node, long fh) throws FsException {
        try (Handle handle = handles.use(fh, node)) {
            PosixFiles.close(PosixFiles.dup(handle.fd()));
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
        sync(node, fh, datasync);
    }

    @Override
    public void fallocate(Context ctx, long node, long fh, int mode, long offset, long length) throws FsException {
        checkWritable("FALLOCATE");
        try (Handle handle = handles.use(fh, node)) {
            PosixFiles.fallocate(handle.fd(), mode, offset, length);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** lseek on the handle; FUSE sends only SEEK_DATA and SEEK_HOLE (ENXIO past the end). */
    @Override
    public long lseek(Context ctx, long node, long fh, long offset, int whence) throws FsException {
        try (Handle handle = handles.use(fh, node)) {
            return PosixFiles.lseek(handle.fd(), offset, whence);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public long copyFileRange(Context ctx, long nodeIn, long fhIn, long offsetIn, long nodeOut, long fhOut,
            long offsetOut, long length, long flags) throws FsException {
        checkWritable("COPY_FILE_RANGE");
        if (flags != 0) {
            throw new FsException(Errno.EINVAL, "copy_file_range flags must be 0");
        }
        try (Handle in = handles.use(fhIn, nodeIn); Handle out = handles.use(fhOut, nodeOut)) {
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
    @Override
    public void syncfs(Context ctx, long node) throws FsException {
        try (Inode inode = inodes.use(node)) {
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

    // ---- directories --------------------------------------------------------------------

    @Override
    public Opened opendir(Context ctx, long node, int flags) throws FsException {
        try (Inode inode = inodes.use(node)) {
            if (!inode.isDirectory()) {
                throw new FsException(Errno.ENOTDIR, "not a directory");
            }
            int fd = PosixFiles.openat(inode.fd(), HERE,
                    PosixFiles.O_RDONLY | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
            return new Opened(handles.add(node, fd, true), options.cache().directoryOpenFlags());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * Offers the entries after cookie {@code offset}. For READDIRPLUS each entry but "." and
     * ".." is looked up (one lookup counted) and forgotten again if the sink refuses it;
     * "." and "..", and entries that vanished before they could be looked up, go out with
     * nodeid 0, which the kernel does not link and OVMF does not FORGET.
     */
    @Override
    public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        try (Handle handle = handles.use(fh, node); Inode dir = inodes.use(node)) {
            DirectoryStream stream = handle.directory();
            if (stream == null) {
                throw new FsException(Errno.ENOTDIR, "handle " + fh + " is not an open directory");
            }
            boolean plus = sink.plus();
            stream.readFrom(offset, e -> {
                Dirent dirent = new Dirent(e.ino(), e.off(), e.type(), e.name());
                if (!plus) {
                    return sink.add(dirent, null);
                }
                EntryOut entry = e.isDotOrDotDot() ? unlinkedEntry(e) : lookupOrUnlinked(dir, e);
                boolean accepted = sink.add(dirent, entry);
                if (!accepted && entry.nodeid() != 0) {
                    inodes.forget(entry.nodeid(), 1);
                }
                return accepted;
            });
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public void releasedir(Context ctx, long node, long fh) throws FsException {
        handles.remove(fh, node);
    }

    @Override
    public void fsyncdir(Context ctx, long node, long fh, boolean datasync) throws FsException {
        sync(node, fh, datasync);
    }

    // ---- extended attributes ------------------------------------------------------------

    /**
     * Extended attributes go through /proc/self/fd paths: the *xattr calls on such a path
     * act on the node's own inode (a symlink's too, without following it), and unlike the
     * f*xattr calls they work on O_PATH descriptors, so nothing is opened.
     */
    @Override
    public void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        checkXattr("SETXATTR");
        checkWritable("SETXATTR");
        try (Inode inode = inodes.use(node)) {
            PosixFiles.setxattr(inode.procPath(), name, value, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        checkXattr("GETXATTR");
        try (Inode inode = inodes.use(node)) {
            return PosixFiles.getxattr(inode.procPath(), name);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public byte[] listxattr(Context ctx, long node) throws FsException {
        checkXattr("LISTXATTR");
        try (Inode inode = inodes.use(node)) {
            return PosixFiles.listxattr(inode.procPath());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    @Override
    public void removexattr(Context ctx, long node, byte[] name) throws FsException {
        checkXattr("REMOVEXATTR");
        checkWritable("REMOVEXATTR");
        try (Inode inode = inodes.use(node)) {
            PosixFiles.removexattr(inode.procPath(), name);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    // ---- for tests and diagnostics ------------------------------------------------------

    /** The lookup count of {@code node}, or -1 when the node is not (or no longer) known. */
    long lookupCount(long node) {
        return inodes.lookups(node);
    }

    /** Nodes known, the root included. */
    int nodeCount() {
        return inodes.size();
    }

    /** Open file and directory handles. */
    int handleCount() {
        return handles.size();
    }

    // ---- helpers ------------------------------------------------------------------------

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

    /** A syscall relative to the parent directory's O_PATH descriptor. */
    private interface AtCall {
        void run(int dirFd) throws SyscallException;
    }

    /** MKDIR, MKNOD, SYMLINK: check the name, run {@code call} as the guest, look the result up. */
    private EntryOut make(Context ctx, long parent, byte[] name, AtCall call) throws FsException {
        Names.checkEntry(name);
        checkWritable("create");
        try (Inode dir = inodes.use(parent)) {
            Credentials as = Credentials.creating(ctx);
            try {
                call.run(dir.fd());
            } finally {
                as.close();
            }
            return lookupIn(dir, name);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    private void remove(long parent, byte[] name, int flags) throws FsException {
        Names.checkEntry(name);
        checkWritable(flags == 0 ? "UNLINK" : "RMDIR");
        try (Inode dir = inodes.use(parent)) {
            PosixFiles.unlinkat(dir.fd(), name, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    private void sync(long node, long fh, boolean datasync) throws FsException {
        try (Handle handle = handles.use(fh, node)) {
            if (datasync) {
                PosixFiles.fdatasync(handle.fd());
            } else {
                PosixFiles.fsync(handle.fd());
            }
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** Looks {@code name} up in {@code dir}, counting one lookup. */
    private EntryOut lookupIn(Inode dir, byte[] name) throws FsException {
        try {
            int fd = openChild(dir, name);
            FileStat st;
            try {
                st = PosixFiles.fstat(fd);
            } catch (SyscallException e) {
                FileDescriptors.closeQuietly(fd);
                throw e;
            }
            return entry(inodes.register(fd, st), st);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * An O_PATH descriptor for {@code name} in {@code dir}, never outside the share: "." is
     * the directory itself; ".." of the root is the root; ".." elsewhere is resolved as
     * "{@code <dir's path below the root>/..}" by openat2 with RESOLVE_BENEATH from the root, so
     * even a directory the host moved does not lead the guest out. Other names are one
     * component opened with O_NOFOLLOW (also under RESOLVE_BENEATH).
     */
    private int openChild(Inode dir, byte[] name) throws SyscallException, FsException {
        if (Names.isDot(name) || Names.isDotDot(name)) {
            if (!dir.isDirectory()) {
                throw new FsException(Errno.ENOTDIR, "not a directory");
            }
            if (Names.isDot(name) || dir.id() == InodeTable.ROOT_ID) {
                return PosixFiles.dup(dir.fd());
            }
            byte[] below = pathBelowRoot(dir);
            byte[] parent = Arrays.copyOf(below, below.length + 3);
            parent[below.length] = '/';
            parent[below.length + 1] = '.';
            parent[below.length + 2] = '.';
            try (Inode root = inodes.useRoot()) {
                return openBeneath(root.fd(), parent, PosixFiles.RESOLVE_NO_SYMLINKS);
            }
        }
        return openBeneath(dir.fd(), name, 0);
    }

    /** openat2 RESOLVE_BENEATH (plus {@code extraResolve}); openat on kernels before 5.6. */
    private int openBeneath(int dirFd, byte[] path, long extraResolve) throws SyscallException, FsException {
        if (haveOpenat2) {
            try {
                return PosixFiles.openat2(dirFd, path, NODE_FLAGS, 0, BENEATH | extraResolve);
            } catch (SyscallException e) {
                if (e.errno() != PosixFiles.ENOSYS) {
                    throw e;
                }
                haveOpenat2 = false;
            }
        }
        // Without openat2: names are single components already, and a ".." result is
        // checked to be inside the root by its path.
        int fd = PosixFiles.openat(dirFd, path, NODE_FLAGS, 0);
        try {
            if (extraResolve != 0) {
                pathBelowRoot(PosixFiles.readlinkat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(fd)));
            }
            return fd;
        } catch (SyscallException | FsException | RuntimeException e) {
            FileDescriptors.closeQuietly(fd);
            throw e;
        }
    }

    /** {@code dir}'s path relative to the shared root ("" for the root itself). */
    private byte[] pathBelowRoot(Inode dir) throws SyscallException, FsException {
        return pathBelowRoot(PosixFiles.readlinkat(PosixFiles.AT_FDCWD, dir.procPath()));
    }

    private byte[] pathBelowRoot(byte[] path) throws FsException {
        if (Arrays.equals(path, rootPath)) {
            return new byte[0];
        }
        int skip = rootPath.length == 1 ? 1 : rootPath.length + 1; // the root "/" has no extra '/'
        boolean below = path.length > skip
                && Arrays.equals(path, 0, rootPath.length, rootPath, 0, rootPath.length)
                && path[skip - 1] == '/';
        if (!below) {
            // Moved out of the share by the host, or deleted: no parent the guest may see.
            throw new FsException(Errno.ENOENT, "directory is no longer inside the share");
        }
        return Arrays.copyOfRange(path, skip, path.length);
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
        int existing = openBeneath(dir.fd(), name, 0);
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
     * path), O_NOATIME (EPERM unless the daemon owns the file; Rust virtiofsd issues #99,
     * #180), O_DIRECT (guest buffers need not be aligned) and O_PATH/O_TMPFILE; with
     * O_CLOEXEC. O_APPEND, O_TRUNC, O_SYNC and the access mode are kept.
     */
    static int hostOpenFlags(int guestFlags) {
        return (guestFlags & ~STRIPPED_OPEN_FLAGS) | PosixFiles.O_CLOEXEC;
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

    private void truncate(Inode inode, long fh, long size) throws FsException, SyscallException {
        if (fh != -1) {
            try (Handle handle = handles.use(fh, inode.id())) {
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

    private int openRootDirectory() throws SyscallException {
        try (Inode root = inodes.useRoot()) {
            return PosixFiles.openat(root.fd(), HERE, PosixFiles.O_RDONLY | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
        }
    }

    private EntryOut lookupOrUnlinked(Inode dir, DirEntry e) {
        try {
            return lookupIn(dir, e.name());
        } catch (FsException gone) {
            return unlinkedEntry(e);
        }
    }

    /** A READDIRPLUS entry with nodeid 0: the name and type only, nothing counted. */
    private static EntryOut unlinkedEntry(DirEntry e) {
        Attr attr = new Attr(e.ino(), 0, 0, 0, 0, 0, 0, 0, 0, e.type() << 12, 0, 0, 0, 0, 0, 0);
        return new EntryOut(0, 0, 0, 0, 0, 0, attr);
    }

    private FileStat stat(Inode inode) throws FsException {
        try {
            return PosixFiles.fstat(inode.fd());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    private EntryOut entry(long id, FileStat st) {
        return new EntryOut(id, 0, timeout, timeout, 0, 0, attr(st));
    }

    private static Attr attr(FileStat st) {
        return new Attr(st.ino(), st.size(), st.blocks(), st.atime(), st.mtime(), st.ctime(),
                (int) st.atimeNsec(), (int) st.mtimeNsec(), (int) st.ctimeNsec(), st.mode(),
                (int) Math.min(st.nlink(), 0xFFFF_FFFFL), st.uid(), st.gid(), (int) st.rdev(), (int) st.blksize(), 0);
    }

    private void checkWritable(String op) throws FsException {
        if (options.readonly()) {
            throw new FsException(Errno.EROFS, op + " on a read-only share");
        }
    }

    private void checkXattr(String op) throws FsException {
        if (!options.xattr()) {
            throw FileSystem.unsupported(op);
        }
    }

    /** A host errno, passed to the guest unchanged; other I/O failures are EIO. */
    private static FsException errno(IOException e) {
        if (e instanceof SyscallException s) {
            return new FsException(s.errno(), s.getMessage());
        }
        return new FsException(Errno.EIO, String.valueOf(e.getMessage()));
    }
}
