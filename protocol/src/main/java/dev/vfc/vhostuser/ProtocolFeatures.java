package dev.vfc.vhostuser;

/**
 * vhost-user protocol feature bits (spec, "Protocol features"), negotiated with
 * GET_PROTOCOL_FEATURES / SET_PROTOCOL_FEATURES once {@link VirtioFeatures#VHOST_USER_F_PROTOCOL_FEATURES}
 * is offered. All constants are masks ({@code 1L << bit}). BACKEND_REQ and BACKEND_SEND_FD
 * are the spec's current names for QEMU 7.2's SLAVE_REQ and SLAVE_SEND_FD.
 */
public final class ProtocolFeatures {

    public static final long MQ = 1L << 0;
    public static final long LOG_SHMFD = 1L << 1;
    public static final long RARP = 1L << 2;
    /** NEED_REPLY may be set on any request; the back-end then answers a u64 (0 = success). */
    public static final long REPLY_ACK = 1L << 3;
    public static final long MTU = 1L << 4;
    public static final long BACKEND_REQ = 1L << 5;
    public static final long CROSS_ENDIAN = 1L << 6;
    public static final long CRYPTO_SESSION = 1L << 7;
    public static final long PAGEFAULT = 1L << 8;
    public static final long CONFIG = 1L << 9;
    public static final long BACKEND_SEND_FD = 1L << 10;
    public static final long HOST_NOTIFIER = 1L << 11;
    public static final long INFLIGHT_SHMFD = 1L << 12;
    public static final long RESET_DEVICE = 1L << 13;
    public static final long INBAND_NOTIFICATIONS = 1L << 14;
    /** GET_MAX_MEM_SLOTS, ADD_MEM_REG, REM_MEM_REG: with it QEMU 7.2 never sends SET_MEM_TABLE. */
    public static final long CONFIGURE_MEM_SLOTS = 1L << 15;
    public static final long STATUS = 1L << 16;
    public static final long XEN_MMAP = 1L << 17;
    public static final long SHARED_OBJECT = 1L << 18;
    public static final long DEVICE_STATE = 1L << 19;

    /**
     * Bits 0-16: QEMU 7.2 ANDs the back-end's offer with this
     * ({@code VHOST_USER_PROTOCOL_FEATURE_MASK}) before SET_PROTOCOL_FEATURES, so e.g. the
     * Rust virtiofsd's DEVICE_STATE (19) is never negotiated with it.
     */
    public static final long QEMU_7_2_MASK = (1L << 17) - 1;

    private static final String[] NAMES = {
        "MQ", "LOG_SHMFD", "RARP", "REPLY_ACK", "MTU", "BACKEND_REQ", "CROSS_ENDIAN", "CRYPTO_SESSION",
        "PAGEFAULT", "CONFIG", "BACKEND_SEND_FD", "HOST_NOTIFIER", "INFLIGHT_SHMFD", "RESET_DEVICE",
        "INBAND_NOTIFICATIONS", "CONFIGURE_MEM_SLOTS", "STATUS", "XEN_MMAP", "SHARED_OBJECT", "DEVICE_STATE",
    };

    private ProtocolFeatures() {
    }

    /** Names of the set bits, lowest first; unknown bits as {@code bitN}; 0 is {@code none}. */
    public static String describe(long features) {
        return FeatureNames.describe(features, NAMES);
    }
}
