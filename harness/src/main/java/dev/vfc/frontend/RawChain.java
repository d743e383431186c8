package dev.vfc.frontend;

import dev.vfc.virtqueue.Descriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain built by hand, descriptor by descriptor, for the shapes no well-behaved driver
 * produces: addresses outside guest memory, loops, next indices past the ring, readable
 * after writable, broken indirect tables. Buffers are placed in guest memory through this
 * builder; descriptors may point anywhere.
 */
public final class RawChain {

    private final VirtQueue queue;
    private final List<Long> writableAddresses = new ArrayList<>();
    private final List<Integer> writableLengths = new ArrayList<>();

    RawChain(VirtQueue queue) {
        this.queue = queue;
    }

    /** Places {@code bytes} in guest memory and returns their guest-physical address. */
    public long readable(ByteBuffer bytes) {
        return queue.placeReadable(bytes);
    }

    /** Places a poisoned writable buffer whose contents the completion will carry back. */
    public long writable(int length) {
        long gpa = queue.placeWritable(length);
        writableAddresses.add(gpa);
        writableLengths.add(length);
        return gpa;
    }

    /** Writes descriptor {@code index} of the ring's own table. */
    public RawChain descriptor(int index, Descriptor d) {
        queue.writeRingDescriptor(index, d);
        return this;
    }

    /** Places an indirect table in guest memory and returns its address. */
    public long indirectTable(List<Descriptor> table) {
        ByteBuffer bytes = ByteBuffer.allocate(table.size() * Descriptor.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        table.forEach(d -> d.encodeTo(bytes));
        return readable(bytes.flip());
    }

    /** Publishes {@code head} and waits for its used element. */
    public Completion submit(int head, Duration timeout) {
        return queue.publishRaw(head, writableAddresses, writableLengths, timeout);
    }
}
