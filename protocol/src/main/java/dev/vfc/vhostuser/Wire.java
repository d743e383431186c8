package dev.vfc.vhostuser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Little-endian relative reads and writes on a caller's buffer without changing its byte
 * order: the codec must be right whether or not the caller remembered to set LITTLE_ENDIAN.
 */
final class Wire {

    private Wire() {
    }

    static void putInt(ByteBuffer b, int v) {
        b.putInt(b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v));
    }

    static void putLong(ByteBuffer b, long v) {
        b.putLong(b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v));
    }

    static int getInt(ByteBuffer b) {
        int v = b.getInt();
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long getLong(ByteBuffer b) {
        long v = b.getLong();
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String hex(byte[] bytes, int max) {
        String shown = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, max));
        return bytes.length > max ? shown + "..." : shown;
    }
}
