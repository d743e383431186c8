package dev.vfc.chain;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.virtqueue.ChainBuffers;
import dev.vfc.virtqueue.Descriptor;
import java.util.List;

/**
 * One request chain as the queue worker serves it: its buffers, and the reader and writer over
 * their two sides. A worker that serves its chains itself keeps one and refills it chain after
 * chain ({@link #bind}), so taking, reading and answering a request allocates nothing once the
 * arrays have grown to the longest chain; a worker that hands chains to a pool takes a new one
 * per chain, since the next chain arrives while the last is still being served.
 */
public final class GuestChain {

    private final ChainBuffers buffers = new ChainBuffers();
    private final GuestChainReader reader = new GuestChainReader();
    private final GuestChainWriter writer = new GuestChainWriter();

    /** What {@code SplitQueueDevice.nextAvailable} fills; call {@link #bind} after each fill. */
    public ChainBuffers buffers() {
        return buffers;
    }

    /** Points the reader and the writer at the chain now in {@link #buffers()}, in {@code memory}. */
    public void bind(MappedGuestMemory memory) {
        reader.reset(memory, buffers, 0, buffers.readableCount());
        writer.reset(memory, buffers, buffers.readableCount(), buffers.size());
    }

    public int head() {
        return buffers.head();
    }

    public GuestChainReader reader() {
        return reader;
    }

    public GuestChainWriter writer() {
        return writer;
    }

    /** {@code descriptors} as the buffers of a chain (for a reader or writer built from a list). */
    static ChainBuffers buffersOf(List<Descriptor> descriptors) {
        ChainBuffers buffers = new ChainBuffers();
        buffers.clear(0);
        for (Descriptor d : descriptors) {
            buffers.add(d);
        }
        return buffers;
    }
}
