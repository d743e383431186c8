package dev.vfc.server;

import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOutHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The heap buffers a thread copies its requests into and its replies out of: the
 * fuse_in_header, a body of up to {@link #KEPT_BODY} bytes, the fuse_out_header and a fixed reply
 * body of up to {@link #KEPT_BODY} bytes. Several queue
 * workers (or pool threads) serve requests at once, so each thread has its own
 * ({@link #ofThisThread()}), reused request after request: a GETATTR or READ then allocates no
 * buffer. Sound because no handler keeps any of its body past the call: names, xattr values and
 * forget lists are decoded or copied out while it runs.
 */
final class RequestBuffers {

    /** Bodies up to this size reuse the buffer; no fixed-size request struct comes near it. */
    static final int KEPT_BODY = 4096;

    private static final ThreadLocal<RequestBuffers> OF_THREAD = ThreadLocal.withInitial(RequestBuffers::new);

    private final ByteBuffer inHeader = littleEndian(FuseInHeader.SIZE);
    private final ByteBuffer body = littleEndian(KEPT_BODY);
    private final ByteBuffer outHeader = littleEndian(FuseOutHeader.SIZE);
    private final ByteBuffer replyBody = littleEndian(KEPT_BODY);

    private RequestBuffers() {
    }

    static RequestBuffers ofThisThread() {
        return OF_THREAD.get();
    }

    /** Room for one fuse_in_header, emptied. */
    ByteBuffer inHeader() {
        return inHeader.clear();
    }

    /** Room for exactly {@code length} body bytes: the kept buffer, or a new one for a longer body. */
    ByteBuffer body(int length) {
        return length <= KEPT_BODY ? body.clear().limit(length) : littleEndian(length);
    }

    /**
     * Room for a fixed reply body of exactly {@code length} bytes (an attr_out, an entry_out): the
     * kept buffer, or a new one for a longer body.
     */
    ByteBuffer replyBody(int length) {
        return length <= KEPT_BODY ? replyBody.clear().limit(length) : littleEndian(length);
    }

    /** Room for one fuse_out_header, emptied. */
    ByteBuffer outHeader() {
        return outHeader.clear();
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
