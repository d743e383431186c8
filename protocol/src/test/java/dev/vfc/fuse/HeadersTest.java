package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.assertRoundTrip;
import static dev.vfc.fuse.Golden.i;
import static dev.vfc.fuse.Golden.l;
import static dev.vfc.fuse.Golden.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void inHeaderEncodesToFortyBytesInKernelOrder() {
        FuseInHeader h = new FuseInHeader(i(0), i(1), l(0), l(1), i(2), i(3), i(4), s(0));
        byte[] want = new Golden(40).u32(0, i(0)).u32(4, i(1)).u64(8, l(0)).u64(16, l(1)).u32(24, i(2))
                .u32(28, i(3)).u32(32, i(4)).u16(36, s(0)).bytes();
        assertThat(FuseInHeader.SIZE).isEqualTo(40);
        assertRoundTrip(h, want, 40, FuseInHeader::decode);
    }

    @Test
    void inHeaderFromOpcodeHasNoExtensionsAndKnowsItsOpcode() {
        FuseInHeader h = FuseInHeader.of(FuseOpcode.READ, 80, 7, 1, 0, 0, 42);
        assertThat(h.opcode()).isEqualTo(15);
        assertThat(h.totalExtlen()).isZero();
        assertThat(h.knownOpcode()).contains(FuseOpcode.READ);
        assertThat(h.toString()).contains("opcode=READ");
    }

    @Test
    void inHeaderKeepsUnknownOpcodesAndIgnoresPadding() {
        byte[] wire = new Golden(40).u32(0, 40).u32(4, 9999).u64(8, 3).u16(36, 2).u16(38, 0xFFFF).bytes();
        FuseInHeader h = FuseInHeader.decode(Golden.le(wire));
        assertThat(h.opcode()).isEqualTo(9999);
        assertThat(h.knownOpcode()).isEmpty();
        assertThat(h.extensionLength()).isEqualTo(16);
        assertThat(h.toString()).contains("OPCODE(9999)");
    }

    @Test
    void inHeaderRejectsTotalExtlenBeyondSixteenBits() {
        assertThatThrownBy(() -> new FuseInHeader(40, 1, 1, 1, 0, 0, 0, 0x10000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outHeaderEncodesToSixteenBytesWithSignedError() {
        FuseOutHeader h = new FuseOutHeader(i(0), -12, l(0));
        byte[] want = new Golden(16).u32(0, i(0)).u32(4, -12).u64(8, l(0)).bytes();
        assertThat(FuseOutHeader.SIZE).isEqualTo(16);
        assertRoundTrip(h, want, 16, FuseOutHeader::decode);
        assertThat(h.toString()).contains("ENOMEM(-12)");
    }

    @Test
    void outHeaderFactoriesCountTheHeaderInLen() {
        assertThat(FuseOutHeader.ok(9, 128)).isEqualTo(new FuseOutHeader(144, 0, 9));
        assertThat(FuseOutHeader.failure(9, Errno.ENOENT)).isEqualTo(new FuseOutHeader(16, -2, 9));
        assertThat(FuseOutHeader.failure(9, Errno.ENOENT).isError()).isTrue();
        assertThat(FuseOutHeader.ok(9, 0).isError()).isFalse();
    }
}
