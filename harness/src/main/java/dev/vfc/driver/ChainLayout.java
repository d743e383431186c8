package dev.vfc.driver;

import java.util.List;
import java.util.stream.Collectors;

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

    /** A compact description for transcripts, e.g. {@code [R40 R40 W16 W2525712]}. */
    public String describe() {
        String body = segments.size() <= 12
                ? segments.stream().map(Segment::toString).collect(Collectors.joining(" "))
                : segments.subList(0, 6).stream().map(Segment::toString).collect(Collectors.joining(" "))
                        + " ... (" + segments.size() + " descriptors) "
                        + segments.subList(segments.size() - 2, segments.size()).stream()
                                .map(Segment::toString).collect(Collectors.joining(" "));
        return (indirect ? "indirect" : "") + "[" + body + "]";
    }
}
