package dev.vfc.server;

import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetxattrIn;
import dev.vfc.fuse.GetxattrOut;
import dev.vfc.fuse.SetxattrIn;

/** Extended attributes: SETXATTR, GETXATTR, LISTXATTR, REMOVEXATTR. */
final class XattrOps {

    private final FileSystem fs;

    XattrOps(FileSystem fs) {
        this.fs = fs;
    }

    void register(Dispatcher d) {
        d.on(FuseOpcode.SETXATTR, SetxattrIn.COMPAT_SIZE, 0, this::setxattr)
                .on(FuseOpcode.GETXATTR, GetxattrIn.SIZE, Route.VARIABLE, this::getxattr)
                .on(FuseOpcode.LISTXATTR, GetxattrIn.SIZE, Route.VARIABLE, this::listxattr)
                .on(FuseOpcode.REMOVEXATTR, 0, 0, this::removexattr);
    }

    /**
     * The struct is 16 bytes when this session negotiated FUSE_SETXATTR_EXT and 8 otherwise: the
     * kernel picks the layout from our INIT reply (fs/fuse/xattr.c), so we must too. The name follows,
     * then exactly {@code size} value bytes (EINVAL when fewer arrived).
     */
    private Reply setxattr(Request r) throws FsException {
        SetxattrIn in = SetxattrIn.decode(r.body(), r.session().has(FuseInitFlags.SETXATTR_EXT));
        byte[] name = Names.xattr(r.name(), "SETXATTR");
        long size = Integer.toUnsignedLong(in.size());
        if (r.body().remaining() < size) {
            throw new Rejected(Errno.EINVAL, "SETXATTR value of " + size + " bytes, only " + r.body().remaining()
                    + " arrived");
        }
        byte[] value = new byte[(int) size];
        r.body().get(value);
        fs.setxattr(r.ctx(), r.nodeid(), name, value, in.flags());
        return Reply.EMPTY;
    }

    private Reply getxattr(Request r) throws FsException {
        GetxattrIn in = GetxattrIn.decode(r.body());
        byte[] name = Names.xattr(r.name(), "GETXATTR");
        return sized(in.size(), fs.getxattr(r.ctx(), r.nodeid(), name), "GETXATTR");
    }

    private Reply listxattr(Request r) throws FsException {
        return sized(GetxattrIn.decode(r.body()).size(), fs.listxattr(r.ctx(), r.nodeid()), "LISTXATTR");
    }

    private Reply removexattr(Request r) throws FsException {
        fs.removexattr(r.ctx(), r.nodeid(), Names.xattr(r.name(), "REMOVEXATTR"));
        return Reply.EMPTY;
    }

    /**
     * getxattr(2)/listxattr(2) semantics, which Linux forwards as is (fs/fuse/xattr.c): size 0 asks
     * for the length only, answered as a fuse_getxattr_out; a value longer than size is ERANGE.
     */
    private static Reply sized(int requested, byte[] value, String op) {
        long size = Integer.toUnsignedLong(requested);
        if (size == 0) {
            return Reply.of(new GetxattrOut(value.length));
        }
        if (value.length > size) {
            throw new Rejected(Errno.ERANGE, op + " value of " + value.length + " bytes, buffer of " + size);
        }
        return Reply.bytes(value);
    }
}
