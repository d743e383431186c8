package dev.vfc.driver;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A FUSE request before any driver has laid it out: the encoded 40-byte in-header, the body
 * arguments in order (each encoded on its own, as {@code fuse_args.in_args}), and the
 * arguments the reply is expected to carry. {@code dataArg} marks a trailing argument that
 * is bulk data (the WRITE payload), which Linux spreads over pages.
 */
public record FuseRequest(ByteBuffer header, List<ByteBuffer> args, boolean dataArg, List<ReplyArg> reply) {

    public FuseRequest {
        args = List.copyOf(args);
        reply = List.copyOf(reply);
    }

    /** Sum of header and body, which is what {@code in_header.len} says for a well-formed request. */
    public int length() {
        return header.remaining() + args.stream().mapToInt(ByteBuffer::remaining).sum();
    }
}
