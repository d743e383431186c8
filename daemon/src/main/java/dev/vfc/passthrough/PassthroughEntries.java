package dev.vfc.passthrough;

import static dev.vfc.passthrough.SharedTree.errno;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.RenameFlags;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;

/**
 * The names of {@link PassthroughFileSystem}: LOOKUP, creating (MKNOD, MKDIR, SYMLINK, LINK)
 * and removing (UNLINK, RMDIR) names, and RENAME. Creating runs as the guest's user
 * ({@link Credentials}).
 */
final class PassthroughEntries {
    private static final int KNOWN_RENAME_FLAGS = RenameFlags.NOREPLACE | RenameFlags.EXCHANGE | RenameFlags.WHITEOUT;

    private final SharedTree tree;

    PassthroughEntries(SharedTree tree) {
        this.tree = tree;
    }

    EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        Names.checkLookup(name);
        try (Inode dir = tree.inodes().use(parent)) {
            return tree.lookupIn(dir, name);
        }
    }

    /**
     * Creates {@code name} (one component: an absolute name such as "/tmp/evil" is EINVAL,
     * CVE-2026-47243) holding {@code target}, which is any bytes, stored and never followed.
     */
    EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        if (target.length == 0) {
            throw new FsException(Errno.ENOENT, "empty symlink target");
        }
        return make(ctx, parent, name, dir -> PosixFiles.symlinkat(target, dir, name));
    }

    /**
     * Any file type may be created, devices too (as the guest's user, so only a guest root
     * can); it is opening them that is refused, see {@link #open}.
     */
    EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        int hostMode = (mode & PosixFiles.S_IFMT) | Credentials.mode(mode, umask);
        return make(ctx, parent, name, dir -> PosixFiles.mknodat(dir, name, hostMode, Integer.toUnsignedLong(rdev)));
    }

    EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        int hostMode = Credentials.mode(mode, umask);
        return make(ctx, parent, name, dir -> PosixFiles.mkdirat(dir, name, hostMode));
    }

    /**
     * A new name for {@code node}, made through /proc/self/fd with AT_SYMLINK_FOLLOW, which
     * links the inode itself (a symlink node gets a second symlink, never its target).
     */
    EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        Names.checkEntry(newName);
        tree.checkWritable("LINK");
        try (Inode inode = tree.inodes().use(node); Inode dir = tree.inodes().use(newParent)) {
            PosixFiles.linkat(PosixFiles.AT_FDCWD, inode.procPath(), dir.fd(), newName, PosixFiles.AT_SYMLINK_FOLLOW);
            return tree.lookupIn(dir, newName);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    void unlink(Context ctx, long parent, byte[] name) throws FsException {
        remove(parent, name, 0);
    }

    void rmdir(Context ctx, long parent, byte[] name) throws FsException {
        remove(parent, name, PosixFiles.AT_REMOVEDIR);
    }

    /**
     * renameat2 with NOREPLACE and EXCHANGE passed through; unknown bits and WHITEOUT are
     * EINVAL (a whiteout is a 0:0 character device made at the source, only useful to an
     * overlayfs upper layer, which a virtio-fs share is not meant to be).
     */
    void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags)
            throws FsException {
        Names.checkEntry(oldName);
        Names.checkEntry(newName);
        if ((flags & ~KNOWN_RENAME_FLAGS) != 0 || (flags & RenameFlags.WHITEOUT) != 0) {
            throw new FsException(Errno.EINVAL, "unsupported rename flags " + RenameFlags.describe(flags));
        }
        tree.checkWritable("RENAME");
        try (Inode from = tree.inodes().use(oldParent); Inode to = tree.inodes().use(newParent)) {
            PosixFiles.renameat2(from.fd(), oldName, to.fd(), newName, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /** A syscall relative to the parent directory's O_PATH descriptor. */
    private interface AtCall {
        void run(int dirFd) throws SyscallException;
    }

    /** MKDIR, MKNOD, SYMLINK: check the name, run {@code call} as the guest, look the result up. */
    private EntryOut make(Context ctx, long parent, byte[] name, AtCall call) throws FsException {
        Names.checkEntry(name);
        tree.checkWritable("create");
        try (Inode dir = tree.inodes().use(parent)) {
            Credentials as = Credentials.creating(ctx);
            try {
                call.run(dir.fd());
            } finally {
                as.close();
            }
            return tree.lookupIn(dir, name);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    private void remove(long parent, byte[] name, int flags) throws FsException {
        Names.checkEntry(name);
        tree.checkWritable(flags == 0 ? "UNLINK" : "RMDIR");
        try (Inode dir = tree.inodes().use(parent)) {
            PosixFiles.unlinkat(dir.fd(), name, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }
}
