package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.CREATE;
import static dev.vfc.fuse.FuseOpcode.LOOKUP;
import static dev.vfc.fuse.FuseOpcode.MKDIR;
import static dev.vfc.fuse.FuseOpcode.MKNOD;
import static dev.vfc.fuse.FuseOpcode.OPEN;

import dev.vfc.fs.Context;
import dev.vfc.fs.Created;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.util.List;
import java.util.Set;

/** Bugs in LOOKUP and in the operations that make an entry (MKDIR, MKNOD, CREATE). */
final class EntryMutants {

    /** O_EXCL and O_TRUNC of open(2) on x86-64 Linux (include/uapi/asm-generic/fcntl.h). */
    private static final int O_EXCL = 0200;
    private static final int O_TRUNC = 01000;

    private EntryMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                Mutant.ofFileSystem("lookup-missing-eio", "answers EIO instead of ENOENT to LOOKUP of a missing name",
                        "the C virtiofsd answers EIO where its inode table misses (this suite's UNLINK findings)",
                        Set.of(LOOKUP), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
                                return Errnos.swapping(Errno.ENOENT, Errno.EIO, () -> delegate.lookup(ctx, parent, name));
                            }
                        }),
                Mutant.ofFileSystem("lookup-size-plus-one", "LOOKUP replies carry the file's size plus one", "",
                        Set.of(LOOKUP), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
                                return withSize(delegate.lookup(ctx, parent, name), 1);
                            }
                        }),
                Mutant.ofFileSystem("mkdir-ignores-umask", "MKDIR applies no umask to the new directory's mode",
                        "FUSE_DONT_MASK handling: the umask is the server's to apply when the kernel passes it",
                        Set.of(MKDIR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask)
                                    throws FsException {
                                return delegate.mkdir(ctx, parent, name, mode, 0);
                            }
                        }),
                Mutant.ofFileSystem("mkdir-eexist-as-eio", "answers EIO instead of EEXIST to MKDIR over an existing name",
                        "", Set.of(MKDIR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask)
                                    throws FsException {
                                return Errnos.swapping(Errno.EEXIST, Errno.EIO, () -> delegate.mkdir(ctx, parent, name, mode, umask));
                            }
                        }),
                Mutant.ofFileSystem("mknod-ignores-umask", "MKNOD applies no umask to the new node's mode", "",
                        Set.of(MKNOD), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask)
                                    throws FsException {
                                return delegate.mknod(ctx, parent, name, mode, rdev, 0);
                            }
                        }),
                Mutant.ofFileSystem("create-ignores-umask", "CREATE applies no umask to the new file's mode", "",
                        Set.of(CREATE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask)
                                    throws FsException {
                                return delegate.create(ctx, parent, name, flags, mode, 0);
                            }
                        }),
                Mutant.ofFileSystem("create-ignores-mode", "CREATE makes every file 0666 whatever mode the guest asked",
                        "", Set.of(CREATE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask)
                                    throws FsException {
                                return delegate.create(ctx, parent, name, flags, (mode & ~07777) | 0666, umask);
                            }
                        }),
                Mutant.ofFileSystem("create-ignores-excl", "CREATE with O_EXCL opens an existing file instead of EEXIST",
                        "", Set.of(CREATE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask)
                                    throws FsException {
                                return delegate.create(ctx, parent, name, flags & ~O_EXCL, mode, umask);
                            }
                        }),
                Mutant.ofFileSystem("create-eexist-as-eio", "answers EIO instead of EEXIST to CREATE with O_EXCL of an "
                        + "existing name", "", Set.of(CREATE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask)
                                    throws FsException {
                                return Errnos.swapping(Errno.EEXIST, Errno.EIO, () -> delegate.create(ctx, parent, name, flags, mode, umask));
                            }
                        }),
                Mutant.ofFileSystem("open-ignores-trunc", "OPEN and CREATE with O_TRUNC keep an existing file's bytes",
                        "", Set.of(OPEN, CREATE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public Opened open(Context ctx, long node, int flags) throws FsException {
                                return delegate.open(ctx, node, flags & ~O_TRUNC);
                            }

                            @Override
                            public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask)
                                    throws FsException {
                                return delegate.create(ctx, parent, name, flags & ~O_TRUNC, mode, umask);
                            }
                        }));
    }

    /** {@code e} with its attributes' size moved by {@code delta}. */
    static EntryOut withSize(EntryOut e, long delta) {
        return new EntryOut(e.nodeid(), e.generation(), e.entryValid(), e.attrValid(), e.entryValidNsec(),
                e.attrValidNsec(), AttributeMutants.withSize(e.attr(), delta));
    }

    static EntryOut withAttr(EntryOut e, Attr a) {
        return new EntryOut(e.nodeid(), e.generation(), e.entryValid(), e.attrValid(), e.entryValidNsec(),
                e.attrValidNsec(), a);
    }
}
