package dev.vfc.virtqueue;

/**
 * One used-ring entry (virtio 1.3 §2.7.8, {@code struct virtq_used_elem}): le32 id, the head
 * index of the completed chain, and le32 len, the bytes the device wrote into the chain's
 * writable buffers. Both are u32 kept bitwise in ints. The driver side returns them
 * unchecked: a device answering with a bogus id or length is a finding for the caller.
 */
public record UsedElement(int id, int len) {

    public static final int SIZE = 8;

    public long unsignedLen() {
        return Integer.toUnsignedLong(len);
    }
}
