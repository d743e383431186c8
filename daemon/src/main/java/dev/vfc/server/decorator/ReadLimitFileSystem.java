package dev.vfc.server.decorator;

import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;

/**
 * A deliberate fault: refuses every READ larger than a limit with ENOMEM, as the Rust virtiofsd
 * 1.0-1.6.0 did for 1 MiB ({@code Server::read}: {@code ReadIn.size > MAX_BUFFER_SIZE} gives
 * {@code -ENOMEM}, MAX_BUFFER_SIZE = 1 &lt;&lt; 20; fixed in 1.6.1). That
 * is the bug which made OVMF fail to load a 2.4 MiB {@code grubx64.efi} (virtiofsd issue #90). The
 * suite runs the Java daemon with this decorator to prove that its scenarios catch the bug; a
 * READ of exactly the limit passes, as it did in the Rust daemon.
 *
 * <p>Only READ is limited. The same releases also refused WRITEs over 1 MiB and any request over
 * 1 MiB + 4 KiB, which this decorator does not mimic.
 */
public final class ReadLimitFileSystem extends ForwardingFileSystem {

    /** MAX_BUFFER_SIZE of the Rust virtiofsd's server.rs. */
    public static final long RUST_MAX_BUFFER_SIZE = 1L << 20;

    private final long limit;

    /**
     * @param limit the largest READ size still served, in bytes
     */
    public ReadLimitFileSystem(FileSystem delegate, long limit) {
        super(delegate);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        this.limit = limit;
    }

    /** The Rust virtiofsd 1.0-1.6.0 behaviour: ENOMEM above 1 MiB. */
    public static ReadLimitFileSystem rust160(FileSystem delegate) {
        return new ReadLimitFileSystem(delegate, RUST_MAX_BUFFER_SIZE);
    }

    public long limit() {
        return limit;
    }

    @Override
    public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        if (Integer.toUnsignedLong(size) > limit) {
            throw new FsException(Errno.ENOMEM, "READ of " + Integer.toUnsignedString(size) + " bytes is above "
                    + limit + " (Rust virtiofsd <= 1.6.0 MAX_BUFFER_SIZE)");
        }
        return delegate.read(ctx, node, fh, offset, size, out);
    }
}
