package dev.vfc.server;

import dev.vfc.fuse.FuseStruct;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What a handler produced; {@link ReplyWriter} turns it into bytes in the chain. Handlers never
 * write the fuse_out_header themselves, so its {@code len} and {@code unique} are set in one place.
 */
sealed interface Reply {

    /** FORGET, BATCH_FORGET, INTERRUPT: nothing is written, the used length is 0. */
    Reply NONE = new None();

    /** Success with no body: a 16-byte reply. */
    Reply EMPTY = new Fixed(ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN));

    /**
     * Success with {@code part} as the body, encoded into this thread's reply buffer
     * ({@link RequestBuffers#replyBody}): the reply must be sent before the thread's next request.
     */
    static Reply of(FuseStruct part) {
        ByteBuffer b = RequestBuffers.ofThisThread().replyBody(part.wireSize());
        part.encodeTo(b);
        return new Fixed(b.flip());
    }

    /** Success with these structs back to back as the body, as {@link #of(FuseStruct)}. */
    static Reply of(FuseStruct first, FuseStruct second) {
        ByteBuffer b = RequestBuffers.ofThisThread().replyBody(first.wireSize() + second.wireSize());
        first.encodeTo(b);
        second.encodeTo(b);
        return new Fixed(b.flip());
    }

    /** Success with raw bytes as the body (READLINK, GETXATTR, LISTXATTR). */
    static Reply bytes(byte[] body) {
        return new Fixed(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Success with a prepared body, position to limit. */
    static Reply body(ByteBuffer body) {
        return new Fixed(body);
    }

    /** Nothing to write. */
    record None() implements Reply {
    }

    /** A body held on the heap, to be written after the header in one piece. */
    record Fixed(ByteBuffer body) implements Reply {
    }

    /**
     * A body the handler already put into the chain, after the first 16 bytes of room that it split
     * off for the header (READ data, directory records): only the header is left to write.
     */
    record Streamed(long bodyLength) implements Reply {
    }
}
