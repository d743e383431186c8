package dev.vfc.server;

import dev.vfc.chain.ChainWriter;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOutHeader;
import java.nio.ByteBuffer;

/**
 * Puts fuse_out_header (and a heap body) into the chain. The header's {@code len} is always exactly
 * the bytes written, which is also the used length returned (OVMF rejects any difference,
 * edk2-stable202211 OvmfPkg/VirtioFsDxe/Helpers.c VirtioFsFuseCheckResponse), and {@code unique}
 * echoes the request.
 */
final class ReplyWriter {
    private static final System.Logger LOG = System.getLogger(FuseServer.class.getName());

    private ReplyWriter() {
    }

    /**
     * Writes a successful reply; returns the used length as an unsigned 32-bit value.
     *
     * @throws Rejected E2BIG when a heap body does not fit in the writable room (nothing written)
     */
    static int send(ChainWriter w, long unique, Reply reply) {
        if (reply instanceof Reply.None) {
            return 0;
        }
        if (reply instanceof Reply.Streamed s) {
            long len = FuseOutHeader.SIZE + s.bodyLength();
            w.write(header(len, 0, unique).flip());
            return (int) len;
        }
        ByteBuffer body = ((Reply.Fixed) reply).body();
        long len = FuseOutHeader.SIZE + (long) body.remaining();
        if (w.remaining() < len) {
            throw new Rejected(Errno.E2BIG, "reply of " + len + " bytes does not fit in " + w.remaining()
                    + " writable bytes");
        }
        w.write(header(len, 0, unique).flip());
        if (body.hasRemaining()) {
            // Written out of its buffer: every body but EMPTY's (which has none) serves one reply.
            w.write(body);
        }
        return (int) len;
    }

    /**
     * Writes a 16-byte error reply, or nothing when there are fewer than 16 writable bytes (no
     * partial header: a driver would misread it). Never throws.
     *
     * @return 16, or 0 when nothing was written
     */
    static int error(ChainWriter w, long unique, int errno) {
        try {
            if (w.remaining() < FuseOutHeader.SIZE) {
                LOG.log(System.Logger.Level.DEBUG, "no room for an error reply (unique {0}, errno {1}): used length 0",
                        unique, errno);
                return 0;
            }
            w.write(header(FuseOutHeader.SIZE, -errno, unique).flip());
            return FuseOutHeader.SIZE;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the error reply for unique " + unique, e);
            return 0;
        }
    }

    private static ByteBuffer header(long len, int error, long unique) {
        ByteBuffer b = RequestBuffers.ofThisThread().outHeader();
        FuseOutHeader.encode(b, (int) len, error, unique);
        return b;
    }
}
