package dev.vfc.chain;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The device-readable part of one request chain (the FUSE request), consumed front to back.
 * Guest memory is shared with a possibly hostile guest, so a reader never trusts lengths it
 * has not checked against {@link #remaining()}.
 */
public interface ChainReader {

    /** Bytes not yet consumed. */
    long remaining();

    /**
     * Copies exactly {@code dst.remaining()} bytes (headers and small structs).
     *
     * @throws ChainException when fewer bytes remain
     */
    void read(ByteBuffer dst);

    /** Skips {@code n} bytes, or throws {@link ChainException} when fewer remain. */
    void skip(long n);

    /**
     * Zero-copy WRITE payload: hands the next {@code count} bytes straight to
     * {@code pwritev(fd, ..., offset)}, looping on short writes.
     *
     * @return bytes written to the file
     * @throws ChainException when fewer than {@code count} bytes remain
     */
    long writeTo(int fd, long offset, long count) throws IOException;
}
