package dev.vfc.server;

import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.AccessIn;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetattrFlags;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.SetattrIn;

/** A node's attributes: GETATTR, SETATTR, READLINK, ACCESS. */
final class AttrOps {

    private final FileSystem fs;

    AttrOps(FileSystem fs) {
        this.fs = fs;
    }

    void register(Dispatcher d) {
        d.on(FuseOpcode.GETATTR, GetattrIn.SIZE, AttrOut.SIZE, this::getattr)
                .on(FuseOpcode.SETATTR, SetattrIn.SIZE, AttrOut.SIZE,
                        r -> Reply.of(fs.setattr(r.ctx(), r.nodeid(), SetattrIn.decode(r.body()))))
                .on(FuseOpcode.READLINK, 0, Route.VARIABLE, r -> Reply.bytes(fs.readlink(r.ctx(), r.nodeid())))
                .on(FuseOpcode.ACCESS, AccessIn.SIZE, 0, this::access);
    }

    /** fh only counts with FUSE_GETATTR_FH; the interface says -1 otherwise (OVMF never sets it). */
    private Reply getattr(Request r) throws FsException {
        GetattrIn in = GetattrIn.decode(r.body());
        long fh = (in.getattrFlags() & GetattrFlags.FH) != 0 ? in.fh() : -1;
        return Reply.of(fs.getattr(r.ctx(), r.nodeid(), fh));
    }

    private Reply access(Request r) throws FsException {
        fs.access(r.ctx(), r.nodeid(), AccessIn.decode(r.body()).mask());
        return Reply.EMPTY;
    }
}
