package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.LINK;
import static dev.vfc.fuse.FuseOpcode.READLINK;
import static dev.vfc.fuse.FuseOpcode.RENAME2;
import static dev.vfc.fuse.FuseOpcode.RENAME;
import static dev.vfc.fuse.FuseOpcode.RMDIR;
import static dev.vfc.fuse.FuseOpcode.SYMLINK;
import static dev.vfc.fuse.FuseOpcode.UNLINK;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Bugs in UNLINK, RMDIR, RENAME, RENAME2, LINK, SYMLINK and READLINK. */
final class NamespaceMutants {

    /** RENAME_NOREPLACE and RENAME_EXCHANGE (include/uapi/linux/fs.h). */
    private static final int NOREPLACE = 1;
    private static final int EXCHANGE = 2;

    private NamespaceMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                Mutant.ofFileSystem("unlink-missing-eio", "answers EIO instead of ENOENT to UNLINK of a missing name",
                        "the C virtiofsd of QEMU 7.2 (this suite's metadata/errno/unlink-missing)", Set.of(UNLINK),
                        fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void unlink(Context ctx, long parent, byte[] name) throws FsException {
                                Errnos.swapping(Errno.ENOENT, Errno.EIO, () -> delegate.unlink(ctx, parent, name));
                            }
                        }),
                Mutant.ofFileSystem("unlink-keeps-file", "UNLINK answers success and leaves the file", "",
                        Set.of(UNLINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void unlink(Context ctx, long parent, byte[] name) throws FsException {
                                delegate.lookup(ctx, parent, name);
                            }
                        }),
                Mutant.ofFileSystem("rmdir-notempty-as-eio", "answers EIO instead of ENOTEMPTY to RMDIR of a full "
                        + "directory", "", Set.of(RMDIR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void rmdir(Context ctx, long parent, byte[] name) throws FsException {
                                Errnos.swapping(Errno.ENOTEMPTY, Errno.EIO, () -> delegate.rmdir(ctx, parent, name));
                            }
                        }),
                Mutant.ofFileSystem("rmdir-missing-eio", "answers EIO instead of ENOENT to RMDIR of a missing name", "",
                        Set.of(RMDIR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void rmdir(Context ctx, long parent, byte[] name) throws FsException {
                                Errnos.swapping(Errno.ENOENT, Errno.EIO, () -> delegate.rmdir(ctx, parent, name));
                            }
                        }),
                Mutant.ofFileSystem("rename-missing-eio", "answers EIO instead of ENOENT to RENAME of a missing source",
                        "", Set.of(RENAME, RENAME2), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName,
                                    int flags) throws FsException {
                                Errnos.swapping(Errno.ENOENT, Errno.EIO, () -> delegate.rename(ctx, oldParent, oldName, newParent, newName, flags));
                            }
                        }),
                renaming("rename-noreplace-overwrites", "RENAME2 with RENAME_NOREPLACE replaces an existing target",
                        NOREPLACE),
                renaming("rename-exchange-moves-one-way", "RENAME2 with RENAME_EXCHANGE moves the source over the target",
                        EXCHANGE),
                Mutant.ofFileSystem("rename-eio", "RENAME of a file to a free name answers EIO", "",
                        Set.of(RENAME, RENAME2), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName,
                                    int flags) throws FsException {
                                throw Errnos.errno(Errno.EIO);
                            }
                        }),
                Mutant.ofFileSystem("link-stale-nlink", "LINK's reply gives the link count from before the link", "",
                        Set.of(LINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut link(Context ctx, long node, long newParent, byte[] newName)
                                    throws FsException {
                                EntryOut e = delegate.link(ctx, node, newParent, newName);
                                Attr t = e.attr();
                                return EntryMutants.withAttr(e, new Attr(t.ino(), t.size(), t.blocks(), t.atime(),
                                        t.mtime(), t.ctime(), t.atimensec(), t.mtimensec(), t.ctimensec(), t.mode(),
                                        t.nlink() - 1, t.uid(), t.gid(), t.rdev(), t.blksize(), t.flags()));
                            }
                        }),
                Mutant.ofFileSystem("link-eperm", "LINK answers EPERM, as if hard links were not allowed", "",
                        Set.of(LINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut link(Context ctx, long node, long newParent, byte[] newName)
                                    throws FsException {
                                throw Errnos.errno(Errno.EPERM);
                            }
                        }),
                Mutant.ofFileSystem("link-eexist-as-eio", "answers EIO instead of EEXIST to LINK over an existing name",
                        "", Set.of(LINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut link(Context ctx, long node, long newParent, byte[] newName)
                                    throws FsException {
                                return Errnos.swapping(Errno.EEXIST, Errno.EIO, () -> delegate.link(ctx, node, newParent, newName));
                            }
                        }),
                Mutant.ofFileSystem("symlink-eexist-as-eio", "answers EIO instead of EEXIST to SYMLINK over an existing "
                        + "name", "", Set.of(SYMLINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name)
                                    throws FsException {
                                return Errnos.swapping(Errno.EEXIST, Errno.EIO, () -> delegate.symlink(ctx, target, parent, name));
                            }
                        }),
                Mutant.ofFileSystem("symlink-target-truncated", "SYMLINK stores the target without its last byte", "",
                        Set.of(SYMLINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name)
                                    throws FsException {
                                return delegate.symlink(ctx, Arrays.copyOf(target, Math.max(1, target.length - 1)),
                                        parent, name);
                            }
                        }),
                Mutant.ofFileSystem("readlink-truncated", "READLINK returns the target without its last byte", "",
                        Set.of(READLINK), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public byte[] readlink(Context ctx, long node) throws FsException {
                                byte[] t = delegate.readlink(ctx, node);
                                return Arrays.copyOf(t, Math.max(0, t.length - 1));
                            }
                        }));
    }

    private static Mutant renaming(String name, String bug, int droppedFlag) {
        return Mutant.ofFileSystem(name, bug, "", Set.of(RENAME2), fs -> new ForwardingFileSystem(fs) {
            @Override
            public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags)
                    throws FsException {
                delegate.rename(ctx, oldParent, oldName, newParent, newName, flags & ~droppedFlag);
            }
        });
    }
}
