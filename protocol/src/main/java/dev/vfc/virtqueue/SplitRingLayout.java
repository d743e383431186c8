package dev.vfc.virtqueue;

/**
 * Where the three parts of a split virtqueue sit in guest memory (virtio 1.3 §2.7, table
 * "Virtqueue Part / Alignment / Size"):
 *
 * <pre>
 *   Descriptor Table  align 16  16 * n          {le64 addr, le32 len, le16 flags, le16 next}[n]
 *   Available Ring    align 2   6 + 2 * n       le16 flags, le16 idx, le16 ring[n], le16 used_event
 *   Used Ring         align 4   6 + 8 * n       le16 flags, le16 idx, {le32 id, le32 len}[n], le16 avail_event
 * </pre>
 *
 * The queue size n is a power of two from 1 to 32768 (§2.7: "Queue Size value is always a
 * power of 2", maximum 32768), which is what lets both sides index the rings with
 * {@code idx % n} while {@code idx} itself wraps at 2^16.
 *
 * <p>Addresses are guest-physical. (vhost-user's SET_VRING_ADDR carries front-end virtual
 * addresses; translating them is the daemon's job, not this record's.)
 */
public record SplitRingLayout(int queueSize, long descTable, long availRing, long usedRing) {

    public static final int MAX_QUEUE_SIZE = 32768;
    public static final int DESC_ALIGN = 16;
    public static final int AVAIL_ALIGN = 2;
    public static final int USED_ALIGN = 4;
    /** Legacy interface alignment of the used ring (virtio 1.3 §2.7.2, legacy {@code vring_init}). */
    public static final int LEGACY_USED_ALIGN = 4096;

    public SplitRingLayout {
        if (queueSize < 1 || queueSize > MAX_QUEUE_SIZE || Integer.bitCount(queueSize) != 1) {
            throw new IllegalArgumentException("queue size " + queueSize + " is not a power of two in 1..32768");
        }
        requireAligned("descriptor table", descTable, DESC_ALIGN);
        requireAligned("available ring", availRing, AVAIL_ALIGN);
        requireAligned("used ring", usedRing, USED_ALIGN);
    }

    private static void requireAligned(String what, long address, int alignment) {
        if (address < 0 || address % alignment != 0) {
            throw new IllegalArgumentException(String.format("%s at 0x%x is not %d-byte aligned", what, address, alignment));
        }
    }

    /**
     * The three parts back to back from {@code base}, the way legacy drivers and OVMF's
     * {@code VirtioRingInit} lay them out: descriptor table at {@code base}, available ring
     * right after it, used ring at the next 4096-byte boundary ({@code vring_size} of the
     * legacy interface). {@code base} must be 16-byte aligned; drivers use a page.
     */
    public static SplitRingLayout contiguous(int queueSize, long base) {
        long avail = base + descTableSize(queueSize);
        long used = alignUp(avail + availRingSize(queueSize), LEGACY_USED_ALIGN);
        return new SplitRingLayout(queueSize, base, avail, used);
    }

    public static int descTableSize(int queueSize) {
        return Descriptor.SIZE * queueSize;
    }

    /** flags, idx, ring[n], used_event: 6 + 2n bytes. */
    public static int availRingSize(int queueSize) {
        return 6 + 2 * queueSize;
    }

    /** flags, idx, ring[n] of 8-byte elements, avail_event: 6 + 8n bytes. */
    public static int usedRingSize(int queueSize) {
        return 6 + UsedElement.SIZE * queueSize;
    }

    static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /** Bytes from the lowest part's start to the highest part's end; for {@link #contiguous} the block size. */
    public long totalSize() {
        long start = Math.min(descTable, Math.min(availRing, usedRing));
        long end = Math.max(descTable + descTableSize(queueSize),
                Math.max(availRing + availRingSize(queueSize), usedRing + usedRingSize(queueSize)));
        return end - start;
    }

    public long descriptorAddress(int index) {
        return descTable + (long) Descriptor.SIZE * index;
    }

    public long availIdxAddress() {
        return availRing + 2;
    }

    public long availEntryAddress(int slot) {
        return availRing + 4 + 2L * slot;
    }

    /** used_event: the last le16 of the available ring (EVENT_IDX only). */
    public long usedEventAddress() {
        return availRing + 4 + 2L * queueSize;
    }

    public long usedIdxAddress() {
        return usedRing + 2;
    }

    public long usedElementAddress(int slot) {
        return usedRing + 4 + (long) UsedElement.SIZE * slot;
    }

    /** avail_event: the last le16 of the used ring (EVENT_IDX only). */
    public long availEventAddress() {
        return usedRing + 4 + (long) UsedElement.SIZE * queueSize;
    }

    @Override
    public String toString() {
        return String.format("SplitRingLayout[n=%d, desc=0x%x, avail=0x%x, used=0x%x]", queueSize, descTable, availRing, usedRing);
    }
}
