package dev.vfc.virtqueue;

import dev.vfc.memory.GuestMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * accepts well-formed indirect descriptors. Not thread-safe: it keeps one copy of the last
 * indirect table, as one queue's worker walks one chain at a time.
 */
public final class DescriptorChainWalker {

    /** 2^32: §2.7.5.2's limit on a chain's total length. */
    public static final long MAX_TOTAL_LENGTH = 1L << 32;
    /** Entries a u16 {@code next} can address: a longer walk inside one table must loop. */
    public static final int MAX_INDIRECT_ENTRIES = 1 << 16;

    private final GuestMemory memory;
    private final int queueSize;
    private final ByteBuffer table;
    /** The indirect table being walked, copied out of guest memory; grown to the largest one seen. */
    private ByteBuffer indirect = ByteBuffer.allocate(0);

    public DescriptorChainWalker(GuestMemory memory, SplitRingLayout layout) {
        this.memory = Objects.requireNonNull(memory);
        this.queueSize = layout.queueSize();
        this.table = RingAccess.view(memory, layout.descTable(), SplitRingLayout.descTableSize(queueSize));
    }

    /** Walks and validates the chain starting at descriptor-table entry {@code head}. */
    public DescriptorChain walk(int head) {
        ChainBuffers chain = new ChainBuffers();
        walk(head, chain);
        return chain.toChain();
    }

    /**
     * Walks and validates the chain starting at {@code head} into {@code chain}, which is cleared
     * first; reads the descriptor fields straight from the table, so nothing is allocated per
     * descriptor.
     */
    public void walk(int head, ChainBuffers chain) {
        chain.clear(head);
        if (head < 0 || head >= queueSize) {
            throw new InvalidChainException(head, head, "head index " + head + " >= queue size " + queueSize);
        }
        int index = head;
        for (int visited = 1; ; visited++) {
            if (visited > queueSize) {
                throw fail(chain, index, "chain longer than the queue size " + queueSize + " (a loop)");
            }
            int at = index * Descriptor.SIZE;
            long addr = table.getLong(at);
            int len = table.getInt(at + 8);
            int flags = Short.toUnsignedInt(table.getShort(at + 12));
            int next = Short.toUnsignedInt(table.getShort(at + 14));
            if ((flags & Descriptor.INDIRECT) != 0) {
                if ((flags & Descriptor.NEXT) != 0) {
                    throw fail(chain, index, "INDIRECT together with NEXT");
                }
                walkIndirect(chain, index, addr, Integer.toUnsignedLong(len));
                break;
            }
            add(chain, index, addr, len, flags, next, DIRECT);
            if ((flags & Descriptor.NEXT) == 0) {
                break;
            }
            if (next >= queueSize) {
                throw fail(chain, index, "next index " + next + " >= queue size " + queueSize);
            }
            index = next;
        }
    }

    private void walkIndirect(ChainBuffers chain, int index, long tableAddr, long len) {
        if (len == 0 || len % Descriptor.SIZE != 0) {
            throw fail(chain, index, "indirect table len " + len + " is not a non-zero multiple of 16");
        }
        if (!memory.contains(tableAddr, len)) {
            throw fail(chain, index, String.format("indirect table [0x%x, +%d) is outside guest memory", tableAddr, len));
        }
        long entries = len / Descriptor.SIZE;
        int limit = (int) Math.min(entries, MAX_INDIRECT_ENTRIES);
        ByteBuffer t = copyOfIndirectTable(tableAddr, limit * Descriptor.SIZE);
        int entry = 0;
        for (int visited = 1; ; visited++) {
            if (visited > limit) {
                throw fail(chain, index, "indirect chain longer than its table's " + entries + " entries (a loop)");
            }
            int at = entry * Descriptor.SIZE;
            int flags = Short.toUnsignedInt(t.getShort(at + 12));
            int next = Short.toUnsignedInt(t.getShort(at + 14));
            if ((flags & Descriptor.INDIRECT) != 0) {
                throw fail(chain, index, "nested INDIRECT inside an indirect table" + where(entry));
            }
            add(chain, index, t.getLong(at), t.getInt(at + 8), flags, next, entry);
            if ((flags & Descriptor.NEXT) == 0) {
                return;
            }
            if (next >= entries) {
                throw fail(chain, index, "indirect next " + next + " >= table entries " + entries + where(entry));
            }
            entry = next;
        }
    }

    /** The table's bytes in a reused little-endian buffer: no view of guest memory made per chain. */
    private ByteBuffer copyOfIndirectTable(long tableAddr, int length) {
        if (indirect.capacity() < length) {
            indirect = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        }
        memory.copyOut(tableAddr, indirect.array(), 0, length);
        return indirect;
    }

    /** {@link #add}'s entry for a descriptor of the ring itself, not of an indirect table. */
    private static final int DIRECT = -1;

    /** Where a descriptor sits, for messages only: built when a chain is refused, never per descriptor. */
    private static String where(int indirectEntry) {
        return indirectEntry == DIRECT ? "" : " (indirect entry " + indirectEntry + ")";
    }

    /** The per-buffer checks, then the buffer joins the chain. */
    private void add(ChainBuffers chain, int index, long addr, int len, int flags, int next, int indirectEntry) {
        boolean writable = (flags & Descriptor.WRITE) != 0;
        if (!writable && chain.readableCount() < chain.size()) {
            throw fail(chain, index, "device-readable descriptor after a device-writable one" + where(indirectEntry));
        }
        long size = Integer.toUnsignedLong(len);
        if (!memory.contains(addr, size)) {
            throw fail(chain, index, String.format("buffer [0x%x, +%d) is outside guest memory%s", addr, size,
                    where(indirectEntry)));
        }
        if (chain.totalLength() + size > MAX_TOTAL_LENGTH) {
            throw fail(chain, index, "total length " + (chain.totalLength() + size) + " exceeds 4 GiB"
                    + where(indirectEntry));
        }
        chain.add(addr, len, flags, next);
    }

    private static InvalidChainException fail(ChainBuffers chain, int index, String reason) {
        return new InvalidChainException(chain.head(), index, reason);
    }
}
