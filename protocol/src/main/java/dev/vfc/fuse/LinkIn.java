package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_link_in}, 8 bytes. LINK body, followed by the new name; the header's nodeid is the new
 * parent.
 *
 * <p>Offsets: oldnodeid 0.
 */
public record LinkIn(long oldnodeid) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(oldnodeid);
    }

    public static LinkIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_link_in");
        return new LinkIn(b.getLong());
    }
}
