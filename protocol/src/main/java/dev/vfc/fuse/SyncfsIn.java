package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_syncfs_in}, 8 bytes. SYNCFS body: only padding, but the kernel sends it, so a daemon
 * must accept 8 bytes.
 *
 * <p>Offsets: padding 0 (pad).
 */
public record SyncfsIn() implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        Wire.zeros(b, 8);
    }

    public static SyncfsIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_syncfs_in");
        Wire.skip(b, 8);
        return new SyncfsIn();
    }
}
