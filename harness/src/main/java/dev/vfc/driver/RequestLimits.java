package dev.vfc.driver;

/**
 * The largest requests a driver sends on one connection, as that driver derives them from the
 * INIT reply and the request queue's size.
 *
 * @param queueSize      the request queue's size: the longest descriptor chain the driver may
 *     build (virtio 1.3 §2.7.5: the queue size "is the maximum possible descriptor chain length";
 *     §2.7.5.3.1: "A driver MUST NOT create a descriptor chain longer than allowed by the device")
 * @param maxRead        the largest FUSE_READ {@code size} the driver sends
 * @param maxWrite       the largest FUSE_WRITE {@code size} the driver sends
 * @param indirect       whether the driver puts chains into indirect tables (it negotiated
 *     VIRTIO_F_INDIRECT_DESC and uses it)
 */
public record RequestLimits(int queueSize, long maxRead, long maxWrite, boolean indirect) {

    /** One line for failure messages. */
    public String describe() {
        return "queue " + queueSize + ", READ <= " + maxRead + ", WRITE <= " + maxWrite
                + (indirect ? ", indirect tables" : ", direct chains");
    }
}
