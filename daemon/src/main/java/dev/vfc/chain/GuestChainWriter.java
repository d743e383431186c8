package dev.vfc.chain;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.VectoredIo;
import dev.vfc.virtqueue.Descriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** {@link ChainWriter} over the device-writable descriptors of a chain in mapped guest RAM. */
public final class GuestChainWriter implements ChainWriter {

    private final GuestSegments segments;
    private final long start;

    public GuestChainWriter(MappedGuestMemory memory, List<Descriptor> writable) {
        this(new GuestSegments(memory, writable));
    }

    private GuestChainWriter(GuestSegments segments) {
        this.segments = segments;
        this.start = segments.position();
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
        return new GuestChainWriter(segments.splitAt(at));
    }
}
