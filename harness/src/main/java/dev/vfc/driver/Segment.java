package dev.vfc.driver;

import java.nio.ByteBuffer;

/**
 * One descriptor's worth of a request: device-readable bytes the driver fills in, or a
 * device-writable buffer of a given length the daemon fills in.
 */
public record Segment(boolean writable, int length, ByteBuffer contents) {

    public Segment {
        if (length < 0) {
            throw new IllegalArgumentException("negative segment length " + length);
        }
        if (!writable && (contents == null || contents.remaining() != length)) {
            throw new IllegalArgumentException("a readable segment carries exactly its bytes");
        }
    }

    public static Segment readable(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        return new Segment(false, copy.remaining(), copy);
    }

    public static Segment writable(int length) {
        return new Segment(true, length, null);
    }

    @Override
    public String toString() {
        return (writable ? "W" : "R") + length;
    }
}
