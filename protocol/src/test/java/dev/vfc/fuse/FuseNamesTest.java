package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FuseNamesTest {

    @Test
    void namesAreWrittenAsUtf8EachFollowedByNul() {
        ByteBuffer b = le(32);
        FuseNames.encode(b, "old", "né");
        assertThat(b.position()).isEqualTo(8).isEqualTo(FuseNames.encodedLength("old", "né"));
        assertThat(java.util.Arrays.copyOf(b.array(), 8))
                .containsExactly('o', 'l', 'd', 0, 'n', 0xC3, 0xA9, 0);
    }

    @Test
    void decodeReadsBackTheRequestedNumberOfNames() {
        ByteBuffer b = le(32);
        FuseNames.encode(b, "a", "bc", "");
        b.flip();
        assertThat(FuseNames.decode(b, 2)).containsExactly("a", "bc");
        assertThat(FuseNames.decode(b, 1)).containsExactly("");
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void missingNulIsEinvalAndLeavesThePositionAlone() {
        ByteBuffer b = le("first\0second".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> FuseNames.decode(b, 2)).isInstanceOfSatisfying(FuseDecodeException.class,
                e -> assertThat(e.errno()).isEqualTo(22));
        assertThat(b.position()).isZero();
        assertThatThrownBy(() -> FuseNames.decode(le(new byte[0]), 1)).isInstanceOf(FuseDecodeException.class);
    }

    @Test
    void rawVariantsCarryBytesThatAreNotUtf8() {
        byte[] hostile = {(byte) 0xFF, (byte) 0xFE, '/', '.'};
        ByteBuffer b = le(16);
        FuseNames.encodeRaw(b, hostile, new byte[0]);
        assertThat(b.position()).isEqualTo(FuseNames.encodedLengthRaw(hostile, new byte[0])).isEqualTo(6);
        b.flip();
        assertThat(FuseNames.decodeRaw(b, 2)).containsExactly(hostile, new byte[0]);
    }

    @Test
    void aStringWithAnEmbeddedNulIsRefusedSinceItWouldSplitIntoTwoNames() {
        assertThatThrownBy(() -> FuseNames.encode(le(16), "a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bigEndianBuffersAreRefused() {
        ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        assertThatThrownBy(() -> FuseNames.encode(big, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FuseNames.decode(big, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
