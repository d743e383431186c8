package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_poll_out}, 8 bytes. The reply to POLL.
 *
 * <p>Offsets: revents 0, padding 4 (pad).
 */
public record PollOut(int revents) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(revents);
        Wire.zeros(b, 4);
    }

    public static PollOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_poll_out");
        int revents = b.getInt();
        Wire.skip(b, 4);
        return new PollOut(revents);
    }
}
