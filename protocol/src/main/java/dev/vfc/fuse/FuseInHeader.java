package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code struct fuse_in_header}, 40 bytes, in front of every request.
 * Offsets: len 0, opcode 4, unique 8, nodeid 16, uid 24, gid 28, pid 32,
 * total_extlen (u16, in 8-byte units) 36, padding (u16) 38.
 *
 * <p>{@code opcode} stays a raw int so that hostile and unknown opcodes survive a decode.
 */
public record FuseInHeader(int len, int opcode, long unique, long nodeid, int uid, int gid, int pid,
        int totalExtlen) implements FuseStruct {

    public static final int SIZE = 40;

    public FuseInHeader {
        Wire.checkU16(totalExtlen, "total_extlen");
    }

    /** A header without extensions; {@code len} counts the header and the body. */
    public static FuseInHeader of(FuseOpcode opcode, int len, long unique, long nodeid, int uid, int gid, int pid) {
        return new FuseInHeader(len, opcode.code(), unique, nodeid, uid, gid, pid, 0);
    }

    public Optional<FuseOpcode> knownOpcode() {
        return FuseOpcode.of(opcode);
    }

    /** Length in bytes of the extensions at the end of the request (total_extlen * 8). */
    public int extensionLength() {
        return totalExtlen * 8;
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(len).putInt(opcode).putLong(unique).putLong(nodeid).putInt(uid).putInt(gid).putInt(pid);
        Wire.putU16(b, totalExtlen);
        Wire.putU16(b, 0);
    }

    public static FuseInHeader decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_in_header");
        FuseInHeader h = new FuseInHeader(b.getInt(), b.getInt(), b.getLong(), b.getLong(), b.getInt(), b.getInt(),
                b.getInt(), Wire.getU16(b));
        Wire.skip(b, 2);
        return h;
    }

    @Override
    public String toString() {
        return "FuseInHeader[len=" + Integer.toUnsignedString(len) + ", opcode=" + FuseOpcode.describe(opcode)
                + ", unique=" + unique + ", nodeid=" + nodeid + ", uid=" + Integer.toUnsignedString(uid)
                + ", gid=" + Integer.toUnsignedString(gid) + ", pid=" + pid + ", totalExtlen=" + totalExtlen + "]";
    }
}
