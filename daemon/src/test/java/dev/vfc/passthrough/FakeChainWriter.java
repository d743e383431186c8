package dev.vfc.passthrough;

import dev.vfc.chain.ChainException;
import dev.vfc.chain.ChainWriter;
import dev.vfc.syscall.PosixFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A reply chain of {@code room} bytes on the heap; READ data arrives with pread(2). */
final class FakeChainWriter implements ChainWriter {

    private final byte[] buffer;
    private int written;

    FakeChainWriter(int room) {
        buffer = new byte[room];
    }

    @Override
    public long remaining() {
        return buffer.length - written;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void write(ByteBuffer src) {
        if (src.remaining() > remaining()) {
            throw new ChainException("does not fit");
        }
        int n = src.remaining();
        src.get(buffer, written, n);
        written += n;
    }

    @Override
    public long readFrom(int fd, long offset, long count) throws IOException {
        long total = 0;
        while (total < count && remaining() > 0) {
            ByteBuffer dst = ByteBuffer.wrap(buffer, written, (int) Math.min(count - total, remaining()));
            int n = PosixFiles.pread(fd, dst, offset + total);
            if (n == 0) {
                break;
            }
            written += n;
            total += n;
        }
        return total;
    }

    @Override
    public ChainWriter split(long at) {
        throw new UnsupportedOperationException();
    }

    byte[] bytes() {
        return Arrays.copyOf(buffer, written);
    }
}
