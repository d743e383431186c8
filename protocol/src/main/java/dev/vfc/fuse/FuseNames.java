package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The NUL-terminated names that follow the fixed part of LOOKUP, MKNOD, MKDIR, SYMLINK
 * (name, then target), UNLINK, RMDIR, RENAME/RENAME2 (old, then new), LINK, CREATE,
 * GETXATTR, SETXATTR and REMOVEXATTR bodies.
 *
 * <p>Linux names are bytes, not text: the {@code Raw} variants keep them exact, so tests
 * can send invalid UTF-8, embedded NULs or over-long names.
 */
public final class FuseNames {
    private FuseNames() {
    }

    /** Writes each name as UTF-8 followed by a NUL. A name containing NUL is rejected. */
    public static void encode(ByteBuffer b, String... names) {
        encodeRaw(b, toBytes(names));
    }

    /** Bytes {@link #encode} writes: each name's UTF-8 length plus one. */
    public static int encodedLength(String... names) {
        return encodedLengthRaw(toBytes(names));
    }

    /** Writes each byte string followed by a NUL, whatever it contains. */
    public static void encodeRaw(ByteBuffer b, byte[]... names) {
        Wire.beginEncode(b, encodedLengthRaw(names));
        for (byte[] name : names) {
            b.put(name).put((byte) 0);
        }
    }

    public static int encodedLengthRaw(byte[]... names) {
        int length = 0;
        for (byte[] name : names) {
            length = Math.addExact(length, name.length + 1);
        }
        return length;
    }

    /** Reads {@code count} NUL-terminated names as UTF-8 (malformed bytes become U+FFFD). */
    public static List<String> decode(ByteBuffer b, int count) {
        List<String> names = new ArrayList<>(count);
        for (byte[] raw : decodeRaw(b, count)) {
            names.add(new String(raw, StandardCharsets.UTF_8));
        }
        return names;
    }

    /**
     * Reads {@code count} NUL-terminated names, without the NULs. On a missing NUL the buffer
     * position is left where it was and a {@link FuseDecodeException} (EINVAL) is thrown.
     */
    public static List<byte[]> decodeRaw(ByteBuffer b, int count) {
        Wire.requireLittleEndian(b);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int start = b.position();
        List<byte[]> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int nul = -1;
            for (int p = b.position(); p < b.limit(); p++) {
                if (b.get(p) == 0) {
                    nul = p;
                    break;
                }
            }
            if (nul < 0) {
                b.position(start);
                throw new FuseDecodeException("name " + (i + 1) + " of " + count + " has no terminating NUL");
            }
            byte[] name = new byte[nul - b.position()];
            b.get(name);
            b.get();
            names.add(name);
        }
        return names;
    }

    private static byte[][] toBytes(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            if (names[i].indexOf('\0') >= 0) {
                throw new IllegalArgumentException("name contains NUL; use encodeRaw for hostile names");
            }
            out[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
