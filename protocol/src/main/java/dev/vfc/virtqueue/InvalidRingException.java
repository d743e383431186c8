package dev.vfc.virtqueue;

/**
 * A ring whose state cannot be right, independently of any one chain: the driver moved
 * avail.idx more than the queue size past the device's last_avail_idx. The available ring
 * has only Queue Size slots (virtio 1.3 §2.7.6), so the driver has overwritten entries the
 * device never read. QEMU treats the same condition as fatal ("Guest moved avail index from
 * %u to %u"); the device should stop using the queue (DEVICE_NEEDS_RESET, §2.1.2).
 */
public final class InvalidRingException extends RuntimeException {

    public InvalidRingException(String message) {
        super(message);
    }
}
