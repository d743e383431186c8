package dev.vfc.chain;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.VectoredIo;
import dev.vfc.virtqueue.Descriptor;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A run of guest buffers (one side of a descriptor chain) with a cursor and a limit: the one
 * piece of code that both the request reader and the reply writer move through. Positions
 * past the limit are never touched, which is how a split writer keeps the reply header's 16
 * bytes apart from the body.
 */
final class GuestSegments {

    private final MappedGuestMemory memory;
    private final long[] gpas;
    private final long[] lengths;
    private int index;
    private long offsetInSegment;
    private long position;
    private long limit;

    GuestSegments(MappedGuestMemory memory, List<Descriptor> descriptors) {
        this.memory = memory;
        this.gpas = new long[descriptors.size()];
        this.lengths = new long[descriptors.size()];
        long total = 0;
        for (int i = 0; i < descriptors.size(); i++) {
            gpas[i] = descriptors.get(i).addr();
            lengths[i] = descriptors.get(i).unsignedLen();
            total += lengths[i];
        }
        this.limit = total;
    }

    private GuestSegments(GuestSegments other) {
        this.memory = other.memory;
        this.gpas = other.gpas;
        this.lengths = other.lengths;
        this.index = other.index;
        this.offsetInSegment = other.offsetInSegment;
        this.position = other.position;
        this.limit = other.limit;
    }

    long remaining() {
        return limit - position;
    }

    long position() {
        return position;
    }

    /** A copy whose cursor starts {@code at} bytes ahead; this one stops there. */
    GuestSegments splitAt(long at) {
        if (at < 0 || at > remaining()) {
            throw new ChainException("cannot split " + remaining() + " bytes of room at " + at);
        }
        GuestSegments tail = new GuestSegments(this);
        tail.advance(at);
        limit = position + at;
        return tail;
    }

    /** Copies between the guest and {@code buffer}: into the guest when {@code toGuest}. */
    void copy(ByteBuffer buffer, boolean toGuest) {
        if (buffer.remaining() > remaining()) {
            throw new ChainException((toGuest ? "reply of " : "read of ") + buffer.remaining()
                    + " bytes does not fit the " + remaining() + " bytes left in the chain");
        }
        while (buffer.hasRemaining()) {
            skipEmptySegments();
            int n = (int) Math.min(buffer.remaining(), lengths[index] - offsetInSegment);
            ByteBuffer guest = memory.slice(gpas[index] + offsetInSegment, n);
            ByteBuffer part = buffer.duplicate();
            part.limit(part.position() + n);
            if (toGuest) {
                guest.put(part);
            } else {
                part.put(guest);
            }
            buffer.position(buffer.position() + n);
            advance(n);
        }
    }

    /** Iovec arrays sized to the run (at most IOV_MAX), made only when data moves. */
    private long[] iovBases;
    private long[] iovLengths;

    /**
     * Describes up to {@code count} bytes from the cursor as iovecs (host addresses) without
     * moving it, in {@link #iovBases()} and {@link #iovLengths()}; returns how many pairs.
     */
    int iovecs(long count) {
        if (iovBases == null) {
            int n = Math.min(VectoredIo.IOV_MAX, Math.max(1, gpas.length));
            iovBases = new long[n];
            iovLengths = new long[n];
        }
        return iovecs(count, iovBases, iovLengths);
    }

    long[] iovBases() {
        return iovBases;
    }

    long[] iovLengths() {
        return iovLengths;
    }

    private int iovecs(long count, long[] addresses, long[] sizes) {
        long left = Math.min(count, remaining());
        int i = index;
        long off = offsetInSegment;
        int n = 0;
        while (left > 0 && n < addresses.length && i < gpas.length) {
            long len = Math.min(left, lengths[i] - off);
            if (len > 0) {
                addresses[n] = memory.hostAddress(gpas[i] + off, len);
                sizes[n] = len;
                n++;
                left -= len;
            }
            i++;
            off = 0;
        }
        return n;
    }

    void advance(long n) {
        if (n > remaining()) {
            throw new ChainException("advance by " + n + " past the " + remaining() + " bytes left");
        }
        position += n;
        while (n > 0) {
            long step = Math.min(n, lengths[index] - offsetInSegment);
            offsetInSegment += step;
            n -= step;
            if (offsetInSegment == lengths[index] && index < gpas.length - 1) {
                index++;
                offsetInSegment = 0;
            }
        }
        skipEmptySegments();
    }

    private void skipEmptySegments() {
        while (index < gpas.length - 1 && offsetInSegment == lengths[index]) {
            index++;
            offsetInSegment = 0;
        }
    }
}
