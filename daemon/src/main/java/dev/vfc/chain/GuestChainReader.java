package dev.vfc.chain;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.VectoredIo;
import dev.vfc.virtqueue.ChainBuffers;
import dev.vfc.virtqueue.Descriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** {@link ChainReader} over the device-readable descriptors of a chain in mapped guest RAM. */
public final class GuestChainReader implements ChainReader {

    private final GuestSegments segments = new GuestSegments();

    /** Over {@code readable}, in order. */
    public GuestChainReader(MappedGuestMemory memory, List<Descriptor> readable) {
        ChainBuffers buffers = GuestChain.buffersOf(readable);
        segments.reset(memory, buffers, 0, buffers.size());
    }

    /** Reads nothing until {@link #reset}. */
    GuestChainReader() {
    }

    /** Over buffers {@code [first, end)} of {@code buffers} from their start, forgetting the previous chain. */
    void reset(MappedGuestMemory memory, ChainBuffers buffers, int first, int end) {
        segments.reset(memory, buffers, first, end);
    }

    @Override
    public long remaining() {
        return segments.remaining();
    }

    @Override
    public void read(ByteBuffer dst) {
        segments.copy(dst, false);
    }

    @Override
    public void skip(long n) {
        segments.advance(n);
    }

    @Override
    public long writeTo(int fd, long offset, long count) throws IOException {
        if (count > remaining()) {
            throw new ChainException("WRITE of " + count + " bytes, but the chain holds " + remaining());
        }
        long done = 0;
        while (done < count) {
            int n = segments.iovecs(count - done);
            long written = VectoredIo.pwritev(fd, segments.iovBases(), segments.iovLengths(), n, offset + done);
            if (written <= 0) {
                break;
            }
            segments.advance(written);
            done += written;
        }
        return done;
    }
}
