package dev.vfc.vhostuser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Golden-byte helpers: hex strings may contain spaces for readability. */
final class Hex {

    private Hex() {
    }

    static byte[] parse(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(parse(hex)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String of(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return HexFormat.of().formatHex(out);
    }

    static String encoded(VhostUserPayload p) {
        ByteBuffer b = ByteBuffer.allocate(p.size());
        p.encodeTo(b);
        return of(b.flip());
    }

    static String compact(String hex) {
        return hex.replace(" ", "");
    }
}
