package dev.vfc.virtqueue;

import dev.vfc.memory.GuestMemory;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The device side of a split virtqueue, minimal but complete: take available chains
 * (validated by {@link DescriptorChainWalker}), return them through the used ring, and
 * decide whether the driver wants a used-buffer notification (virtio 1.3 §2.7.6-§2.7.10).
 *
 * <p>It owns the used ring and only reads the descriptor table and the available ring.
 * The ring views are taken once at construction: when guest memory is remapped (a new
 * memory table), build a new device with the current {@link #lastAvailIdx()}. Not
 * thread-safe: one worker per queue.
 */
public final class SplitQueueDevice {

    private final SplitRingLayout layout;
    private final boolean eventIdx;
    private final int size;
    private final ByteBuffer avail;
    private final ByteBuffer used;
    private final DescriptorChainWalker walker;
    private int lastAvailIdx;
    private int nextUsedIdx;
    /** used.idx at the last notification decision, or -1 before the first one. */
    private int signalledUsedIdx = -1;

    public SplitQueueDevice(GuestMemory memory, SplitRingLayout layout, boolean eventIdx) {
        this(memory, layout, eventIdx, 0);
    }

    /**
     * A device resuming at {@code lastAvailIdx}, the value of vhost-user SET_VRING_BASE
     * ("the next available ring index the back-end will read"). The next used index starts
     * at the same value, as in rust-vmm: when a ring is stopped every taken chain has been
     * returned, so used.idx equals last_avail_idx.
     */
    public SplitQueueDevice(GuestMemory memory, SplitRingLayout layout, boolean eventIdx, int lastAvailIdx) {
        Objects.requireNonNull(memory);
        this.layout = Objects.requireNonNull(layout);
        this.eventIdx = eventIdx;
        this.size = layout.queueSize();
        this.avail = RingAccess.view(memory, layout.availRing(), SplitRingLayout.availRingSize(size));
        this.used = RingAccess.view(memory, layout.usedRing(), SplitRingLayout.usedRingSize(size));
        this.walker = new DescriptorChainWalker(memory, layout);
        this.lastAvailIdx = lastAvailIdx & 0xffff;
        this.nextUsedIdx = this.lastAvailIdx;
    }

    /** Whether {@code head} names a descriptor of this queue's table, so a used element can carry it. */
    public boolean holds(int head) {
        return head >= 0 && head < size;
    }

    public SplitRingLayout layout() {
        return layout;
    }

    /** The next available-ring index to read: what GET_VRING_BASE reports. */
    public int lastAvailIdx() {
        return lastAvailIdx;
    }

    /** The used.idx this device last published (or started from). */
    public int nextUsedIdx() {
        return nextUsedIdx;
    }

    /** avail.idx as the driver last published it, read with acquire. */
    public int availIdx() {
        return RingAccess.loadAcquire16(avail, 2);
    }

    /**
     * The next available chain, or empty when the driver has published nothing new. Reads
     * avail.idx with acquire (so the ring entry and the descriptors written before it are
     * visible), takes the head from {@code ring[last_avail_idx % n]}, advances
     * last_avail_idx and, with EVENT_IDX, writes it to avail_event (§2.7.10: "notify me
     * when you make anything past this available", as QEMU does on every pop).
     *
     * <p>The entry is consumed even if its chain is invalid: the exception carries the head,
     * which the caller may return with {@code pushUsed(head, 0)} to keep the queue going.
     *
     * @throws InvalidChainException if the chain breaks a rule (see {@link DescriptorChainWalker})
     * @throws InvalidRingException if avail.idx is more than the queue size ahead
     */
    public Optional<DescriptorChain> nextAvailable() {
        int head = takeHead();
        return head < 0 ? Optional.empty() : Optional.of(walker.walk(head));
    }

    /**
     * As {@link #nextAvailable()}, but the chain goes into {@code chain} (cleared first), so a worker
     * that reuses one {@link ChainBuffers} takes chains without allocating; false when the driver has
     * published nothing new (then {@code chain} is left as it was).
     */
    public boolean nextAvailable(ChainBuffers chain) {
        int head = takeHead();
        if (head < 0) {
            return false;
        }
        walker.walk(head, chain);
        return true;
    }

    /** Consumes the next avail entry and returns its head, or -1 when there is none. */
    private int takeHead() {
        int availIdx = availIdx();
        int pending = (availIdx - lastAvailIdx) & 0xffff;
        if (pending == 0) {
            return -1;
        }
        if (pending > size) {
            throw new InvalidRingException("driver moved avail.idx from " + lastAvailIdx + " to " + availIdx
                    + ", more than the queue size " + size);
        }
        int head = RingAccess.load16(avail, 4 + 2 * (lastAvailIdx % size));
        lastAvailIdx = (lastAvailIdx + 1) & 0xffff;
        if (eventIdx) {
            RingAccess.store16(used, 4 + UsedElement.SIZE * size, lastAvailIdx);
        }
        return head;
    }

    /**
     * Returns a chain (§2.7.8): writes {@code {id = headIndex, len}} into
     * {@code used.ring[used.idx % n]}, then publishes used.idx + 1 with a release store, so
     * the driver sees the element (and the data written into the buffers) before the index.
     *
     * @param len bytes written into the chain's writable buffers (u32)
     */
    public void pushUsed(int headIndex, int len) {
        Objects.checkIndex(headIndex, size);
        int at = 4 + UsedElement.SIZE * (nextUsedIdx % size);
        used.putInt(at, headIndex).putInt(at + 4, len);
        nextUsedIdx = (nextUsedIdx + 1) & 0xffff;
        RingAccess.storeRelease16(used, 2, nextUsedIdx);
    }

    /**
     * Whether to signal the driver (call fd) for the used entries pushed since the last time
     * this was asked (§2.7.7.2). With EVENT_IDX: if used.idx moved past used_event since the
     * previous decision ({@link EventIdx#needEvent}); the first decision always notifies.
     * Without: unless avail.flags has VRING_AVAIL_F_NO_INTERRUPT. A full fence first orders
     * the used.idx store before reading the driver's fields.
     */
    public boolean needsNotification() {
        VarHandle.fullFence();
        if (eventIdx) {
            int old = signalledUsedIdx;
            signalledUsedIdx = nextUsedIdx;
            if (old < 0) {
                return true;
            }
            int usedEvent = RingAccess.load16(avail, 4 + 2 * size);
            return EventIdx.needEvent(usedEvent, nextUsedIdx, old);
        }
        return (RingAccess.load16(avail, 0) & SplitQueueDriver.AVAIL_F_NO_INTERRUPT) == 0;
    }

    /**
     * Asks the driver for available-buffer notifications again (§2.7.10): with EVENT_IDX by
     * writing avail_event = last_avail_idx, otherwise by clearing VRING_USED_F_NO_NOTIFY.
     * Returns whether chains arrived meanwhile (re-checked after a full fence), in which case
     * the caller must keep draining instead of sleeping on the kick fd.
     */
    public boolean enableNotification() {
        if (eventIdx) {
            RingAccess.store16(used, 4 + UsedElement.SIZE * size, lastAvailIdx);
        } else {
            RingAccess.store16(used, 0, RingAccess.load16(used, 0) & ~SplitQueueDriver.USED_F_NO_NOTIFY);
        }
        VarHandle.fullFence();
        return availIdx() != lastAvailIdx;
    }

    /**
     * Tells the driver not to kick while the device is draining: sets VRING_USED_F_NO_NOTIFY.
     * With EVENT_IDX the driver ignores used.flags and follows avail_event (§2.7.10), so this
     * does nothing; avail_event simply stays behind until {@link #nextAvailable} moves it.
     */
    public void disableNotification() {
        if (!eventIdx) {
            RingAccess.store16(used, 0, RingAccess.load16(used, 0) | SplitQueueDriver.USED_F_NO_NOTIFY);
        }
    }
}
