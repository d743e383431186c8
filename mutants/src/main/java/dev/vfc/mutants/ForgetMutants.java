package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.BATCH_FORGET;
import static dev.vfc.fuse.FuseOpcode.FORGET;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bugs in the lookup count FORGET and BATCH_FORGET take down: include/uapi/linux/fuse.h (Linux
 * 6.1) has every LOOKUP reply add one and FORGET subtract nlookup, the node living until zero,
 * and FUSE_ROOT_ID (1) never looked up, so never forgotten.
 */
final class ForgetMutants {

    private static final long ROOT = 1;

    private ForgetMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                Mutant.ofFileSystem("forget-frees-early", "FORGET drops a node however many lookups it still holds",
                        "libfuse fuse_lowlevel.h (forget): the node lives until nlookup reaches zero",
                        Set.of(FORGET, BATCH_FORGET), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void forget(long node, long nlookup) {
                                delegate.forget(node, Long.MAX_VALUE / 2);
                            }
                        }),
                Mutant.ofFileSystem("forget-frees-root", "a FORGET of node 1 frees the root: every request on it is "
                        + "then ESTALE", "", Set.of(FORGET, BATCH_FORGET), fs -> new ForwardingFileSystem(fs) {
                            private volatile boolean rootGone;

                            @Override
                            public void forget(long node, long nlookup) {
                                rootGone |= node == ROOT;
                                delegate.forget(node, nlookup);
                            }

                            @Override
                            public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
                                stale(parent);
                                return delegate.lookup(ctx, parent, name);
                            }

                            @Override
                            public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
                                stale(node);
                                return delegate.getattr(ctx, node, fh);
                            }

                            private void stale(long node) throws FsException {
                                if (rootGone && node == ROOT) {
                                    throw new FsException(Errno.ESTALE, "mutant: the root was forgotten");
                                }
                            }
                        }),
                Mutant.ofFileSystem("forgotten-node-answers-root", "GETATTR of a node FORGET took to zero answers the "
                        + "root's attributes, as a recycled slot would", "", Set.of(FORGET, BATCH_FORGET),
                        fs -> new ForwardingFileSystem(fs) {
                            private final Set<Long> forgotten = ConcurrentHashMap.newKeySet();

                            @Override
                            public void forget(long node, long nlookup) {
                                forgotten.add(node);
                                delegate.forget(node, nlookup);
                            }

                            @Override
                            public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
                                EntryOut e = delegate.lookup(ctx, parent, name);
                                forgotten.remove(e.nodeid());
                                return e;
                            }

                            @Override
                            public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
                                return delegate.getattr(ctx, forgotten.contains(node) ? ROOT : node, fh);
                            }
                        }));
    }
}
