package dev.vfc.server.fake;

import dev.vfc.fuse.FuseOutHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** One request and what the server put into the chain for it. */
public record Exchange(Req request, HeapChainWriter writer, int used) {

    public long usedLength() {
        return Integer.toUnsignedLong(used);
    }

    public FuseOutHeader header() {
        if (usedLength() < FuseOutHeader.SIZE) {
            throw new AssertionError("no reply header: used length " + used);
        }
        return FuseOutHeader.decode(ByteBuffer.wrap(writer.bytes(FuseOutHeader.SIZE)).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The positive errno, 0 for success. */
    public int errno() {
        return -header().error();
    }

    /** The reply body: bytes 16..used. */
    public ByteBuffer body() {
        byte[] all = writer.bytes(used);
        return ByteBuffer.wrap(Arrays.copyOfRange(all, FuseOutHeader.SIZE, used)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return request + " -> used " + used + (usedLength() >= FuseOutHeader.SIZE ? " " + header() : "");
    }
}
