package dev.vfc.vhostuser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class VhostUserHeaderTest {

    @Test
    void encodesThreeLittleEndianU32() {
        ByteBuffer b = ByteBuffer.allocate(VhostUserHeader.SIZE);
        new VhostUserHeader(VhostUserRequest.GET_FEATURES, 0x5, 8).encodeTo(b);
        assertThat(b.position()).isEqualTo(12);
        assertThat(Hex.of(b.flip())).isEqualTo("010000000500000008000000");
    }

    @Test
    void encodingIsLittleEndianEvenIntoABigEndianBuffer() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        new VhostUserHeader(0x25, 0x9, 0x28).encodeTo(b);
        assertThat(Hex.of(b.flip())).isEqualTo("250000000900000028000000");
        assertThat(VhostUserHeader.decode(b)).isEqualTo(new VhostUserHeader(VhostUserRequest.ADD_MEM_REG, 0x9, 40));
    }

    @Test
    void decodesAndExposesFlags() {
        VhostUserHeader h = VhostUserHeader.decode(Hex.buffer("0b000000 05000000 08000000"));
        assertThat(h.requestType()).contains(VhostUserRequest.GET_VRING_BASE);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.isReply()).isTrue();
        assertThat(h.needsReply()).isFalse();
        assertThat(h.size()).isEqualTo(8);

        VhostUserHeader ask = VhostUserHeader.decode(Hex.buffer("05000000 09000000 48000000"));
        assertThat(ask.isReply()).isFalse();
        assertThat(ask.needsReply()).isTrue();
        assertThat(ask.toString()).isEqualTo("SET_MEM_TABLE flags=0x9[v1|NEED_REPLY] size=72");
    }

    @Test
    void unknownCodesAndHugeSizesStillDecode() {
        VhostUserHeader h = VhostUserHeader.decode(Hex.buffer("63000000 02000000 ffffffff"));
        assertThat(h.requestType()).isEmpty();
        assertThat(h.version()).isEqualTo(2);
        assertThat(Integer.toUnsignedLong(h.size())).isEqualTo(0xffffffffL);
        assertThat(h.toString()).isEqualTo("code 99 flags=0x2[v2] size=4294967295");
    }

    @Test
    void shortHeaderIsRefused() {
        assertThatThrownBy(() -> VhostUserHeader.decode(Hex.buffer("01000000 05000000")))
                .isInstanceOf(VhostUserProtocolException.class)
                .hasMessageContaining("12").hasMessageContaining("8");
    }
}
