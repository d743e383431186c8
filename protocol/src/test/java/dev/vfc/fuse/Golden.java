package dev.vfc.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

/**
 * Expected wire bytes built field by field at the offsets read from fuse.h, with absolute
 * puts, so the expectation shares no code with the relative-put codecs under test.
 */
final class Golden {
    private final ByteBuffer b;

    Golden(int size) {
        b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A distinct u64 per index, all eight bytes non-zero and different from the others. */
    static long l(int i) {
        return 0x0102030405060708L + i * 0x1010101010101010L;
    }

    /** A distinct u32 per index, with the top bit set to catch sign mistakes. */
    static int i(int i) {
        return 0xC1C2C3C4 + i * 0x01010101;
    }

    /** A distinct u16 per index, above 0x7FFF to catch sign mistakes. */
    static int s(int i) {
        return 0xE1E2 + i * 0x0101;
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    Golden u64(int offset, long v) {
        b.putLong(offset, v);
        return this;
    }

    Golden u32(int offset, int v) {
        b.putInt(offset, v);
        return this;
    }

    Golden u16(int offset, int v) {
        b.putShort(offset, (short) v);
        return this;
    }

    Golden u8(int offset, int v) {
        b.put(offset, (byte) v);
        return this;
    }

    Golden bytes(int offset, byte[] v) {
        b.put(offset, v);
        return this;
    }

    byte[] bytes() {
        return b.array().clone();
    }

    /**
     * Encodes {@code value} after a one-byte lead-in (so offsets are relative to the position,
     * not the buffer start), compares the bytes, decodes them back and checks both codecs
     * moved the position by exactly {@code size}.
     */
    static <T extends FuseStruct> void assertRoundTrip(T value, byte[] expected, int size,
            Function<ByteBuffer, T> decoder) {
        assertThat(expected).hasSize(size);
        assertThat(value.wireSize()).isEqualTo(size);

        ByteBuffer out = le(size + 9);
        out.put((byte) 0x5A);
        value.encodeTo(out);
        assertThat(out.position()).as("encode advances by SIZE").isEqualTo(1 + size);
        byte[] written = new byte[size];
        out.get(1, written);
        assertThat(written).as("wire bytes of %s", value).containsExactly(expected);
        assertThat(value.toBytes()).containsExactly(expected);

        ByteBuffer in = le(size + 3);
        in.put(1, expected).position(1);
        T decoded = decoder.apply(in);
        assertThat(in.position()).as("decode advances by SIZE").isEqualTo(1 + size);
        assertThat(decoded).isEqualTo(value);
    }
}
