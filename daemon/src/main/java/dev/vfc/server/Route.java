package dev.vfc.server;

import dev.vfc.fuse.FuseOpcode;

/**
 * How one opcode is served.
 *
 * @param opcode         the opcode
 * @param minBody        bytes of fixed struct the body must hold at least (EINVAL otherwise)
 * @param replyBody      the fixed reply body length, checked against the writable room before the
 *                       filesystem runs; {@link #VARIABLE} when only the handler knows
 * @param streamsPayload true only for WRITE: read just {@code minBody} bytes to the heap, leave the
 *                       data in the chain
 * @param handler        the handler
 */
record Route(FuseOpcode opcode, int minBody, int replyBody, boolean streamsPayload, Handler handler) {

    /** The reply's length depends on the result (READ, READDIR, READLINK, xattr values). */
    static final int VARIABLE = -1;
}
