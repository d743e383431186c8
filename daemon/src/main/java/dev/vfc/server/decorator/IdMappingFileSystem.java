package dev.vfc.server.decorator;

import dev.vfc.fs.Context;
import dev.vfc.fs.Created;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.SetattrIn;

/**
 * {@code --translate-uid} / {@code --translate-gid}, done by the daemon as Rust virtiofsd 1.13
 * does without a user namespace (src/soft_idmap/, applied in src/passthrough/mod.rs): the caller's
 * uid and gid of every request, and the owner a SETATTR sets, go guest to host; the owner in
 * every attribute answered (entries, GETATTR, SETATTR, READDIRPLUS) goes host to guest. A
 * {@code forbid-guest} id is EPERM when it would become a file's owner: a creating request by
 * such a caller, or a SETATTR to such an owner.
 */
public final class IdMappingFileSystem extends ForwardingFileSystem {

    private final IdMap uids;
    private final IdMap gids;

    public IdMappingFileSystem(FileSystem delegate, IdMap uids, IdMap gids) {
        super(delegate);
        this.uids = uids;
        this.gids = gids;
    }

    /** The caller as the host sees it; forbidden ids stay as they are (they may still read). */
    private Context host(Context ctx) {
        long uid = uids.toHost(ctx.uid());
        long gid = gids.toHost(ctx.gid());
        return new Context(uid < 0 ? ctx.uid() : (int) uid, gid < 0 ? ctx.gid() : (int) gid, ctx.pid());
    }

    /** The caller as the host sees it, for a request that makes a file it will own. */
    private Context creator(Context ctx) throws FsException {
        long uid = uids.toHost(ctx.uid());
        long gid = gids.toHost(ctx.gid());
        if (uid < 0 || gid < 0) {
            throw new FsException(Errno.EPERM, "forbidden guest id (--translate-uid/--translate-gid)");
        }
        return new Context((int) uid, (int) gid, ctx.pid());
    }

    private Attr guest(Attr a) {
        return new Attr(a.ino(), a.size(), a.blocks(), a.atime(), a.mtime(), a.ctime(), a.atimensec(), a.mtimensec(),
                a.ctimensec(), a.mode(), a.nlink(), uids.toGuest(a.uid()), gids.toGuest(a.gid()), a.rdev(),
                a.blksize(), a.flags());
    }

    private EntryOut guest(EntryOut e) {
        if (e == null || e.nodeid() == 0 && e.attr().mode() == 0) {
            return e;
        }
        return new EntryOut(e.nodeid(), e.generation(), e.entryValid(), e.attrValid(), e.entryValidNsec(),
                e.attrValidNsec(), guest(e.attr()));
    }

    private AttrOut guest(AttrOut a) {
        return new AttrOut(a.attrValid(), a.attrValidNsec(), guest(a.attr()));
    }

    @Override
    public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        return guest(delegate.lookup(host(ctx), parent, name));
    }

    @Override
    public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        return guest(delegate.getattr(host(ctx), node, fh));
    }

    @Override
    public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        int uid = in.uid();
        int gid = in.gid();
        if ((in.valid() & FattrFlags.UID) != 0) {
            uid = (int) checked(uids.toHost(in.uid()));
        }
        if ((in.valid() & FattrFlags.GID) != 0) {
            gid = (int) checked(gids.toHost(in.gid()));
        }
        SetattrIn mapped = new SetattrIn(in.valid(), in.fh(), in.size(), in.lockOwner(), in.atime(), in.mtime(),
                in.ctime(), in.atimensec(), in.mtimensec(), in.ctimensec(), in.mode(), uid, gid);
        return guest(delegate.setattr(host(ctx), node, mapped));
    }

    private static long checked(long id) throws FsException {
        if (id < 0) {
            throw new FsException(Errno.EPERM, "forbidden guest id (--translate-uid/--translate-gid)");
        }
        return id;
    }

    @Override
    public EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        return guest(delegate.mknod(creator(ctx), parent, name, mode, rdev, umask));
    }

    @Override
    public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        return guest(delegate.mkdir(creator(ctx), parent, name, mode, umask));
    }

    @Override
    public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        return guest(delegate.symlink(creator(ctx), target, parent, name));
    }

    @Override
    public EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        return guest(delegate.link(host(ctx), node, newParent, newName));
    }

    @Override
    public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException {
        Created c = delegate.create(creator(ctx), parent, name, flags, mode, umask);
        return new Created(guest(c.entry()), c.opened());
    }

    @Override
    public void access(Context ctx, long node, int mask) throws FsException {
        delegate.access(host(ctx), node, mask);
    }

    @Override
    public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        delegate.readdir(host(ctx), node, fh, offset, new DirectorySink() {
            @Override
            public boolean add(Dirent dirent, EntryOut entry) {
                return sink.add(dirent, guest(entry));
            }

            @Override
            public boolean plus() {
                return sink.plus();
            }
        });
    }
}
