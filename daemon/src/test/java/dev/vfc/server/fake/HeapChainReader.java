package dev.vfc.server.fake;

import dev.vfc.chain.ChainException;
import dev.vfc.chain.ChainReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A test {@link ChainReader}: the device-readable descriptors as heap segments, plus optionally a
 * "virtual" tail of zero bytes that is counted but never stored (to describe multi-GiB payloads).
 */
public final class HeapChainReader implements ChainReader {

    private final List<byte[]> segments;
    private final long virtualTail;
    private int segment;
    private int inSegment;
    private long tailConsumed;

    public HeapChainReader(List<byte[]> segments, long virtualTail) {
        this.segments = new ArrayList<>(segments);
        this.virtualTail = virtualTail;
    }

    public HeapChainReader(List<byte[]> segments) {
        this(segments, 0);
    }

    /** Descriptor count, for tests that care about layouts. */
    public int segments() {
        return segments.size();
    }

    @Override
    public long remaining() {
        long n = virtualTail - tailConsumed;
        for (int i = segment; i < segments.size(); i++) {
            n += segments.get(i).length - (i == segment ? inSegment : 0);
        }
        return n;
    }

    @Override
    public void read(ByteBuffer dst) {
        if (dst.remaining() > remaining()) {
            throw new ChainException("read of " + dst.remaining() + " bytes, " + remaining() + " remain");
        }
        while (dst.hasRemaining()) {
            if (segment < segments.size()) {
                byte[] s = segments.get(segment);
                int n = Math.min(s.length - inSegment, dst.remaining());
                dst.put(s, inSegment, n);
                advance(n);
            } else {
                dst.put((byte) 0);
                tailConsumed++;
            }
        }
    }

    @Override
    public void skip(long n) {
        if (n > remaining()) {
            throw new ChainException("skip of " + n + " bytes, " + remaining() + " remain");
        }
        long left = n;
        while (left > 0 && segment < segments.size()) {
            int step = (int) Math.min(segments.get(segment).length - inSegment, left);
            advance(step);
            left -= step;
        }
        tailConsumed += left;
    }

    /** Writes through /proc/self/fd/N, so tests can hand a real descriptor number. */
    @Override
    public long writeTo(int fd, long offset, long count) throws IOException {
        if (count > remaining()) {
            throw new ChainException("writeTo of " + count + " bytes, " + remaining() + " remain");
        }
        ByteBuffer data = ByteBuffer.allocate((int) count);
        read(data);
        data.flip();
        try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE)) {
            long at = offset;
            while (data.hasRemaining()) {
                at += ch.write(data, at);
            }
        }
        return count;
    }

    private void advance(int n) {
        inSegment += n;
        while (segment < segments.size() && inSegment == segments.get(segment).length) {
            segment++;
            inSegment = 0;
        }
    }
}
