package dev.vfc.driver;

import dev.vfc.results.RecordedExchange;
import java.util.List;

/**
 * How a request is laid out as one descriptor chain: the segments in chain order and whether
 * they sit in an indirect table (virtio 1.3 §2.7.5.3) instead of the ring's own table.
 * Well-behaved drivers put every readable segment before every writable one; scenarios may
 * build layouts that do not.
 */
public record ChainLayout(List<Segment> segments, boolean indirect) {

    public ChainLayout {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one descriptor");
        }
    }

    public long readableBytes() {
        return segments.stream().filter(s -> !s.writable()).mapToLong(Segment::length).sum();
    }

    public long writableBytes() {
        return segments.stream().filter(Segment::writable).mapToLong(Segment::length).sum();
    }

    public List<Segment> writableSegments() {
        return segments.stream().filter(Segment::writable).toList();
    }

    /** The segments as runs of equal descriptors, as results keep a chain. */
    public List<RecordedExchange.Run> runs() {
        boolean[] writable = new boolean[segments.size()];
        long[] length = new long[segments.size()];
        for (int i = 0; i < writable.length; i++) {
            writable[i] = segments.get(i).writable();
            length[i] = Integer.toUnsignedLong(segments.get(i).length());
        }
        return RecordedExchange.runs(writable, length);
    }

    /** A compact description for transcripts, e.g. {@code [R40 R40 W16 W2525712]}. */
    public String describe() {
        return RecordedExchange.describeChain(runs(), indirect);
    }
}
