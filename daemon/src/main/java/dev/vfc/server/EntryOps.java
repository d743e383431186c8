package dev.vfc.server;

import dev.vfc.fs.Created;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.BatchForgetIn;
import dev.vfc.fuse.CreateIn;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.ForgetIn;
import dev.vfc.fuse.ForgetOne;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.LinkIn;
import dev.vfc.fuse.MkdirIn;
import dev.vfc.fuse.MknodIn;
import dev.vfc.fuse.OpenOut;
import dev.vfc.fuse.Rename2In;
import dev.vfc.fuse.RenameIn;
import java.util.List;

/**
 * Directory entries and their lookup counts: LOOKUP, FORGET, BATCH_FORGET, MKNOD, MKDIR, SYMLINK,
 * LINK, UNLINK, RMDIR, RENAME, RENAME2, CREATE. Names are checked by {@link Names} first.
 */
final class EntryOps {

    private final FileSystem fs;

    EntryOps(FileSystem fs) {
        this.fs = fs;
    }

    void register(Dispatcher d) {
        int entry = EntryOut.SIZE;
        d.on(FuseOpcode.LOOKUP, 0, entry, r -> Reply.of(fs.lookup(r.ctx(), r.nodeid(), Names.lookup(r.name()))))
                .on(FuseOpcode.FORGET, ForgetIn.SIZE, 0, this::forget)
                .on(FuseOpcode.BATCH_FORGET, BatchForgetIn.SIZE, 0, this::batchForget)
                .on(FuseOpcode.MKNOD, MknodIn.SIZE, entry, this::mknod)
                .on(FuseOpcode.MKDIR, MkdirIn.SIZE, entry, this::mkdir)
                .on(FuseOpcode.SYMLINK, 0, entry, this::symlink)
                .on(FuseOpcode.LINK, LinkIn.SIZE, entry, this::link)
                .on(FuseOpcode.UNLINK, 0, 0, this::unlink)
                .on(FuseOpcode.RMDIR, 0, 0, this::rmdir)
                .on(FuseOpcode.RENAME, RenameIn.SIZE, 0, this::rename)
                .on(FuseOpcode.RENAME2, Rename2In.SIZE, 0, this::rename2)
                .on(FuseOpcode.CREATE, CreateIn.SIZE, entry + OpenOut.SIZE, this::create);
    }

    private Reply forget(Request r) {
        fs.forget(r.nodeid(), ForgetIn.decode(r.body()).nlookup());
        return Reply.NONE;
    }

    /**
     * Forgets as many items as the body really holds: a {@code count} larger than the body is a
     * broken driver, but the items that did arrive are real lookups to drop, and FORGET-type requests
     * have no reply in which to complain (the Rust virtiofsd 1.13's vring worker panics here instead:
     * this suite's robustness/batch-forget/count-past-body).
     */
    private Reply batchForget(Request r) {
        long count = Integer.toUnsignedLong(BatchForgetIn.decode(r.body()).count());
        long fits = r.body().remaining() / ForgetOne.SIZE;
        for (long i = 0, n = Math.min(count, fits); i < n; i++) {
            ForgetOne one = ForgetOne.decode(r.body());
            fs.forget(one.nodeid(), one.nlookup());
        }
        return Reply.NONE;
    }

    private Reply mknod(Request r) throws FsException {
        MknodIn in = MknodIn.decode(r.body());
        byte[] name = Names.component(r.name(), "MKNOD");
        return Reply.of(fs.mknod(r.ctx(), r.nodeid(), name, in.mode(), in.rdev(), in.umask()));
    }

    private Reply mkdir(Request r) throws FsException {
        MkdirIn in = MkdirIn.decode(r.body());
        byte[] name = Names.component(r.name(), "MKDIR");
        return Reply.of(fs.mkdir(r.ctx(), r.nodeid(), name, in.mode(), in.umask()));
    }

    /** The body is the new entry's name, then the link target (fs/fuse/dir.c, fuse_symlink). */
    private Reply symlink(Request r) throws FsException {
        List<byte[]> names = r.names(2);
        byte[] name = Names.component(names.get(0), "SYMLINK");
        byte[] target = Names.symlinkTarget(names.get(1));
        return Reply.of(fs.symlink(r.ctx(), target, r.nodeid(), name));
    }

    /** The header's node is the new parent; the body names the existing node and the new name. */
    private Reply link(Request r) throws FsException {
        LinkIn in = LinkIn.decode(r.body());
        byte[] name = Names.component(r.name(), "LINK");
        return Reply.of(fs.link(r.ctx(), in.oldnodeid(), r.nodeid(), name));
    }

    private Reply unlink(Request r) throws FsException {
        fs.unlink(r.ctx(), r.nodeid(), Names.component(r.name(), "UNLINK"));
        return Reply.EMPTY;
    }

    private Reply rmdir(Request r) throws FsException {
        fs.rmdir(r.ctx(), r.nodeid(), Names.component(r.name(), "RMDIR"));
        return Reply.EMPTY;
    }

    private Reply rename(Request r) throws FsException {
        return rename(r, RenameIn.decode(r.body()).newdir(), 0, "RENAME");
    }

    private Reply rename2(Request r) throws FsException {
        Rename2In in = Rename2In.decode(r.body());
        return rename(r, in.newdir(), in.flags(), "RENAME2");
    }

    private Reply rename(Request r, long newdir, int flags, String op) throws FsException {
        List<byte[]> names = r.names(2);
        byte[] oldName = Names.component(names.get(0), op);
        byte[] newName = Names.component(names.get(1), op);
        fs.rename(r.ctx(), r.nodeid(), oldName, newdir, newName, flags);
        return Reply.EMPTY;
    }

    /** The reply is fuse_entry_out then fuse_open_out: 16 + 128 + 16 bytes. */
    private Reply create(Request r) throws FsException {
        CreateIn in = CreateIn.decode(r.body());
        byte[] name = Names.component(r.name(), "CREATE");
        Created c = fs.create(r.ctx(), r.nodeid(), name, in.flags(), in.mode(), in.umask());
        return Reply.of(c.entry(), new OpenOut(c.opened().fh(), c.opened().openFlags()));
    }
}
