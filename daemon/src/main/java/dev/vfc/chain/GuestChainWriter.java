package dev.vfc.chain;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.VectoredIo;
import dev.vfc.virtqueue.ChainBuffers;
import dev.vfc.virtqueue.Descriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** {@link ChainWriter} over the device-writable descriptors of a chain in mapped guest RAM. */
public final class GuestChainWriter implements ChainWriter {

    private final GuestSegments segments = new GuestSegments();
    private long start;
    /**
     * The writer {@link #split} hands out, kept for the next request through this writer; a second
     * split before {@link #reset} (no handler does that) gets a new one, so no live writer is reused.
     */
    private GuestChainWriter tail;
    private boolean tailInUse;

    /** Over {@code writable}, in order. */
    public GuestChainWriter(MappedGuestMemory memory, List<Descriptor> writable) {
        ChainBuffers buffers = GuestChain.buffersOf(writable);
        reset(memory, buffers, 0, buffers.size());
    }

    /** Writes nothing until {@link #reset}. */
    GuestChainWriter() {
    }

    /** Over buffers {@code [first, end)} of {@code buffers} from their start, forgetting the previous chain. */
    void reset(MappedGuestMemory memory, ChainBuffers buffers, int first, int end) {
        segments.reset(memory, buffers, first, end);
        start = 0;
        tailInUse = false;
    }

    @Override
    public long remaining() {
        return segments.remaining();
    }

    @Override
    public long written() {
        return segments.position() - start;
    }

    @Override
    public void write(ByteBuffer src) {
        segments.copy(src, true);
    }

    @Override
    public long readFrom(int fd, long offset, long count) throws IOException {
        long done = 0;
        long want = Math.min(count, remaining());
        while (done < want) {
            int n = segments.iovecs(want - done);
            long read = VectoredIo.preadv(fd, segments.iovBases(), segments.iovLengths(), n, offset + done);
            if (read <= 0) {
                break;
            }
            segments.advance(read);
            done += read;
        }
        return done;
    }

    @Override
    public ChainWriter split(long at) {
        GuestChainWriter rest;
        if (tailInUse) {
            rest = new GuestChainWriter();
        } else {
            if (tail == null) {
                tail = new GuestChainWriter();
            }
            rest = tail;
            tailInUse = true;
        }
        segments.splitAt(at, rest.segments);
        rest.start = rest.segments.position();
        rest.tailInUse = false;
        return rest;
    }
}
