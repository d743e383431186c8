package dev.vfc.vhostuser;

/**
 * Device-independent virtio feature bits (virtio 1.3 §6 "Reserved Feature Bits") plus the
 * two vhost-only bits that travel in the same GET_FEATURES / SET_FEATURES word: bit 26
 * {@code VHOST_F_LOG_ALL} and bit 30 {@code VHOST_USER_F_PROTOCOL_FEATURES} (vhost-user
 * spec, "Protocol features": without bit 30 there is no GET_PROTOCOL_FEATURES, and rings
 * start enabled).
 *
 * <p>All constants are masks ({@code 1L << bit}). Measured offers: the C virtiofsd of QEMU
 * 7.2 sends 0x1_7500_0000, the Rust virtiofsd 1.13 0x1_7400_0000.
 */
public final class VirtioFeatures {

    /** Legacy: notify even when the ring is empty (virtio 1.3 §6, legacy interface). */
    public static final long NOTIFY_ON_EMPTY = 1L << 24;
    /** vhost: the back-end logs dirty pages (migration). */
    public static final long LOG_ALL = 1L << 26;
    public static final long ANY_LAYOUT = 1L << 27;
    /** Indirect descriptor tables (virtio 1.3 §2.7.5.3). */
    public static final long RING_INDIRECT_DESC = 1L << 28;
    /** used_event / avail_event notification suppression (virtio 1.3 §2.7.7, §2.7.10). */
    public static final long RING_EVENT_IDX = 1L << 29;
    public static final long VHOST_USER_F_PROTOCOL_FEATURES = 1L << 30;
    public static final long VERSION_1 = 1L << 32;
    /** Called IOMMU_PLATFORM in QEMU 7.2's sources. */
    public static final long ACCESS_PLATFORM = 1L << 33;
    public static final long RING_PACKED = 1L << 34;
    public static final long IN_ORDER = 1L << 35;
    public static final long ORDER_PLATFORM = 1L << 36;
    public static final long SR_IOV = 1L << 37;
    public static final long NOTIFICATION_DATA = 1L << 38;
    public static final long NOTIF_CONFIG_DATA = 1L << 39;
    public static final long RING_RESET = 1L << 40;
    public static final long ADMIN_VQ = 1L << 41;

    private static final String[] NAMES = new String[42];

    static {
        NAMES[24] = "NOTIFY_ON_EMPTY";
        NAMES[26] = "LOG_ALL";
        NAMES[27] = "ANY_LAYOUT";
        NAMES[28] = "RING_INDIRECT_DESC";
        NAMES[29] = "RING_EVENT_IDX";
        NAMES[30] = "PROTOCOL_FEATURES";
        NAMES[32] = "VERSION_1";
        NAMES[33] = "ACCESS_PLATFORM";
        NAMES[34] = "RING_PACKED";
        NAMES[35] = "IN_ORDER";
        NAMES[36] = "ORDER_PLATFORM";
        NAMES[37] = "SR_IOV";
        NAMES[38] = "NOTIFICATION_DATA";
        NAMES[39] = "NOTIF_CONFIG_DATA";
        NAMES[40] = "RING_RESET";
        NAMES[41] = "ADMIN_VQ";
    }

    private VirtioFeatures() {
    }

    /**
     * Names of the set bits, lowest first, e.g. {@code RING_INDIRECT_DESC|VERSION_1};
     * device-specific and unknown bits appear as {@code bitN}; 0 is {@code none}.
     */
    public static String describe(long features) {
        return FeatureNames.describe(features, NAMES);
    }
}
