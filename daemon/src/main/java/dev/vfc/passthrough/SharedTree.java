package dev.vfc.passthrough;

import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrFlags;
import dev.vfc.fuse.FopenFlags;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.FileStat;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What every part of {@link PassthroughFileSystem} shares: the options, the node and handle
 * tables, and the one way a name is resolved beneath the shared root (LOOKUP's and every
 * creating operation's), with the conversions from host stat to FUSE attributes.
 */
final class SharedTree {

    /** O_PATH descriptors for nodes: never open the file itself, never follow a symlink. */
    private static final int NODE_FLAGS = PosixFiles.O_PATH | PosixFiles.O_NOFOLLOW | PosixFiles.O_CLOEXEC;
    private static final long BENEATH = PosixFiles.RESOLVE_BENEATH | PosixFiles.RESOLVE_NO_MAGICLINKS;
    static final byte[] HERE = {'.'};
    static final byte[] NO_NAME = {};

    private final PassthroughOptions options;
    private final long timeout;
    private final InodeTable inodes;
    private final HandleTable handles = new HandleTable();
    /** The shared directory as the kernel names it (readlink of its /proc/self/fd entry). */
    private final byte[] rootPath;
    private volatile boolean haveOpenat2 = true;
    /** What the running session's INIT granted of the flags the features ask for. */
    private volatile long granted;

    /**
     * Opens {@code options.sharedDir()} (following it if it is a symlink: that is the
     * administrator's choice, not the guest's).
     *
     * @throws IOException when it cannot be opened or is not a directory
     */
    SharedTree(PassthroughOptions options) throws IOException {
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

    PassthroughOptions options() {
        return options;
    }

    /** Entry and attribute timeout in seconds, from the cache mode. */
    long timeout() {
        return timeout;
    }

    InodeTable inodes() {
        return inodes;
    }

    HandleTable handles() {
        return handles;
    }

    /** Remembers the INIT flags granted, which some features act on only when granted. */
    void granted(long flags) {
        granted = flags;
    }

    /** FUSE_WRITEBACK_CACHE was asked for ({@code --writeback}) and granted. */
    boolean writebackGranted() {
        return (granted & FuseInitFlags.WRITEBACK_CACHE) != 0;
    }

    /** FUSE_POSIX_ACL was asked for ({@code --posix-acl}) and granted. */
    boolean aclGranted() {
        return (granted & FuseInitFlags.POSIX_ACL) != 0;
    }

    /**
     * FOPEN_* flags for OPEN and CREATE replies: the cache mode's, except that with
     * {@code --allow-mmap} under cache never FOPEN_DIRECT_IO is left out. Rust virtiofsd 1.13
     * keeps DIRECT_IO and grants FUSE_DIRECT_IO_ALLOW_MMAP instead (src/passthrough/mod.rs
     * {@code init}), a fuse.h 7.39 flag; at our 7.38 the only way to let the guest map a file
     * shared is to leave its page cache on (Linux before 6.6 refuses MAP_SHARED on DIRECT_IO
     * files, fs/fuse/file.c fuse_file_mmap). Timeouts stay 0.
     */
    int fileOpenFlags() {
        int flags = options.cache().fileOpenFlags();
        if (options.features().allowMmap() && options.cache() == CacheMode.NEVER) {
            flags &= ~FopenFlags.DIRECT_IO;
        }
        return flags;
    }

    /**
     * {@code --announce-submounts}, as Rust's {@code do_lookup}: a directory whose st_dev differs
     * from its parent's is the root of another mount, and the guest may give it its own.
     */
    private boolean isSubmount(Inode dir, FileStat st) {
        return options.features().announceSubmounts() && (granted & FuseInitFlags.SUBMOUNTS) != 0
                && st.isDirectory() && st.dev() != dir.dev();
    }

    private static EntryOut withAttrFlags(EntryOut e, int flags) {
        Attr a = e.attr();
        Attr flagged = new Attr(a.ino(), a.size(), a.blocks(), a.atime(), a.mtime(), a.ctime(), a.atimensec(),
                a.mtimensec(), a.ctimensec(), a.mode(), a.nlink(), a.uid(), a.gid(), a.rdev(), a.blksize(),
                a.flags() | flags);
        return new EntryOut(e.nodeid(), e.generation(), e.entryValid(), e.attrValid(), e.entryValidNsec(),
                e.attrValidNsec(), flagged);
    }

    void sync(long node, long fh, boolean datasync) throws FsException {
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
    EntryOut lookupIn(Inode dir, byte[] name) throws FsException {
        try {
            int fd = openChild(dir, name);
            FileStat st;
            try {
                st = PosixFiles.fstat(fd);
            } catch (SyscallException e) {
                FileDescriptors.closeQuietly(fd);
                throw e;
            }
            EntryOut out = entry(inodes.register(fd, st), st);
            return isSubmount(dir, st) ? withAttrFlags(out, AttrFlags.SUBMOUNT) : out;
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
    int openBeneath(int dirFd, byte[] path, long extraResolve) throws SyscallException, FsException {
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
    byte[] pathBelowRoot(Inode dir) throws SyscallException, FsException {
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

    FileStat stat(Inode inode) throws FsException {
        try {
            return PosixFiles.fstat(inode.fd());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    EntryOut entry(long id, FileStat st) {
        return new EntryOut(id, 0, timeout, timeout, 0, 0, attr(st));
    }

    static Attr attr(FileStat st) {
        return new Attr(st.ino(), st.size(), st.blocks(), st.atime(), st.mtime(), st.ctime(),
                (int) st.atimeNsec(), (int) st.mtimeNsec(), (int) st.ctimeNsec(), st.mode(),
                (int) Math.min(st.nlink(), 0xFFFF_FFFFL), st.uid(), st.gid(), (int) st.rdev(), (int) st.blksize(), 0);
    }

    void checkWritable(String op) throws FsException {
        if (options.readonly()) {
            throw new FsException(Errno.EROFS, op + " on a read-only share");
        }
    }

    void checkXattr(String op) throws FsException {
        if (!options.xattr()) {
            throw FileSystem.unsupported(op);
        }
    }

    /** A host errno, passed to the guest unchanged; other I/O failures are EIO. */
    static FsException errno(IOException e) {
        if (e instanceof SyscallException s) {
            return new FsException(s.errno(), s.getMessage());
        }
        return new FsException(Errno.EIO, String.valueOf(e.getMessage()));
    }
}
