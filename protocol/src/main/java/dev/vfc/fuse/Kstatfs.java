package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_kstatfs}, 80 bytes. Filesystem statistics, the body of a STATFS reply (via {@link
 * StatfsOut}); spare[6] is written as zeros.
 *
 * <p>Offsets: blocks 0, bfree 8, bavail 16, files 24, ffree 32, bsize 40, namelen 44, frsize 48, padding 52
 * (pad), spare[6] 56 (pad).
 */
public record Kstatfs(
        long blocks,
        long bfree,
        long bavail,
        long files,
        long ffree,
        int bsize,
        int namelen,
        int frsize) implements FuseStruct {

    public static final int SIZE = 80;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(blocks);
        b.putLong(bfree);
        b.putLong(bavail);
        b.putLong(files);
        b.putLong(ffree);
        b.putInt(bsize);
        b.putInt(namelen);
        b.putInt(frsize);
        Wire.zeros(b, 4);
        Wire.zeros(b, 24);
    }

    public static Kstatfs decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_kstatfs");
        long blocks = b.getLong();
        long bfree = b.getLong();
        long bavail = b.getLong();
        long files = b.getLong();
        long ffree = b.getLong();
        int bsize = b.getInt();
        int namelen = b.getInt();
        int frsize = b.getInt();
        Wire.skip(b, 4);
        Wire.skip(b, 24);
        return new Kstatfs(blocks, bfree, bavail, files, ffree, bsize, namelen, frsize);
    }
}
