package dev.vfc.frontend;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.memory.GuestMemory;
import dev.vfc.virtqueue.Descriptor;
import dev.vfc.virtqueue.SplitQueueDriver;
import dev.vfc.virtqueue.SplitRingLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a queue's chains into guest memory: their buffers in the guest's bounce area and their
 * descriptors in the ring's table (or an indirect one), and copies the writable buffers back
 * once the daemon is done. Kept apart from {@link VirtQueue} so that what the daemon is given
 * to read is one place, separate from when it is told and how the answer is awaited.
 *
 * <p>The bounce area is shared by all queues; callers hold the allocator's lock around every
 * method here, as {@link VirtQueue} does.
 */
final class ChainPlacer {

    /** What a writable buffer holds before the daemon writes it, so stale bytes never pass as data. */
    private static final byte POISON = (byte) 0xA5;

    private final GuestMemory memory;
    private final SplitRingLayout layout;
    private final SplitQueueDriver driver;
    private final GuestAllocator allocator;

    ChainPlacer(GuestMemory memory, SplitRingLayout layout, SplitQueueDriver driver, GuestAllocator allocator) {
        this.memory = memory;
        this.layout = layout;
        this.driver = driver;
        this.allocator = allocator;
    }

    /** Chains laid out for one batch: their heads, and the writable buffers to copy back of each. */
    record Batch(List<Integer> heads, List<List<Long>> copyAddresses, List<List<Integer>> copyLengths) {
    }

    /**
     * Resets the bounce area and lays out all of {@code chains}, each its own head, descriptors
     * never shared.
     *
     * @throws IllegalArgumentException when the chains need more descriptors than the queue has
     */
    Batch layOut(List<ChainLayout> chains, VirtQueue.Capture capture) {
        allocator.reset();
        List<Integer> heads = new ArrayList<>();
        List<List<Long>> copyAddresses = new ArrayList<>();
        List<List<Integer>> copyLengths = new ArrayList<>();
        int next = 0;
        for (ChainLayout chain : chains) {
            List<Long> addresses = place(chain, capture);
            List<Descriptor> descriptors = descriptorsFor(chain, addresses, chain.indirect() ? 0 : next);
            int needed = chain.indirect() ? 1 : descriptors.size();
            if (next + needed > layout.queueSize()) {
                throw new IllegalArgumentException(chains.size() == 1
                        ? "a direct chain of " + needed + " descriptors does not fit a queue of " + layout.queueSize()
                        : chains.size() + " chains need more than the " + layout.queueSize()
                                + " descriptors of the queue");
            }
            writeDescriptors(chain, descriptors, next);
            heads.add(next);
            next += needed;
            List<Long> a = new ArrayList<>();
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < chain.segments().size(); i++) {
                Segment seg = chain.segments().get(i);
                if (seg.writable() && (capture == VirtQueue.Capture.ALL || a.isEmpty())) {
                    a.add(addresses.get(i));
                    l.add(seg.length());
                }
            }
            copyAddresses.add(a);
            copyLengths.add(l);
        }
        return new Batch(heads, copyAddresses, copyLengths);
    }

    /** Writes the chain's descriptors from {@code head} on, or one pointing at its indirect table. */
    private void writeDescriptors(ChainLayout chain, List<Descriptor> descriptors, int head) {
        if (chain.indirect()) {
            long table = allocator.allocate((long) descriptors.size() * Descriptor.SIZE, 16);
            driver.writeIndirectTable(table, descriptors);
            driver.writeDescriptor(head, new Descriptor(table, descriptors.size() * Descriptor.SIZE,
                    Descriptor.INDIRECT, 0));
        } else {
            for (int i = 0; i < descriptors.size(); i++) {
                driver.writeDescriptor(head + i, descriptors.get(i));
            }
        }
    }

    /** Places {@code bytes} for the daemon to read and returns their guest-physical address. */
    long placeReadable(ByteBuffer bytes) {
        long gpa = allocator.allocate(Math.max(1, bytes.remaining()), 16);
        memory.slice(gpa, bytes.remaining()).put(bytes.duplicate());
        return gpa;
    }

    /** Places a poisoned buffer for the daemon to write and returns its guest-physical address. */
    long placeWritable(int length) {
        long gpa = allocator.allocate(Math.max(1, length), length >= 4096 ? 4096 : 8);
        fill(memory.slice(gpa, length), POISON);
        return gpa;
    }

    /** Copies of the buffers at {@code addresses}, in order, as the daemon left them. */
    List<ByteBuffer> copyOut(List<Long> addresses, List<Integer> lengths) {
        List<ByteBuffer> copies = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            copies.add(copyOut(addresses.get(i), lengths.get(i)));
        }
        return copies;
    }

    private ByteBuffer copyOut(long gpa, int length) {
        ByteBuffer copy = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(memory.slice(gpa, length)).flip();
        return copy;
    }

    /** Allocates and fills every segment; writable ones are poisoned so stale bytes never pass as data. */
    private List<Long> place(ChainLayout chain, VirtQueue.Capture capture) {
        List<Long> addresses = new ArrayList<>();
        boolean firstWritable = true;
        for (Segment s : chain.segments()) {
            long gpa = allocator.allocate(Math.max(1, s.length()), s.length() >= 4096 ? 4096 : 8);
            ByteBuffer target = memory.slice(gpa, s.length());
            if (s.writable()) {
                if (capture == VirtQueue.Capture.ALL || firstWritable) {
                    fill(target, POISON);
                }
                firstWritable = false;
            } else {
                target.put(s.contents().duplicate());
            }
            addresses.add(gpa);
        }
        return addresses;
    }

    /** The chain's descriptors, linked by {@code next} as if written from index {@code base} on. */
    private static List<Descriptor> descriptorsFor(ChainLayout chain, List<Long> addresses, int base) {
        List<Descriptor> out = new ArrayList<>();
        List<Segment> segments = chain.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            int flags = (s.writable() ? Descriptor.WRITE : 0) | (last ? 0 : Descriptor.NEXT);
            out.add(new Descriptor(addresses.get(i), s.length(), flags, last ? 0 : base + i + 1));
        }
        return out;
    }

    private static void fill(ByteBuffer target, byte value) {
        ByteBuffer b = target.duplicate();
        long pattern = 0x0101010101010101L * (value & 0xFF);
        while (b.remaining() >= 8) {
            b.putLong(pattern);
        }
        while (b.hasRemaining()) {
            b.put(value);
        }
    }
}
