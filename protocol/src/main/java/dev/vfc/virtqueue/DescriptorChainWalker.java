package dev.vfc.virtqueue;

import dev.vfc.memory.GuestMemory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a descriptor chain from its head and checks everything a hostile or broken driver
 * could get wrong before the device touches a byte of it. Rules enforced (virtio 1.3):
 *
 * <ul>
 *   <li>the head and every {@code next} are below the queue size (§2.7.5);</li>
 *   <li>a chain visits at most queue-size descriptors: anything longer must revisit one,
 *       i.e. it loops (§2.7.5.2: "Drivers MUST NOT add a descriptor chain longer than 2^32
 *       bytes in total; this implies that loops in the descriptor chain are forbidden");</li>
 *   <li>no device-readable buffer after a device-writable one (§2.7.4.2);</li>
 *   <li>every buffer lies inside one guest memory region;</li>
 *   <li>the total length is at most 2^32 bytes (§2.7.5.2);</li>
 *   <li>indirect (§2.7.5.3.1): not together with NEXT; table len a non-zero multiple of 16;
 *       the table inside guest memory; no INDIRECT inside a table; table {@code next}
 *       below len/16; a walk inside the table of at most len/16 entries (and never more than
 *       65536, all a u16 {@code next} can reach). As §2.7.5.3.2 requires, zero or more direct
 *       descriptors may precede the single indirect one, whose WRITE flag is ignored.</li>
 * </ul>
 *
 * <p>Whether INDIRECT_DESC was negotiated is the caller's business; the walker always
 * accepts well-formed indirect descriptors.
 */
public final class DescriptorChainWalker {

    /** 2^32: §2.7.5.2's limit on a chain's total length. */
    public static final long MAX_TOTAL_LENGTH = 1L << 32;
    /** Entries a u16 {@code next} can address: a longer walk inside one table must loop. */
    public static final int MAX_INDIRECT_ENTRIES = 1 << 16;

    private final GuestMemory memory;
    private final int queueSize;
    private final ByteBuffer table;

    public DescriptorChainWalker(GuestMemory memory, SplitRingLayout layout) {
        this.memory = Objects.requireNonNull(memory);
        this.queueSize = layout.queueSize();
        this.table = RingAccess.view(memory, layout.descTable(), SplitRingLayout.descTableSize(queueSize));
    }

    /** Walks and validates the chain starting at descriptor-table entry {@code head}. */
    public DescriptorChain walk(int head) {
        Chain chain = new Chain(head);
        if (head < 0 || head >= queueSize) {
            throw new InvalidChainException(head, head, "head index " + head + " >= queue size " + queueSize);
        }
        int index = head;
        for (int visited = 1; ; visited++) {
            if (visited > queueSize) {
                throw chain.fail(index, "chain longer than the queue size " + queueSize + " (a loop)");
            }
            Descriptor d = Descriptor.read(table, index);
            if (d.isIndirect()) {
                if (d.hasNext()) {
                    throw chain.fail(index, "INDIRECT together with NEXT");
                }
                walkIndirect(chain, index, d);
                break;
            }
            chain.add(index, d, DIRECT);
            if (!d.hasNext()) {
                break;
            }
            if (d.next() >= queueSize) {
                throw chain.fail(index, "next index " + d.next() + " >= queue size " + queueSize);
            }
            index = d.next();
        }
        return new DescriptorChain(head, chain.readable, chain.writable);
    }

    private void walkIndirect(Chain chain, int index, Descriptor pointer) {
        long len = pointer.unsignedLen();
        if (len == 0 || len % Descriptor.SIZE != 0) {
            throw chain.fail(index, "indirect table len " + len + " is not a non-zero multiple of 16");
        }
        if (!memory.contains(pointer.addr(), len)) {
            throw chain.fail(index, String.format("indirect table [0x%x, +%d) is outside guest memory", pointer.addr(), len));
        }
        long entries = len / Descriptor.SIZE;
        int limit = (int) Math.min(entries, MAX_INDIRECT_ENTRIES);
        ByteBuffer t = RingAccess.view(memory, pointer.addr(), limit * Descriptor.SIZE);
        int entry = 0;
        for (int visited = 1; ; visited++) {
            if (visited > limit) {
                throw chain.fail(index, "indirect chain longer than its table's " + entries + " entries (a loop)");
            }
            Descriptor d = Descriptor.read(t, entry);
            if (d.isIndirect()) {
                throw chain.fail(index, "nested INDIRECT inside an indirect table" + where(entry));
            }
            chain.add(index, d, entry);
            if (!d.hasNext()) {
                return;
            }
            if (d.next() >= entries) {
                throw chain.fail(index, "indirect next " + d.next() + " >= table entries " + entries + where(entry));
            }
            entry = d.next();
        }
    }

    /** {@link Chain#add}'s entry for a descriptor of the ring itself, not of an indirect table. */
    private static final int DIRECT = -1;

    /** Where a descriptor sits, for messages only: built when a chain is refused, never per descriptor. */
    private static String where(int indirectEntry) {
        return indirectEntry == DIRECT ? "" : " (indirect entry " + indirectEntry + ")";
    }

    /** The chain being built, with the per-buffer checks. */
    private final class Chain {
        final int head;
        final List<Descriptor> readable = new ArrayList<>();
        final List<Descriptor> writable = new ArrayList<>();
        long total;

        Chain(int head) {
            this.head = head;
        }

        void add(int index, Descriptor d, int indirectEntry) {
            if (!d.isWritable() && !writable.isEmpty()) {
                throw fail(index, "device-readable descriptor after a device-writable one" + where(indirectEntry));
            }
            if (!memory.contains(d.addr(), d.unsignedLen())) {
                throw fail(index, String.format("buffer [0x%x, +%d) is outside guest memory%s", d.addr(), d.unsignedLen(),
                        where(indirectEntry)));
            }
            total += d.unsignedLen();
            if (total > MAX_TOTAL_LENGTH) {
                throw fail(index, "total length " + total + " exceeds 4 GiB" + where(indirectEntry));
            }
            (d.isWritable() ? writable : readable).add(d);
        }

        InvalidChainException fail(int index, String reason) {
            return new InvalidChainException(head, index, reason);
        }
    }
}
