package dev.vfc.mutants;

import dev.vfc.backend.RequestHandler;
import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A request handler that sizes every READ by the room its chain has, not by fuse_read_in.size:
 * the server is shown a request whose {@code size} field (bytes 16..19 of fuse_read_in, so 56..59
 * of the request, include/uapi/linux/fuse.h 7.38) reads as the chain's writable bytes less the
 * 16-byte out header. Planted below the FUSE server because the server itself never lets the
 * filesystem see more room than {@code size}.
 */
final class ReadSizedByRoom implements RequestHandler {

    /** Where fuse_read_in.size sits in a READ request: after the 40-byte in header, at offset 16. */
    private static final int SIZE_AT = FuseInHeader.SIZE + 16;

    private final RequestHandler delegate;

    ReadSizedByRoom(RequestHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public int handle(ChainReader request, ChainWriter reply) {
        long room = reply.remaining() - FuseOutHeader.SIZE;
        int size = (int) Math.max(0, Math.min(Integer.MAX_VALUE, room));
        return delegate.handle(new Rewriting(request, size), reply);
    }

    /** The request's bytes as read, with the READ size field replaced; {@code pos} counts bytes consumed. */
    private static final class Rewriting implements ChainReader {
        private final ChainReader r;
        private final byte[] size = new byte[4];
        private final ByteBuffer opcode = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        private long pos;

        Rewriting(ChainReader r, int size) {
            this.r = r;
            ByteBuffer.wrap(this.size).order(ByteOrder.LITTLE_ENDIAN).putInt(size);
        }

        public long remaining() {
            return r.remaining();
        }

        public void read(ByteBuffer dst) {
            int start = dst.position();
            r.read(dst);
            for (int i = start; i < dst.position(); i++) {
                long p = pos + i - start;
                if (p >= 4 && p < 8) {
                    opcode.put((int) p - 4, dst.get(i));
                } else if (p >= SIZE_AT && p < SIZE_AT + 4 && isRead()) {
                    dst.put(i, size[(int) (p - SIZE_AT)]);
                }
            }
            pos += dst.position() - start;
        }

        private boolean isRead() {
            return opcode.getInt(0) == FuseOpcode.READ.code();
        }

        public void skip(long n) {
            r.skip(n);
            pos += n;
        }

        public long writeTo(int fd, long offset, long count) throws IOException {
            long n = r.writeTo(fd, offset, count);
            pos += n;
            return n;
        }
    }
}
