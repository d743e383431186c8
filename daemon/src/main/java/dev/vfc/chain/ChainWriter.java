package dev.vfc.chain;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The device-writable part of one request chain (where the FUSE reply goes), filled front to
 * back. Nothing is ever written past the chain's writable buffers.
 */
public interface ChainWriter {

    /** Room left. */
    long remaining();

    /** Bytes written so far through this writer. */
    long written();

    /**
     * Copies all of {@code src} in.
     *
     * @throws ChainException when it does not fit (nothing is written then)
     */
    void write(ByteBuffer src);

    /**
     * Zero-copy READ data: {@code preadv(fd, ..., offset)} straight into the writable guest
     * buffers, at most {@code count} bytes, looping until {@code count} bytes, end of file or
     * the end of the room.
     *
     * @return bytes transferred (less than {@code count} only at end of file or of the room)
     */
    long readFrom(int fd, long offset, long count) throws IOException;

    /**
     * Splits off everything after the first {@code at} bytes: this writer keeps the first
     * {@code at} bytes of room (the reply header), the returned one gets the rest (the body),
     * so a body can be produced before the header that announces its length.
     *
     * @throws ChainException when fewer than {@code at} bytes of room exist
     */
    ChainWriter split(long at);
}
