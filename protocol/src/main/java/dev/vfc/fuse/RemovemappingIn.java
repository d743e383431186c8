package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_removemapping_in}, 4 bytes. REMOVEMAPPING body head, followed by {@code count} {@link
 * RemovemappingOne}s. Only 4 bytes: the one struct in fuse.h without 64-bit padding.
 *
 * <p>Offsets: count 0.
 */
public record RemovemappingIn(int count) implements FuseStruct {

    public static final int SIZE = 4;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(count);
    }

    public static RemovemappingIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_removemapping_in");
        return new RemovemappingIn(b.getInt());
    }
}
