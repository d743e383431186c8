package dev.vfc.server.fake;

import dev.vfc.chain.ChainException;
import dev.vfc.chain.ChainWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A test {@link ChainWriter}: the device-writable descriptors as one heap area cut into segments
 * (their sizes only matter to {@link #segmentSizes()}), or a virtual area that counts bytes without
 * storing them, for multi-GiB replies. {@link #split} hands out views of the same area, as the real
 * writer does with guest memory. Every byte ever written is tracked so tests can prove nothing landed
 * outside what a reply announced.
 */
public final class HeapChainWriter implements ChainWriter {

    private final Area area;
    private long position;
    private long end;
    private long written;

    private HeapChainWriter(Area area, long start, long end) {
        this.area = area;
        this.position = start;
        this.end = end;
    }

    /** Writable descriptors of these sizes, e.g. 16, 40, 88 as OVMF lays out a LOOKUP reply. */
    public static HeapChainWriter of(int... segmentSizes) {
        long total = Arrays.stream(segmentSizes).asLongStream().sum();
        return new HeapChainWriter(new Area(new byte[(int) total], segmentSizes), 0, total);
    }

    /** {@code room} writable bytes of which only the first 4 KiB are stored, the rest counted. */
    public static HeapChainWriter virtual(long room) {
        return new HeapChainWriter(new Area(new byte[(int) Math.min(room, 4096)], new int[0]), 0, room);
    }

    public int[] segmentSizes() {
        return area.segments.clone();
    }

    /** The first {@code n} bytes of the whole writable area (not only this view). */
    public byte[] bytes(int n) {
        return Arrays.copyOf(area.bytes, n);
    }

    /** The furthest byte offset ever written into the area, through any view. */
    public long highWater() {
        return area.highWater;
    }

    @Override
    public long remaining() {
        return end - position;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void write(ByteBuffer src) {
        int n = src.remaining();
        if (n > remaining()) {
            throw new ChainException("write of " + n + " bytes, room for " + remaining());
        }
        area.put(position, src);
        position += n;
        written += n;
    }

    @Override
    public long readFrom(int fd, long offset, long count) throws IOException {
        long want = Math.min(count, remaining());
        ByteBuffer data = ByteBuffer.allocate((int) want);
        try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ)) {
            while (data.hasRemaining()) {
                int r = ch.read(data, offset + data.position());
                if (r < 0) {
                    break;
                }
            }
        }
        data.flip();
        long n = data.remaining();
        write(data);
        return n;
    }

    @Override
    public ChainWriter split(long at) {
        if (at > remaining()) {
            throw new ChainException("split at " + at + ", room for " + remaining());
        }
        HeapChainWriter rest = new HeapChainWriter(area, position + at, end);
        end = position + at;
        return rest;
    }

    private static final class Area {
        final byte[] bytes;
        final int[] segments;
        long highWater;

        Area(byte[] bytes, int[] segments) {
            this.bytes = bytes;
            this.segments = segments;
        }

        void put(long at, ByteBuffer src) {
            int n = src.remaining();
            int stored = (int) Math.max(0, Math.min(n, bytes.length - at));
            src.get(bytes, (int) Math.min(at, bytes.length), stored);
            src.position(src.limit());
            highWater = Math.max(highWater, at + n);
        }
    }
}
