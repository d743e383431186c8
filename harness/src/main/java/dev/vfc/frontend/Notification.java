package dev.vfc.frontend;

import dev.vfc.results.RecordedExchange;
import dev.vfc.virtqueue.EventIdx;

/**
 * Whether the device owed the driver a used buffer notification for one used element, and
 * whether the call eventfd fired for it. A vhost-user back-end notifies by writing the
 * eventfd of VHOST_USER_SET_VRING_CALL ("Set the event file descriptor to signal when
 * buffers are used", QEMU 7.2 docs/interop/vhost-user.rst); QEMU turns that into the
 * guest's interrupt. A driver that did not suppress the notification sleeps until it comes,
 * so a used element published without it leaves a real guest waiting forever.
 *
 * @param suppression how the driver had set up suppression when the chain was published
 * @param usedEvent   the used_event the driver had written (meaningful with EVENT_IDX only)
 * @param oldUsedIdx  used.idx before the device placed this element (where it went)
 * @param newUsedIdx  used.idx once the element was seen
 * @param fired       whether the call eventfd was signalled after the element was visible
 *                    and before the frontend's grace period ended
 */
public record Notification(Suppression suppression, int usedEvent, int oldUsedIdx, int newUsedIdx, boolean fired) {

    /**
     * The rule the verdict cites: virtio 1.3 §2.7.7.2, the device's side of used buffer
     * notification suppression for split virtqueues.
     */
    public static final String RULE = "virtio 1.3 §2.7.7.2 (Device Requirements: Used Buffer Notification "
            + "Suppression): without VIRTIO_F_EVENT_IDX, after the device writes a descriptor index into the used "
            + "ring, \"If flags is 0, the device MUST send a notification\"; with it, \"If the idx field in the used "
            + "ring (which determined where that descriptor index was placed) was equal to used_event, the device "
            + "MUST send a notification\". A vhost-user back-end sends it on the eventfd of the latest "
            + "VHOST_USER_SET_VRING_CALL (QEMU 7.2 docs/interop/vhost-user.rst)";

    /** The driver's side of §2.7.7.1 at the time the chain was published. */
    public enum Suppression {
        /** No EVENT_IDX, avail.flags 0: the device MUST notify. */
        NONE,
        /** No EVENT_IDX, VRING_AVAIL_F_NO_INTERRUPT set (OVMF polls): the device SHOULD NOT notify. */
        NO_INTERRUPT,
        /** EVENT_IDX negotiated: the device MUST notify when the element lands at used_event, else SHOULD NOT. */
        EVENT_IDX
    }

    /**
     * Whether §2.7.7.2 obliged the device to notify. With EVENT_IDX the element that lands
     * at index {@code used_event} must be notified; when the device published several
     * elements at once, one notification is owed if used_event lies in
     * {@code [oldUsedIdx, newUsedIdx)}, which is {@code vring_need_event} (u16, wrapping).
     */
    public boolean required() {
        return switch (suppression) {
            case NONE -> true;
            case NO_INTERRUPT -> false;
            case EVENT_IDX -> EventIdx.needEvent(usedEvent, newUsedIdx, oldUsedIdx);
        };
    }

    /** A required notification that never came: a real guest would wait forever. */
    public boolean missing() {
        return required() && !fired;
    }

    /** As the transcript shows it: {@code yes}, {@code no (required)}, {@code no (not required: ...)}. */
    public String describe() {
        return recorded().describe();
    }

    /** What a results file keeps of it. */
    public RecordedExchange.Notified recorded() {
        return new RecordedExchange.Notified(required(), fired, required() ? "" : whyNotRequired());
    }

    /** Why no notification was owed: the driver polls, or used_event was not reached. */
    public String whyNotRequired() {
        return suppression == Suppression.NO_INTERRUPT ? "VRING_AVAIL_F_NO_INTERRUPT"
                : "used_event " + usedEvent + " not reached";
    }

    /**
     * The sentence of {@link #RULE} that applies to this ring, with its source, for a FAIL's
     * detail; the polling case has no MUST and never fails.
     */
    public String clause() {
        return switch (suppression) {
            case NONE -> "virtio 1.3 §2.7.7.2: \"If flags is 0, the device MUST send a notification\"";
            case EVENT_IDX -> "virtio 1.3 §2.7.7.2 with VIRTIO_F_EVENT_IDX: \"If the idx field in the used ring (which "
                    + "determined where that descriptor index was placed) was equal to used_event, the device MUST "
                    + "send a notification\"";
            case NO_INTERRUPT -> "virtio 1.3 §2.7.7.2: \"If flags is 1, the device SHOULD NOT send a notification\"";
        };
    }

    /** One sentence for a FAIL's detail: what the ring said and what the eventfd did. */
    public String explain() {
        String state = switch (suppression) {
            case NONE -> "avail.flags was 0 and VIRTIO_F_EVENT_IDX was not negotiated";
            case NO_INTERRUPT -> "avail.flags had VRING_AVAIL_F_NO_INTERRUPT";
            case EVENT_IDX -> "VIRTIO_F_EVENT_IDX was negotiated and used_event was " + usedEvent
                    + ", and the element was placed at used index " + oldUsedIdx;
        };
        return state + (fired ? "; the call eventfd fired" : "; the call eventfd did not fire");
    }
}
