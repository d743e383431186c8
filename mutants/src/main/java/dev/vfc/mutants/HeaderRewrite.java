package dev.vfc.mutants;

import dev.vfc.backend.RequestHandler;
import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOutHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BiFunction;

/**
 * A request handler whose replies' 16-byte fuse_out_header passes through a rewrite before it
 * reaches guest memory. The FUSE server writes the header in one 16-byte write at the start of
 * the writable part (directly, or through the head writer a {@code split} leaves), so the first
 * such write is the header; the body is untouched. The rewrite sees the request's 40-byte
 * fuse_in_header, taken from the first read of the request, or {@link #UNREAD} (opcode 0, which
 * names no FUSE operation) when the request was too short for one.
 */
final class HeaderRewrite implements RequestHandler {

    /** The header a rewrite sees for a request shorter than a fuse_in_header. */
    static final FuseInHeader UNREAD = new FuseInHeader(0, 0, 0, 0, 0, 0, 0, 0);

    private final RequestHandler delegate;
    private final BiFunction<FuseInHeader, FuseOutHeader, FuseOutHeader> rewrite;
    /** Null when only the header is rewritten: the body then passes untouched, uncopied. */
    private final BiFunction<FuseInHeader, ByteBuffer, ByteBuffer> body;

    HeaderRewrite(RequestHandler delegate, BiFunction<FuseInHeader, FuseOutHeader, FuseOutHeader> rewrite) {
        this(delegate, rewrite, null);
    }

    /**
     * Also passes the first write after the header (a whole fixed-size reply body, as the server
     * writes INIT's fuse_init_out) through {@code body}, which gets a little-endian copy.
     */
    HeaderRewrite(RequestHandler delegate, BiFunction<FuseInHeader, FuseOutHeader, FuseOutHeader> rewrite,
            BiFunction<FuseInHeader, ByteBuffer, ByteBuffer> body) {
        this.delegate = delegate;
        this.rewrite = rewrite;
        this.body = body;
    }

    @Override
    public int handle(ChainReader request, ChainWriter reply) {
        Seen seen = new Seen();
        return delegate.handle(new Peeking(request, seen), new Rewriting(reply, seen));
    }

    /** The request's header, once read. */
    private static final class Seen {
        FuseInHeader in;

        FuseInHeader header() {
            return in == null ? UNREAD : in;
        }
    }

    private record Peeking(ChainReader r, Seen seen) implements ChainReader {
        public long remaining() {
            return r.remaining();
        }

        public void read(ByteBuffer dst) {
            int start = dst.position();
            r.read(dst);
            if (seen.in == null && dst.position() - start >= FuseInHeader.SIZE) {
                ByteBuffer copy = dst.duplicate().position(start).limit(start + FuseInHeader.SIZE).slice()
                        .order(ByteOrder.LITTLE_ENDIAN);
                seen.in = FuseInHeader.decode(copy);
            }
        }

        public void skip(long n) {
            r.skip(n);
        }

        public long writeTo(int fd, long offset, long count) throws IOException {
            return r.writeTo(fd, offset, count);
        }
    }

    private final class Rewriting implements ChainWriter {
        private final ChainWriter w;
        private final Seen seen;

        Rewriting(ChainWriter w, Seen seen) {
            this.w = w;
            this.seen = seen;
        }

        public long remaining() {
            return w.remaining();
        }

        public long written() {
            return w.written();
        }

        public void write(ByteBuffer src) {
            if (w.written() == 0 && src.remaining() == FuseOutHeader.SIZE) {
                FuseOutHeader out = FuseOutHeader.decode(src.duplicate().order(ByteOrder.LITTLE_ENDIAN));
                ByteBuffer b = ByteBuffer.allocate(FuseOutHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
                rewrite.apply(seen.header(), out).encodeTo(b);
                src.position(src.limit());
                w.write(b.flip());
                return;
            }
            if (body != null && w.written() == FuseOutHeader.SIZE) {
                ByteBuffer copy = ByteBuffer.allocate(src.remaining()).order(ByteOrder.LITTLE_ENDIAN).put(src).flip();
                w.write(body.apply(seen.header(), copy));
                return;
            }
            w.write(src);
        }

        public long readFrom(int fd, long offset, long count) throws IOException {
            return w.readFrom(fd, offset, count);
        }

        public ChainWriter split(long at) {
            return w.split(at);
        }
    }
}
