package dev.vfc.passthrough;

import static dev.vfc.passthrough.SharedTree.HERE;
import static dev.vfc.passthrough.SharedTree.attr;
import static dev.vfc.passthrough.SharedTree.errno;

import dev.vfc.fs.Context;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.DirEntry;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;

/**
 * The open directories of {@link PassthroughFileSystem}: OPENDIR, READDIR(PLUS), RELEASEDIR
 * and FSYNCDIR.
 */
final class PassthroughDirectories {

    private final SharedTree tree;

    PassthroughDirectories(SharedTree tree) {
        this.tree = tree;
    }

    Opened opendir(Context ctx, long node, int flags) throws FsException {
        try (Inode inode = tree.inodes().use(node)) {
            if (!inode.isDirectory()) {
                throw new FsException(Errno.ENOTDIR, "not a directory");
            }
            int fd = PosixFiles.openat(inode.fd(), HERE,
                    PosixFiles.O_RDONLY | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
            return new Opened(tree.handles().add(node, fd, true), tree.options().cache().directoryOpenFlags());
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
    void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        try (Handle handle = tree.handles().use(fh, node); Inode dir = tree.inodes().use(node)) {
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
                    tree.inodes().forget(entry.nodeid(), 1);
                }
                return accepted;
            });
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    void releasedir(Context ctx, long node, long fh) throws FsException {
        tree.handles().remove(fh, node);
    }

    void fsyncdir(Context ctx, long node, long fh, boolean datasync) throws FsException {
        tree.sync(node, fh, datasync);
    }

    private EntryOut lookupOrUnlinked(Inode dir, DirEntry e) {
        try {
            return tree.lookupIn(dir, e.name());
        } catch (FsException gone) {
            return unlinkedEntry(e);
        }
    }

    /** A READDIRPLUS entry with nodeid 0: the name and type only, nothing counted. */
    private static EntryOut unlinkedEntry(DirEntry e) {
        Attr attr = new Attr(e.ino(), 0, 0, 0, 0, 0, 0, 0, 0, e.type() << 12, 0, 0, 0, 0, 0, 0);
        return new EntryOut(0, 0, 0, 0, 0, 0, attr);
    }
}
