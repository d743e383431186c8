package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.FLUSH;
import static dev.vfc.fuse.FuseOpcode.FSYNC;
import static dev.vfc.fuse.FuseOpcode.READ;
import static dev.vfc.fuse.FuseOpcode.WRITE;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.daemon.Assembly;
import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import dev.vfc.server.decorator.ReadLimitFileSystem;
import java.util.List;
import java.util.Set;

/** Bugs in READ, WRITE, FLUSH and FSYNC. */
final class DataMutants {

    private DataMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                new Mutant("read-limit-1mib", "answers ENOMEM to every READ above 1 MiB",
                        "Rust virtiofsd 1.0-1.6.0 (MAX_BUFFER_SIZE in server.rs), fixed in 1.6.1", Set.of(READ),
                        Assembly.ofFileSystem(ReadLimitFileSystem::rust160)),
                Mutant.ofFileSystem("read-short-by-one", "READ returns one byte less than asked, before end of file", "",
                        Set.of(READ), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out)
                                    throws FsException {
                                return delegate.read(ctx, node, fh, offset, Math.max(0, size - 1), out);
                            }
                        }),
                Mutant.ofFileSystem("read-ignores-offset", "READ always reads from the start of the file", "",
                        Set.of(READ), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out)
                                    throws FsException {
                                return delegate.read(ctx, node, fh, 0, size, out);
                            }
                        }),
                new Mutant("read-fills-the-room", "READ returns as much as the chain has room for, not size",
                        "the C virtiofsd of QEMU 7.2 (this suite's sizing/read/larger-buffer findings)", Set.of(READ),
                        Assembly.ofHandler(ReadSizedByRoom::new)),
                Mutant.ofFileSystem("write-ignores-offset", "WRITE always writes at the start of the file", "",
                        Set.of(WRITE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in,
                                    int writeFlags) throws FsException {
                                return delegate.write(ctx, node, fh, 0, size, in, writeFlags);
                            }
                        }),
                Mutant.ofFileSystem("write-reports-one-less", "WRITE says it wrote one byte less than it did", "",
                        Set.of(WRITE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in,
                                    int writeFlags) throws FsException {
                                return Math.max(0, delegate.write(ctx, node, fh, offset, size, in, writeFlags) - 1);
                            }
                        }),
                Mutant.ofFileSystem("flush-eio", "FLUSH (every close(2)) answers EIO", "", Set.of(FLUSH),
                        fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void flush(Context ctx, long node, long fh) throws FsException {
                                throw Errnos.errno(Errno.EIO);
                            }
                        }),
                Mutant.ofFileSystem("fsync-eio", "FSYNC answers EIO", "", Set.of(FSYNC),
                        fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
                                throw Errnos.errno(Errno.EIO);
                            }
                        }),
                Mutant.ofFileSystem("read-at-eof-eio", "READ at or past end of file answers EIO instead of 0 bytes", "",
                        Set.of(READ), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out)
                                    throws FsException {
                                long n = delegate.read(ctx, node, fh, offset, size, out);
                                if (n == 0 && size > 0) {
                                    throw Errnos.errno(Errno.EIO);
                                }
                                return n;
                            }
                        }));
    }
}
