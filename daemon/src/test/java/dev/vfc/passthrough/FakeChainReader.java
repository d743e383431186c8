package dev.vfc.passthrough;

import dev.vfc.chain.ChainException;
import dev.vfc.chain.ChainReader;
import dev.vfc.syscall.PosixFiles;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A request chain holding {@code data} on the heap; WRITE payloads leave with pwrite(2). */
final class FakeChainReader implements ChainReader {

    private final byte[] data;
    private int position;

    FakeChainReader(byte[] data) {
        this.data = data.clone();
    }

    @Override
    public long remaining() {
        return data.length - position;
    }

    @Override
    public void read(ByteBuffer dst) {
        if (dst.remaining() > remaining()) {
            throw new ChainException("too short");
        }
        int n = dst.remaining();
        dst.put(data, position, n);
        position += n;
    }

    @Override
    public void skip(long n) {
        if (n > remaining()) {
            throw new ChainException("too short");
        }
        position += (int) n;
    }

    @Override
    public long writeTo(int fd, long offset, long count) throws IOException {
        if (count > remaining()) {
            throw new ChainException("fewer than " + count + " bytes remain");
        }
        long total = 0;
        while (total < count) {
            ByteBuffer src = ByteBuffer.wrap(data, position, (int) (count - total));
            int n = PosixFiles.pwrite(fd, src, offset + total);
            position += n;
            total += n;
        }
        return total;
    }
}
