package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.ACCESS;
import static dev.vfc.fuse.FuseOpcode.GETATTR;
import static dev.vfc.fuse.FuseOpcode.SETATTR;
import static dev.vfc.fuse.FuseOpcode.STATFS;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.util.List;
import java.util.Set;

/** Bugs in GETATTR, SETATTR, STATFS and ACCESS. */
final class AttributeMutants {

    private AttributeMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                Mutant.ofFileSystem("getattr-size-minus-one", "GETATTR reports every file one byte shorter than it is",
                        "", Set.of(GETATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
                                AttrOut a = delegate.getattr(ctx, node, fh);
                                return new AttrOut(a.attrValid(), a.attrValidNsec(), withSize(a.attr(), -1));
                            }
                        }),
                Mutant.ofFileSystem("getattr-mode-without-type", "GETATTR drops the file-type bits (S_IFMT) from mode",
                        "", Set.of(GETATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
                                AttrOut a = delegate.getattr(ctx, node, fh);
                                Attr t = a.attr();
                                return new AttrOut(a.attrValid(), a.attrValidNsec(), new Attr(t.ino(), t.size(), t.blocks(),
                                        t.atime(), t.mtime(), t.ctime(), t.atimensec(), t.mtimensec(), t.ctimensec(),
                                        t.mode() & 07777, t.nlink(), t.uid(), t.gid(), t.rdev(), t.blksize(), t.flags()));
                            }
                        }),
                Mutant.ofFileSystem("getattr-mtime-zero", "GETATTR reports every file's mtime as the epoch", "",
                        Set.of(GETATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
                                AttrOut a = delegate.getattr(ctx, node, fh);
                                Attr t = a.attr();
                                return new AttrOut(a.attrValid(), a.attrValidNsec(), new Attr(t.ino(), t.size(), t.blocks(),
                                        t.atime(), 0, t.ctime(), t.atimensec(), 0, t.ctimensec(), t.mode(), t.nlink(),
                                        t.uid(), t.gid(), t.rdev(), t.blksize(), t.flags()));
                            }
                        }),
                Mutant.ofFileSystem("setattr-replies-old-attributes", "SETATTR changes the file but replies with the "
                        + "attributes from before", "", Set.of(SETATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
                                AttrOut before = delegate.getattr(ctx, node, -1);
                                delegate.setattr(ctx, node, in);
                                return before;
                            }
                        }),
                setattrDropping("setattr-drops-size", "SETATTR ignores a new size (no truncate)", FattrFlags.SIZE),
                setattrDropping("setattr-drops-times", "SETATTR ignores atime and mtime, given or now",
                        FattrFlags.ATIME | FattrFlags.MTIME | FattrFlags.ATIME_NOW | FattrFlags.MTIME_NOW),
                setattrDropping("setattr-drops-mode", "SETATTR ignores a new mode (chmod)", FattrFlags.MODE),
                Mutant.ofFileSystem("statfs-zeroes", "STATFS answers zero blocks, files, block size and name length",
                        "", Set.of(STATFS), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public Kstatfs statfs(Context ctx, long node) throws FsException {
                                delegate.statfs(ctx, node);
                                return new Kstatfs(0, 0, 0, 0, 0, 0, 0, 0);
                            }
                        }),
                Mutant.ofFileSystem("access-always-granted", "ACCESS grants every mask, whoever asks", "",
                        Set.of(ACCESS), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void access(Context ctx, long node, int mask) {
                            }
                        }));
    }

    private static Mutant setattrDropping(String name, String bug, int fields) {
        return Mutant.ofFileSystem(name, bug, "", Set.of(SETATTR), fs -> new ForwardingFileSystem(fs) {
            @Override
            public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
                return delegate.setattr(ctx, node, new SetattrIn(in.valid() & ~fields, in.fh(), in.size(),
                        in.lockOwner(), in.atime(), in.mtime(), in.ctime(), in.atimensec(), in.mtimensec(),
                        in.ctimensec(), in.mode(), in.uid(), in.gid()));
            }
        });
    }

    static Attr withSize(Attr t, long delta) {
        return new Attr(t.ino(), Math.max(0, t.size() + delta), t.blocks(), t.atime(), t.mtime(), t.ctime(),
                t.atimensec(), t.mtimensec(), t.ctimensec(), t.mode(), t.nlink(), t.uid(), t.gid(), t.rdev(),
                t.blksize(), t.flags());
    }
}
