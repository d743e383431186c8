package dev.vfc.frontend;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What came back for one chain: the used element and a copy of every device-writable
 * segment (in chain order, whole, including bytes the daemon did not claim to write).
 *
 * @param head      the chain's head descriptor index
 * @param usedId    the id the daemon put in the used element (should equal {@code head})
 * @param usedLen   the number of bytes the daemon says it wrote
 * @param writable  copies of the writable segments
 * @param nanos     time from publishing the chain to seeing it used
 * @param notification whether a used buffer notification was owed for it and whether it came
 */
public record Completion(int head, int usedId, int usedLen, List<ByteBuffer> writable, long nanos,
        Notification notification) {

    /** The first {@code usedLen} bytes of the writable segments, joined in chain order. */
    public ByteBuffer usedBytes() {
        long total = writable.stream().mapToLong(ByteBuffer::remaining).sum();
        int n = (int) Math.min(Math.max(0, Integer.toUnsignedLong(usedLen)), total);
        ByteBuffer out = ByteBuffer.allocate(n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (ByteBuffer segment : writable) {
            if (!out.hasRemaining()) {
                break;
            }
            ByteBuffer part = segment.duplicate();
            part.limit(part.position() + Math.min(part.remaining(), out.remaining()));
            out.put(part);
        }
        return out.flip();
    }
}
