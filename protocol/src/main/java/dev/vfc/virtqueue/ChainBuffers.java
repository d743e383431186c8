package dev.vfc.virtqueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The buffers of one validated descriptor chain, device-readable ones first (virtio 1.3
 * §2.7.4.2), held as parallel arrays that a queue worker fills chain after chain
 * ({@link SplitQueueDevice#nextAvailable(ChainBuffers)}). Once the arrays have grown to the
 * longest chain seen, taking a chain allocates nothing: a Linux guest's 1 MiB READ is 258
 * buffers, which as {@link Descriptor} records and lists cost some 20 KB per request.
 * {@link DescriptorChain} is the immutable form, for callers that keep a chain.
 */
public final class ChainBuffers {

    private static final int INITIAL_CAPACITY = 8;

    private int head;
    private int count;
    private int readable;
    private long total;
    private long[] addrs = new long[INITIAL_CAPACITY];
    private int[] lens = new int[INITIAL_CAPACITY];
    /** Flags and next as the driver wrote them, so {@link #toChain()} gives back its descriptors. */
    private int[] flags = new int[INITIAL_CAPACITY];
    private int[] nexts = new int[INITIAL_CAPACITY];

    /** Forgets the previous chain; the next buffers belong to the chain headed by {@code head}. */
    public void clear(int head) {
        this.head = head;
        count = 0;
        readable = 0;
        total = 0;
    }

    /** Appends one data buffer; the walker has already checked that no readable one follows a writable one. */
    public void add(long addr, int len, int flags, int next) {
        if (count == addrs.length) {
            int grown = count * 2;
            addrs = Arrays.copyOf(addrs, grown);
            lens = Arrays.copyOf(lens, grown);
            this.flags = Arrays.copyOf(this.flags, grown);
            nexts = Arrays.copyOf(nexts, grown);
        }
        addrs[count] = addr;
        lens[count] = len;
        this.flags[count] = flags;
        nexts[count] = next;
        count++;
        if ((flags & Descriptor.WRITE) == 0) {
            readable++;
        }
        total += Integer.toUnsignedLong(len);
    }

    /** Appends {@code d}, as {@link #add(long, int, int, int)}. */
    public void add(Descriptor d) {
        add(d.addr(), d.len(), d.flags(), d.next());
    }

    public int head() {
        return head;
    }

    /** Buffers in the chain. */
    public int size() {
        return count;
    }

    /** How many of the first buffers are device-readable; the rest, up to {@link #size()}, are writable. */
    public int readableCount() {
        return readable;
    }

    /** The chain's total length so far, in bytes. */
    public long totalLength() {
        return total;
    }

    public long addr(int i) {
        return addrs[check(i)];
    }

    public long unsignedLen(int i) {
        return Integer.toUnsignedLong(lens[check(i)]);
    }

    /** The buffers as {@link Descriptor} records, for a caller that keeps them past the next chain. */
    public DescriptorChain toChain() {
        List<Descriptor> r = new ArrayList<>(readable);
        List<Descriptor> w = new ArrayList<>(count - readable);
        for (int i = 0; i < count; i++) {
            (i < readable ? r : w).add(new Descriptor(addrs[i], lens[i], flags[i], nexts[i]));
        }
        return new DescriptorChain(head, r, w);
    }

    private int check(int i) {
        return java.util.Objects.checkIndex(i, count);
    }
}
