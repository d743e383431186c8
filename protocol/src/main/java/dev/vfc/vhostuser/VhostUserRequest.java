package dev.vfc.vhostuser;

import java.util.Optional;

/**
 * Every front-end request of the vhost-user protocol (section "Front-end message types"),
 * with its wire code. Code 0 is unused; 35 is VRING_KICK, the in-band kick that only exists
 * with {@link ProtocolFeatures#INBAND_NOTIFICATIONS}.
 *
 * <p>Names follow the current spec. QEMU 7.2 and libvhost-user still call code 21
 * {@code SET_SLAVE_REQ_FD}; it is the same message as {@link #SET_BACKEND_REQ_FD}.
 */
public enum VhostUserRequest {
    GET_FEATURES(1),
    SET_FEATURES(2),
    SET_OWNER(3),
    RESET_OWNER(4),
    SET_MEM_TABLE(5),
    SET_LOG_BASE(6),
    SET_LOG_FD(7),
    SET_VRING_NUM(8),
    SET_VRING_ADDR(9),
    SET_VRING_BASE(10),
    GET_VRING_BASE(11),
    SET_VRING_KICK(12),
    SET_VRING_CALL(13),
    SET_VRING_ERR(14),
    GET_PROTOCOL_FEATURES(15),
    SET_PROTOCOL_FEATURES(16),
    GET_QUEUE_NUM(17),
    SET_VRING_ENABLE(18),
    SEND_RARP(19),
    NET_SET_MTU(20),
    SET_BACKEND_REQ_FD(21),
    IOTLB_MSG(22),
    SET_VRING_ENDIAN(23),
    GET_CONFIG(24),
    SET_CONFIG(25),
    CREATE_CRYPTO_SESSION(26),
    CLOSE_CRYPTO_SESSION(27),
    POSTCOPY_ADVISE(28),
    POSTCOPY_LISTEN(29),
    POSTCOPY_END(30),
    GET_INFLIGHT_FD(31),
    SET_INFLIGHT_FD(32),
    GPU_SET_SOCKET(33),
    RESET_DEVICE(34),
    VRING_KICK(35),
    GET_MAX_MEM_SLOTS(36),
    ADD_MEM_REG(37),
    REM_MEM_REG(38),
    SET_STATUS(39),
    GET_STATUS(40),
    GET_SHARED_OBJECT(41),
    SET_DEVICE_STATE_FD(42),
    CHECK_DEVICE_STATE(43);

    private static final VhostUserRequest[] BY_CODE = new VhostUserRequest[44];

    static {
        for (VhostUserRequest r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;

    VhostUserRequest(int code) {
        this.code = code;
    }

    /** The u32 {@code request} field of the header. */
    public int code() {
        return code;
    }

    /** The request with this code; empty for 0 and for codes the spec does not (yet) define. */
    public static Optional<VhostUserRequest> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /**
     * Whether the back-end answers this request whatever the flags say, so the front-end must
     * read a reply even without NEED_REPLY.
     *
     * <p>Spec, "Communication": the GET_* queries reply with their value (GET_FEATURES,
     * GET_PROTOCOL_FEATURES, GET_QUEUE_NUM, GET_VRING_BASE, GET_MAX_MEM_SLOTS, GET_CONFIG,
     * GET_INFLIGHT_FD, GET_STATUS, GET_SHARED_OBJECT); so do the requests whose own
     * description has a reply payload: CREATE_CRYPTO_SESSION (session id), POSTCOPY_ADVISE
     * (the userfaultfd), POSTCOPY_END, SET_DEVICE_STATE_FD and CHECK_DEVICE_STATE (u64 result).
     *
     * <p>{@link #SET_LOG_BASE} is false on purpose: it replies only when
     * {@link ProtocolFeatures#LOG_SHMFD} was negotiated, which this method cannot know; the
     * caller that tracks negotiation must add that case. Every other request is answered
     * only when NEED_REPLY is set and REPLY_ACK was negotiated (a u64, 0 = success).
     */
    public boolean repliesByDefinition() {
        return switch (this) {
            case GET_FEATURES, GET_PROTOCOL_FEATURES, GET_QUEUE_NUM, GET_VRING_BASE, GET_MAX_MEM_SLOTS,
                    GET_CONFIG, GET_INFLIGHT_FD, GET_STATUS, GET_SHARED_OBJECT, CREATE_CRYPTO_SESSION,
                    POSTCOPY_ADVISE, POSTCOPY_END, SET_DEVICE_STATE_FD, CHECK_DEVICE_STATE -> true;
            default -> false;
        };
    }

    /**
     * Whether the spec lets this request carry file descriptors (SCM_RIGHTS). The Rust
     * backend rejects fds on any other request ({@code check_attached_files}), so a transport
     * can refuse them early. For SET_VRING_KICK/CALL/ERR the fd is absent when the payload's
     * NOFD bit is set ({@link VhostUserPayload.VringFile#noFd()}). REM_MEM_REG is here too:
     * QEMU 7.2 (hw/virtio/vhost-user.c send_remove_regions) attaches the region's fd to it,
     * where later QEMU sends none; a backend has no use for it and closes it.
     */
    public boolean requestMayCarryFds() {
        return switch (this) {
            case SET_MEM_TABLE, SET_LOG_BASE, SET_LOG_FD, SET_VRING_KICK, SET_VRING_CALL, SET_VRING_ERR,
                    SET_BACKEND_REQ_FD, SET_INFLIGHT_FD, GPU_SET_SOCKET, ADD_MEM_REG, REM_MEM_REG,
                    SET_DEVICE_STATE_FD -> true;
            default -> false;
        };
    }
}
