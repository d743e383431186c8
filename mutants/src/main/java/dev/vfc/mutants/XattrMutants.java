package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.GETXATTR;
import static dev.vfc.fuse.FuseOpcode.LISTXATTR;
import static dev.vfc.fuse.FuseOpcode.REMOVEXATTR;
import static dev.vfc.fuse.FuseOpcode.SETXATTR;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Bugs in the extended-attribute operations. */
final class XattrMutants {

    private XattrMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                Mutant.ofFileSystem("getxattr-enodata-as-eio", "answers EIO instead of ENODATA for a missing attribute",
                        "", Set.of(GETXATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
                                return Errnos.swapping(Errno.ENODATA, Errno.EIO, () -> delegate.getxattr(ctx, node, name));
                            }
                        }),
                Mutant.ofFileSystem("getxattr-value-truncated", "GETXATTR returns the value without its last byte", "",
                        Set.of(GETXATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
                                byte[] v = delegate.getxattr(ctx, node, name);
                                return Arrays.copyOf(v, Math.max(0, v.length - 1));
                            }
                        }),
                Mutant.ofFileSystem("setxattr-ignores-flags", "SETXATTR ignores XATTR_CREATE and XATTR_REPLACE", "",
                        Set.of(SETXATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags)
                                    throws FsException {
                                delegate.setxattr(ctx, node, name, value, 0);
                            }
                        }),
                Mutant.ofFileSystem("listxattr-empty", "LISTXATTR lists no attributes", "", Set.of(LISTXATTR),
                        fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public byte[] listxattr(Context ctx, long node) throws FsException {
                                delegate.listxattr(ctx, node);
                                return new byte[0];
                            }
                        }),
                Mutant.ofFileSystem("removexattr-missing-ok", "REMOVEXATTR of a missing attribute answers success", "",
                        Set.of(REMOVEXATTR), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void removexattr(Context ctx, long node, byte[] name) throws FsException {
                                try {
                                    delegate.removexattr(ctx, node, name);
                                } catch (FsException e) {
                                    if (e.errno() != Errno.ENODATA.number()) {
                                        throw e;
                                    }
                                }
                            }
                        }));
    }
}
