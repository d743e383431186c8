package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_poll_in}, 24 bytes. POLL body; flags are {@link PollFlags}.
 *
 * <p>Offsets: fh 0, kh 8, flags 16, events 20.
 */
public record PollIn(long fh, long kh, int flags, int events) implements FuseStruct {

    public static final int SIZE = 24;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putLong(kh);
        b.putInt(flags);
        b.putInt(events);
    }

    public static PollIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_poll_in");
        return new PollIn(b.getLong(), b.getLong(), b.getInt(), b.getInt());
    }
}
