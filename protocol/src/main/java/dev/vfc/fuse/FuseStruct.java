package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A fixed-layout FUSE struct, so that callers (sessions, transcripts) can carry a request
 * or reply body without knowing its concrete type.
 */
public interface FuseStruct {

    /** Bytes this value occupies on the wire when written by {@link #encodeTo}. */
    int wireSize();

    /** Writes the value at the buffer's position (little-endian buffer) and advances past it. */
    void encodeTo(ByteBuffer b);

    /** The wire bytes, for transcripts and tests. */
    default byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(wireSize()).order(ByteOrder.LITTLE_ENDIAN);
        encodeTo(b);
        return b.array();
    }
}
