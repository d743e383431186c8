package dev.vfc.virtqueue;

import dev.vfc.memory.GuestMemory;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The driver (guest) side of a split virtqueue, for the fake frontend that plays the guest:
 * it writes descriptors, makes chains available, decides whether the device wants a kick,
 * and collects used buffers (virtio 1.3 §2.7.13 "Supplying Buffers to The Device", §2.7.14
 * "Receiving Used Buffers From The Device").
 *
 * <p>It owns the descriptor table and the available ring; the used ring belongs to the
 * device and is only read, except for initialising its idx in the
 * {@linkplain #SplitQueueDriver(GuestMemory, SplitRingLayout, boolean, int) resumed-ring
 * constructor}. Not thread-safe: one driver thread per queue, like a real guest's lock.
 */
public final class SplitQueueDriver {

    /** VRING_AVAIL_F_NO_INTERRUPT: the driver asks for no used-buffer notifications (§2.7.7). */
    public static final int AVAIL_F_NO_INTERRUPT = 1;
    /** VRING_USED_F_NO_NOTIFY: the device asks for no available-buffer notifications (§2.7.10). */
    public static final int USED_F_NO_NOTIFY = 1;

    private final SplitRingLayout layout;
    private final GuestMemory memory;
    private final boolean eventIdx;
    private final int size;
    private final ByteBuffer desc;
    private final ByteBuffer avail;
    private final ByteBuffer used;
    private int availIdx;
    private int lastUsedIdx;

    /** A fresh ring: both indices 0, as after device reset. */
    public SplitQueueDriver(GuestMemory memory, SplitRingLayout layout, boolean eventIdx) {
        this(memory, layout, eventIdx, 0);
    }

    /**
     * A ring that has already carried {@code initialIdx} requests, all completed: avail.idx
     * and used.idx are both set to it in guest memory, as a device would have left them. The
     * frontend then sends SET_VRING_BASE with the same value so the device's last_avail_idx
     * agrees; this is how the harness exercises 16-bit index wrap-around.
     */
    public SplitQueueDriver(GuestMemory memory, SplitRingLayout layout, boolean eventIdx, int initialIdx) {
        this.memory = Objects.requireNonNull(memory);
        this.layout = Objects.requireNonNull(layout);
        this.eventIdx = eventIdx;
        this.size = layout.queueSize();
        this.desc = RingAccess.view(memory, layout.descTable(), SplitRingLayout.descTableSize(size));
        this.avail = RingAccess.view(memory, layout.availRing(), SplitRingLayout.availRingSize(size));
        this.used = RingAccess.view(memory, layout.usedRing(), SplitRingLayout.usedRingSize(size));
        this.availIdx = initialIdx & 0xffff;
        this.lastUsedIdx = availIdx;
        RingAccess.store16(used, 2, availIdx);
        RingAccess.storeRelease16(avail, 2, availIdx);
    }

    public SplitRingLayout layout() {
        return layout;
    }

    /**
     * Forgets every chain, as a driver re-initialising the queue after a device reset does
     * (virtio 1.3 §3.1.1): the descriptor table and both rings are zeroed, and both indices
     * start again at 0.
     */
    public void reset() {
        for (ByteBuffer part : List.of(desc, avail, used)) {
            for (int i = 0; i < part.capacity(); i++) {
                part.put(i, (byte) 0);
            }
        }
        availIdx = 0;
        lastUsedIdx = 0;
    }

    public boolean eventIdx() {
        return eventIdx;
    }

    /** Writes entry {@code index} of the descriptor table. */
    public void writeDescriptor(int index, Descriptor d) {
        Objects.checkIndex(index, size);
        d.write(desc, index);
    }

    /**
     * Writes an indirect descriptor table at {@code gpa} (§2.7.5.3); point a descriptor at it
     * with flags INDIRECT and len {@code 16 * table.size()}.
     */
    public void writeIndirectTable(long gpa, List<Descriptor> table) {
        ByteBuffer t = RingAccess.view(memory, gpa, Descriptor.SIZE * table.size());
        for (int i = 0; i < table.size(); i++) {
            table.get(i).write(t, i);
        }
    }

    /**
     * Makes the chain starting at {@code headIndex} available (§2.7.13.2-3): writes it into
     * {@code avail.ring[avail.idx % n]}, then publishes {@code avail.idx + 1} with a release
     * store, so the device cannot see the new idx before the ring entry and the descriptors
     * written earlier ("the driver MUST perform a suitable memory barrier before the idx
     * update"). Any u16 goes into the entry, a head at or past the queue size too: the suite's
     * hostile drivers publish entries that name no descriptor (§2.7.6 leaves them undefined).
     */
    public void publish(int headIndex) {
        Objects.checkIndex(headIndex, 1 << 16);
        RingAccess.store16(avail, 4 + 2 * (availIdx % size), headIndex);
        availIdx = (availIdx + 1) & 0xffff;
        RingAccess.storeRelease16(avail, 2, availIdx);
    }

    /**
     * Makes {@code headIndex} available {@code times} times with one store of avail.idx: the
     * entries first, then avail.idx moved by {@code times} at once, so a device sees the whole
     * jump or none of it. With {@code times} past the queue size this is the hostile driver whose
     * avail.idx runs further ahead than the ring holds (virtio 1.3 §2.7: at most Queue Size
     * buffers can be queued).
     */
    public void publishAtOnce(int headIndex, int times) {
        Objects.checkIndex(headIndex, 1 << 16);
        for (int i = 0; i < times; i++) {
            RingAccess.store16(avail, 4 + 2 * ((availIdx + i) % size), headIndex);
        }
        availIdx = (availIdx + times) & 0xffff;
        RingAccess.storeRelease16(avail, 2, availIdx);
    }

    /** The avail.idx this driver last published. */
    public int availIdx() {
        return availIdx;
    }

    /** used.idx as the device last published it, read with acquire. */
    public int usedIdx() {
        return RingAccess.loadAcquire16(used, 2);
    }

    /** The used index up to which {@link #pollUsed()} has consumed entries. */
    public int lastUsedIdx() {
        return lastUsedIdx;
    }

    /**
     * The next used element this driver has not yet consumed (§2.7.14), or empty when
     * used.idx has not moved past it. The acquire load of used.idx orders the read of the
     * element after it. Values are returned as the device wrote them, unchecked.
     */
    public Optional<UsedElement> pollUsed() {
        if (usedIdx() == lastUsedIdx) {
            return Optional.empty();
        }
        int at = 4 + UsedElement.SIZE * (lastUsedIdx % size);
        UsedElement e = new UsedElement(used.getInt(at), used.getInt(at + 4));
        lastUsedIdx = (lastUsedIdx + 1) & 0xffff;
        return Optional.of(e);
    }

    /**
     * Writes used_event (EVENT_IDX, §2.7.7.2): the device should notify once used.idx moves
     * past {@code value}. Setting it to {@link #lastUsedIdx()} asks for the next completion.
     */
    public void setUsedEvent(int value) {
        RingAccess.store16(avail, 4 + 2 * size, value & 0xffff);
    }

    /** Writes avail.flags; {@link #AVAIL_F_NO_INTERRUPT} is the only defined bit. */
    public void setAvailFlags(int flags) {
        RingAccess.store16(avail, 0, flags & 0xffff);
    }

    /**
     * Whether the device asked to be notified of the move of avail.idx from
     * {@code oldAvailIdx} to {@code newAvailIdx} (§2.7.13.4): with EVENT_IDX, when the move
     * crossed avail_event ({@link EventIdx#needEvent}); otherwise unless used.flags has
     * {@link #USED_F_NO_NOTIFY}. A full fence first orders the idx store before this load
     * ("the driver MUST perform a suitable memory barrier before reading").
     */
    public boolean deviceWantsKick(int oldAvailIdx, int newAvailIdx) {
        VarHandle.fullFence();
        if (eventIdx) {
            int availEvent = RingAccess.load16(used, 4 + UsedElement.SIZE * size);
            return EventIdx.needEvent(availEvent, newAvailIdx & 0xffff, oldAvailIdx & 0xffff);
        }
        return (RingAccess.load16(used, 0) & USED_F_NO_NOTIFY) == 0;
    }
}
