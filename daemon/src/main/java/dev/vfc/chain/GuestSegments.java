package dev.vfc.chain;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.VectoredIo;
import dev.vfc.virtqueue.ChainBuffers;
import java.nio.ByteBuffer;

/**
 * A run of guest buffers (one side of a descriptor chain: entries {@code [first, end)} of a
 * {@link ChainBuffers}) with a cursor and a limit: the one piece of code that both the request
 * reader and the reply writer move through. Positions past the limit are never touched, which is
 * how a split writer keeps the reply header's 16 bytes apart from the body.
 *
 * <p>Reusable: {@link #reset} points it at the next chain, and its iovec arrays stay, so a queue
 * worker moves request after request through the same segments without allocating.
 */
final class GuestSegments {

    private MappedGuestMemory memory;
    private ChainBuffers buffers;
    private int first;
    private int end;
    private int index;
    private long offsetInSegment;
    private long position;
    private long limit;
    /** Iovec arrays sized to the longest run seen (at most IOV_MAX), made only when data moves. */
    private long[] iovBases = new long[0];
    private long[] iovLengths = new long[0];

    /** Buffers {@code [first, end)} of {@code buffers}, cursor at the start, limit at their end. */
    void reset(MappedGuestMemory memory, ChainBuffers buffers, int first, int end) {
        this.memory = memory;
        this.buffers = buffers;
        this.first = first;
        this.end = end;
        this.index = first;
        this.offsetInSegment = 0;
        this.position = 0;
        long total = 0;
        for (int i = first; i < end; i++) {
            total += buffers.unsignedLen(i);
        }
        this.limit = total;
        skipEmptySegments();
    }

    long remaining() {
        return limit - position;
    }

    long position() {
        return position;
    }

    /** Makes {@code tail} a copy whose cursor starts {@code at} bytes ahead; this one stops there. */
    void splitAt(long at, GuestSegments tail) {
        if (at < 0 || at > remaining()) {
            throw new ChainException("cannot split " + remaining() + " bytes of room at " + at);
        }
        tail.memory = memory;
        tail.buffers = buffers;
        tail.first = first;
        tail.end = end;
        tail.index = index;
        tail.offsetInSegment = offsetInSegment;
        tail.position = position;
        tail.limit = limit;
        tail.advance(at);
        limit = position + at;
    }

    /** Copies between the guest and {@code buffer}: into the guest when {@code toGuest}. */
    void copy(ByteBuffer buffer, boolean toGuest) {
        if (buffer.remaining() > remaining()) {
            throw new ChainException((toGuest ? "reply of " : "read of ") + buffer.remaining()
                    + " bytes does not fit the " + remaining() + " bytes left in the chain");
        }
        while (buffer.hasRemaining()) {
            skipEmptySegments();
            int n = (int) Math.min(buffer.remaining(), segmentLength() - offsetInSegment);
            long gpa = buffers.addr(index) + offsetInSegment;
            if (buffer.hasArray()) {
                copyArray(buffer, gpa, n, toGuest);
            } else {
                copyDirect(buffer, gpa, n, toGuest);
            }
            buffer.position(buffer.position() + n);
            advance(n);
        }
    }

    /** A heap buffer (every header and struct the server decodes): straight from or to its array. */
    private void copyArray(ByteBuffer buffer, long gpa, int n, boolean toGuest) {
        int at = buffer.arrayOffset() + buffer.position();
        if (toGuest) {
            memory.copyIn(gpa, buffer.array(), at, n);
        } else {
            memory.copyOut(gpa, buffer.array(), at, n);
        }
    }

    private void copyDirect(ByteBuffer buffer, long gpa, int n, boolean toGuest) {
        ByteBuffer guest = memory.slice(gpa, n);
        ByteBuffer part = buffer.duplicate();
        part.limit(part.position() + n);
        if (toGuest) {
            guest.put(part);
        } else {
            part.put(guest);
        }
    }

    /**
     * Describes up to {@code count} bytes from the cursor as iovecs (host addresses) without
     * moving it, in {@link #iovBases()} and {@link #iovLengths()}; returns how many pairs.
     */
    int iovecs(long count) {
        int wanted = Math.min(VectoredIo.IOV_MAX, Math.max(1, end - index));
        if (iovBases.length < wanted) {
            iovBases = new long[wanted];
            iovLengths = new long[wanted];
        }
        long left = Math.min(count, remaining());
        int i = index;
        long off = offsetInSegment;
        int n = 0;
        while (left > 0 && n < iovBases.length && i < end) {
            long len = Math.min(left, buffers.unsignedLen(i) - off);
            if (len > 0) {
                iovBases[n] = memory.hostAddress(buffers.addr(i) + off, len);
                iovLengths[n] = len;
                n++;
                left -= len;
            }
            i++;
            off = 0;
        }
        return n;
    }

    long[] iovBases() {
        return iovBases;
    }

    long[] iovLengths() {
        return iovLengths;
    }

    void advance(long n) {
        if (n > remaining()) {
            throw new ChainException("advance by " + n + " past the " + remaining() + " bytes left");
        }
        position += n;
        while (n > 0) {
            long step = Math.min(n, segmentLength() - offsetInSegment);
            offsetInSegment += step;
            n -= step;
            if (offsetInSegment == segmentLength() && index < end - 1) {
                index++;
                offsetInSegment = 0;
            }
        }
        skipEmptySegments();
    }

    /** The length of the segment under the cursor; 0 for a run with no buffers at all. */
    private long segmentLength() {
        return index < end ? buffers.unsignedLen(index) : 0;
    }

    private void skipEmptySegments() {
        while (index < end - 1 && offsetInSegment == segmentLength()) {
            index++;
            offsetInSegment = 0;
        }
    }
}
