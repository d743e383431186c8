package dev.vfc.server;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseNames;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One validated request as a handler sees it: the header, the caller's credentials, the body on
 * the heap (little-endian, request extensions already cut off), and the chain's writable part.
 * WRITE is the exception: its body holds only fuse_write_in and the data stays in {@link #payload()}
 * so it can go to the file without a heap copy.
 */
final class Request {

    private final FuseInHeader header;
    private final Session session;
    private final ByteBuffer body;
    private final ChainReader payload;
    private final long payloadLength;
    private final ChainWriter reply;

    Request(FuseInHeader header, Session session, ByteBuffer body, ChainReader payload, long payloadLength,
            ChainWriter reply) {
        this.header = header;
        this.session = session;
        this.body = body;
        this.payload = payload;
        this.payloadLength = payloadLength;
        this.reply = reply;
    }

    long nodeid() {
        return header.nodeid();
    }

    Context ctx() {
        return new Context(header.uid(), header.gid(), header.pid());
    }

    /** The negotiated session; null only for an INIT that arrives with no session open. */
    Session session() {
        return session;
    }

    /** The body, positioned after whatever the handler decoded so far. */
    ByteBuffer body() {
        return body;
    }

    /** For WRITE: the chain, positioned at the data. */
    ChainReader payload() {
        return payload;
    }

    /** For WRITE: data bytes the driver sent (request extensions excluded). */
    long payloadLength() {
        return payloadLength;
    }

    /** The writable part of the chain. Only streaming handlers (READ, READDIR*) touch it. */
    ChainWriter reply() {
        return reply;
    }

    /**
     * The next {@code count} NUL-terminated names of the body. A name without its NUL inside the
     * body is EINVAL ({@link FuseNames#decodeRaw} throws {@code FuseDecodeException}); the kernel
     * always terminates names (fs/fuse/dir.c passes {@code len + 1} bytes).
     */
    List<byte[]> names(int count) {
        return FuseNames.decodeRaw(body, count);
    }

    byte[] name() {
        return names(1).get(0);
    }
}
