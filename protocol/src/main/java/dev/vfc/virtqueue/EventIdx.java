package dev.vfc.virtqueue;

/**
 * The VIRTIO_F_EVENT_IDX arithmetic (virtio 1.3 §2.7.7.2 and §2.7.10.2), shared by both sides.
 */
public final class EventIdx {

    private EventIdx() {
    }

    /**
     * {@code vring_need_event}: whether moving an index from {@code oldIdx} to {@code newIdx}
     * crossed {@code eventIdx}, i.e. the other side asked to be notified once the index
     * passes {@code eventIdx} and {@code eventIdx} lies in {@code [oldIdx, newIdx)}. All three
     * are u16 and the comparison wraps modulo 2^16:
     * {@code (u16)(new - event - 1) < (u16)(new - old)}.
     */
    public static boolean needEvent(int eventIdx, int newIdx, int oldIdx) {
        return ((newIdx - eventIdx - 1) & 0xffff) < ((newIdx - oldIdx) & 0xffff);
    }
}
