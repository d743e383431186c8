package dev.vfc.vhostuser;

import dev.vfc.vhostuser.VhostUserPayload.Empty;
import dev.vfc.vhostuser.VhostUserPayload.MemoryTable;
import dev.vfc.vhostuser.VhostUserPayload.Raw;
import dev.vfc.vhostuser.VhostUserPayload.SingleMemoryRegion;
import dev.vfc.vhostuser.VhostUserPayload.U64;
import dev.vfc.vhostuser.VhostUserPayload.VringAddress;
import dev.vfc.vhostuser.VhostUserPayload.VringFile;
import dev.vfc.vhostuser.VhostUserPayload.VringState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Encodes and decodes whole vhost-user messages. Pure: no sockets, no fds (the transport
 * passes fds alongside, see {@link VhostUserMessage}).
 *
 * <p>The payload layout is a function of the request code and the direction (spec,
 * "Front-end message types", each request's "request payload" and "reply payload"). A reply
 * to a request that has no reply of its own is the REPLY_ACK u64 (spec, "Communication":
 * with NEED_REPLY the back-end answers 0 for success, non-zero for failure).
 */
public final class VhostUserCodec {

    private VhostUserCodec() {
    }

    /** The layout a payload must have, for size checks and decoding. */
    private enum Layout {
        EMPTY, U64, VRING_STATE, VRING_ADDRESS, VRING_FILE, MEMORY_TABLE, SINGLE_MEMORY_REGION, RAW
    }

    private static Layout layoutOf(VhostUserRequest request, boolean isReply) {
        if (isReply) {
            return switch (request) {
                case GET_VRING_BASE -> Layout.VRING_STATE;
                // config space {u32 offset, u32 size, u32 flags, u8[size]}, inflight
                // description, crypto session: layouts this codec does not interpret.
                case GET_CONFIG, GET_INFLIGHT_FD, CREATE_CRYPTO_SESSION -> Layout.RAW;
                // the GET_* values, SET_LOG_BASE / POSTCOPY_* / device-state results, and
                // the REPLY_ACK u64 for every other request
                default -> Layout.U64;
            };
        }
        return switch (request) {
            case GET_FEATURES, GET_PROTOCOL_FEATURES, GET_QUEUE_NUM, GET_MAX_MEM_SLOTS, GET_STATUS,
                    SET_OWNER, RESET_OWNER, RESET_DEVICE, SET_LOG_FD, SET_BACKEND_REQ_FD, GPU_SET_SOCKET,
                    POSTCOPY_ADVISE, POSTCOPY_LISTEN, POSTCOPY_END, CHECK_DEVICE_STATE -> Layout.EMPTY;
            case SET_FEATURES, SET_PROTOCOL_FEATURES, SET_STATUS, SEND_RARP, NET_SET_MTU,
                    CLOSE_CRYPTO_SESSION -> Layout.U64;
            case SET_VRING_NUM, SET_VRING_BASE, GET_VRING_BASE, SET_VRING_ENABLE, SET_VRING_ENDIAN,
                    VRING_KICK -> Layout.VRING_STATE;
            case SET_VRING_ADDR -> Layout.VRING_ADDRESS;
            case SET_VRING_KICK, SET_VRING_CALL, SET_VRING_ERR -> Layout.VRING_FILE;
            case SET_MEM_TABLE -> Layout.MEMORY_TABLE;
            case ADD_MEM_REG, REM_MEM_REG -> Layout.SINGLE_MEMORY_REGION;
            // SET_LOG_BASE's log description {u64 size, u64 offset} (older front-ends sent a
            // bare u64), IOTLB messages, config space, inflight and shared-object
            // descriptions, the device-state transfer {u32 direction, u32 phase}
            case SET_LOG_BASE, IOTLB_MSG, GET_CONFIG, SET_CONFIG, CREATE_CRYPTO_SESSION, GET_INFLIGHT_FD,
                    SET_INFLIGHT_FD, GET_SHARED_OBJECT, SET_DEVICE_STATE_FD -> Layout.RAW;
        };
    }

    private static int fixedSize(Layout layout) {
        return switch (layout) {
            case EMPTY -> 0;
            case U64 -> U64.SIZE;
            case VRING_STATE -> VringState.SIZE;
            case VRING_ADDRESS -> VringAddress.SIZE;
            case VRING_FILE -> VringFile.SIZE;
            case SINGLE_MEMORY_REGION -> SingleMemoryRegion.SIZE;
            case MEMORY_TABLE, RAW -> -1;
        };
    }

    /**
     * Decodes the payload from the buffer's position to its limit (exactly the header's
     * {@code size} bytes) in the layout that {@code request} uses in this direction, and
     * consumes it.
     *
     * @throws VhostUserProtocolException if the size disagrees with the layout, or the content
     *     breaks a rule of the layout (more than 8 memory regions, reserved vring-file bits)
     */
    public static VhostUserPayload decodePayload(VhostUserRequest request, boolean isReply, ByteBuffer payload) {
        Layout layout = layoutOf(request, isReply);
        int expected = fixedSize(layout);
        int actual = payload.remaining();
        if (expected >= 0 && actual != expected) {
            throw VhostUserProtocolException.wrongSize(request, isReply, String.valueOf(expected), actual);
        }
        return switch (layout) {
            case EMPTY -> new Empty();
            case U64 -> U64.decode(payload);
            case VRING_STATE -> VringState.decode(payload);
            case VRING_ADDRESS -> VringAddress.decode(payload);
            case VRING_FILE -> decodeVringFile(request, payload);
            case MEMORY_TABLE -> MemoryTable.decode(payload);
            case SINGLE_MEMORY_REGION -> SingleMemoryRegion.decode(payload);
            case RAW -> Raw.decode(payload);
        };
    }

    private static VringFile decodeVringFile(VhostUserRequest request, ByteBuffer payload) {
        try {
            return VringFile.decode(payload);
        } catch (VhostUserProtocolException e) {
            throw new VhostUserProtocolException(request + " request: " + e.getMessage());
        }
    }

    /**
     * Decodes a message whose header has already been read. An unknown request code keeps
     * its payload as {@link Raw}, so a transcript can still show it.
     *
     * @param payload exactly the {@code header.size()} payload bytes
     * @param fds the fds that arrived with the message (may be empty)
     */
    public static VhostUserMessage decode(VhostUserHeader header, ByteBuffer payload, int[] fds) {
        if (Integer.toUnsignedLong(header.size()) != payload.remaining()) {
            throw new VhostUserProtocolException(header + ": header announces " + Integer.toUnsignedString(header.size())
                    + " payload bytes, got " + payload.remaining());
        }
        Optional<VhostUserRequest> request = header.requestType();
        VhostUserPayload decoded = request.isPresent()
                ? decodePayload(request.get(), header.isReply(), payload)
                : Raw.decode(payload);
        return new VhostUserMessage(header, decoded, fds);
    }

    /**
     * Header plus payload in one little-endian buffer, positioned at 0 and limited to the
     * message length: what the transport writes with one {@code sendmsg}, as QEMU does.
     * {@code flags} normally includes {@link VhostUserHeader#VERSION}; it is not added here so
     * that the harness can send a wrong version on purpose.
     */
    public static ByteBuffer encode(VhostUserRequest request, int flags, VhostUserPayload payload) {
        return encode(new VhostUserHeader(request.code(), flags, payload.size()), payload);
    }

    /** A back-end answer: flags exactly VERSION | REPLY, which is all QEMU accepts. */
    public static ByteBuffer encodeReply(VhostUserRequest request, VhostUserPayload payload) {
        return encode(request, VhostUserHeader.VERSION | VhostUserHeader.REPLY, payload);
    }

    /**
     * Encodes a header as given, even when its {@code size} disagrees with the payload: the
     * harness uses this to send hostile messages.
     */
    public static ByteBuffer encode(VhostUserHeader header, VhostUserPayload payload) {
        ByteBuffer out = ByteBuffer.allocate(VhostUserHeader.SIZE + payload.size()).order(ByteOrder.LITTLE_ENDIAN);
        header.encodeTo(out);
        payload.encodeTo(out);
        return out.flip();
    }
}
