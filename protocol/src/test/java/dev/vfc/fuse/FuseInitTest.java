package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.assertRoundTrip;
import static dev.vfc.fuse.Golden.i;
import static dev.vfc.fuse.Golden.le;
import static dev.vfc.fuse.Golden.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FuseInitTest {

    private static final InitOut OUT = new InitOut(i(0), i(1), i(2), i(3), s(0), s(1), i(4), i(5), s(2), s(3), i(6));

    private static byte[] outBytes() {
        return new Golden(64).u32(0, i(0)).u32(4, i(1)).u32(8, i(2)).u32(12, i(3)).u16(16, s(0)).u16(18, s(1))
                .u32(20, i(4)).u32(24, i(5)).u16(28, s(2)).u16(30, s(3)).u32(32, i(6)).bytes();
    }

    @Test
    void initInIsSixtyFourBytesWithFlags2AtSixteenAndZeroUnused() {
        InitIn in = new InitIn(i(0), i(1), i(2), i(3), i(4));
        byte[] want = new Golden(64).u32(0, i(0)).u32(4, i(1)).u32(8, i(2)).u32(12, i(3)).u32(16, i(4)).bytes();
        assertThat(InitIn.SIZE).isEqualTo(64);
        assertRoundTrip(in, want, 64, InitIn::decode);
    }

    @Test
    void initInDecodesTheSixteenByteBodyOvmfSends() {
        byte[] ovmf = new Golden(16).u32(0, 7).u32(4, 31).u32(8, 0).u32(12, 0).bytes();
        ByteBuffer b = le(ovmf);
        InitIn in = InitIn.decode(b, InitIn.SIZE_COMPAT);
        assertThat(in).isEqualTo(new InitIn(7, 31, 0, 0, 0));
        assertThat(b.position()).isEqualTo(16);
        assertThat(InitIn.SIZE_COMPAT).isEqualTo(16);
    }

    @Test
    void initInDecodeWithFullLengthReadsFlags2AndConsumesSixtyFour() {
        byte[] wire = new Golden(70).u32(0, 7).u32(4, 38).u32(12, (int) FuseInitFlags.INIT_EXT).u32(16, 1).bytes();
        ByteBuffer b = le(wire);
        InitIn in = InitIn.decode(b, 70);
        assertThat(in.allFlags()).isEqualTo(FuseInitFlags.INIT_EXT | FuseInitFlags.SECURITY_CTX);
        assertThat(b.position()).isEqualTo(64);
    }

    @Test
    void initInDecodeRejectsBodiesShorterThanSixteenOrShorterThanAnnounced() {
        assertThatThrownBy(() -> InitIn.decode(le(new byte[64]), 12)).isInstanceOf(FuseDecodeException.class);
        assertThatThrownBy(() -> InitIn.decode(le(new byte[16]), 64)).isInstanceOf(FuseDecodeException.class)
                .satisfies(e -> assertThat(((FuseDecodeException) e).errno()).isEqualTo(22));
    }

    @Test
    void initInEncodesATruncatedPrefixForOldDriverShapes() {
        InitIn in = InitIn.of(7, 31, 0x20000, FuseInitFlags.ASYNC_READ | FuseInitFlags.SECURITY_CTX);
        ByteBuffer b = le(20);
        in.encodeTo(b, 16);
        assertThat(b.position()).isEqualTo(16);
        assertThat(Arrays.copyOf(b.array(), 16)).containsExactly(new Golden(16).u32(0, 7).u32(4, 31)
                .u32(8, 0x20000).u32(12, 1).bytes());
        assertThatThrownBy(() -> in.encodeTo(le(80), 65)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void initInAllFlagsIgnoresFlags2WithoutInitExt() {
        assertThat(new InitIn(7, 38, 0, 1, 1).allFlags()).isEqualTo(FuseInitFlags.ASYNC_READ);
        assertThat(InitIn.of(7, 38, 0, FuseInitFlags.INIT_EXT | FuseInitFlags.HAS_INODE_DAX).flags2()).isEqualTo(2);
    }

    @Test
    void initOutIsSixtyFourBytesWithSixteenBitFieldsAtSixteenAndTwentyEight() {
        assertThat(InitOut.SIZE).isEqualTo(64);
        assertRoundTrip(OUT, outBytes(), 64, InitOut::decode);
    }

    @Test
    void initOutReplySizeFollowsTheNegotiatedMinor() {
        assertThat(InitOut.replySize(0)).isEqualTo(8);
        assertThat(InitOut.replySize(4)).isEqualTo(8);
        assertThat(InitOut.replySize(5)).isEqualTo(24);
        assertThat(InitOut.replySize(22)).isEqualTo(24);
        assertThat(InitOut.replySize(23)).isEqualTo(64);
        assertThat(InitOut.replySize(31)).isEqualTo(64);
        assertThat(InitOut.replySize(38)).isEqualTo(64);
    }

    @Test
    void initOutEncodesAndDecodesTheCompat22Prefix() {
        ByteBuffer b = le(24);
        OUT.encodeTo(b, InitOut.COMPAT_22_SIZE);
        assertThat(b.array()).containsExactly(Arrays.copyOf(outBytes(), 24));
        InitOut back = InitOut.decode(le(b.array()), 24);
        assertThat(back).isEqualTo(new InitOut(i(0), i(1), i(2), i(3), s(0), s(1), i(4), 0, 0, 0, 0));
    }

    @Test
    void initOutDecodesTheEightByteCompatReplyAndRejectsLess() {
        ByteBuffer b = le(new Golden(8).u32(0, 7).u32(4, 4).bytes());
        assertThat(InitOut.decode(b, 8)).isEqualTo(new InitOut(7, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(b.position()).isEqualTo(8);
        assertThatThrownBy(() -> InitOut.decode(le(new byte[8]), 4)).isInstanceOf(FuseDecodeException.class);
    }

    @Test
    void initOutRejectsSixteenBitFieldsOutOfRange() {
        assertThatThrownBy(() -> new InitOut(7, 38, 0, 0, 0x10000, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InitOut(7, 38, 0, 0, 0, 0, 0, 0, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void initFlagsHaveTheBitPositionsOfFuseH738() {
        assertThat(FuseInitFlags.ASYNC_READ).isEqualTo(1L);
        assertThat(FuseInitFlags.DO_READDIRPLUS).isEqualTo(1L << 13);
        assertThat(FuseInitFlags.MAX_PAGES).isEqualTo(1L << 22);
        assertThat(FuseInitFlags.MAP_ALIGNMENT).isEqualTo(1L << 26);
        assertThat(FuseInitFlags.SETXATTR_EXT).isEqualTo(1L << 29);
        assertThat(FuseInitFlags.INIT_EXT).isEqualTo(1L << 30);
        assertThat(FuseInitFlags.INIT_RESERVED).isEqualTo(0x80000000L);
        assertThat(FuseInitFlags.SECURITY_CTX).isEqualTo(1L << 32);
        assertThat(FuseInitFlags.HAS_INODE_DAX).isEqualTo(1L << 33);
        assertThat(FuseInitFlags.HAS_EXPIRE_ONLY).isEqualTo(1L << 35);
    }

    @Test
    void initFlagsDescribeNamesKnownBitsAndKeepsUnknownOnesInHex() {
        assertThat(FuseInitFlags.describe(0)).isEqualTo("0");
        assertThat(FuseInitFlags.describe(FuseInitFlags.ASYNC_READ | FuseInitFlags.INIT_EXT
                | FuseInitFlags.SECURITY_CTX | 1L << 34)).isEqualTo("ASYNC_READ|INIT_EXT|SECURITY_CTX|0x400000000");
    }

    @Test
    void initFlagsSplitAndCombineAcrossTheTwoWords() {
        long all = FuseInitFlags.INIT_EXT | FuseInitFlags.HAS_EXPIRE_ONLY | FuseInitFlags.INIT_RESERVED;
        assertThat(FuseInitFlags.low(all)).isEqualTo(0xC0000000);
        assertThat(FuseInitFlags.high(all)).isEqualTo(8);
        assertThat(FuseInitFlags.combine(FuseInitFlags.low(all), FuseInitFlags.high(all))).isEqualTo(all);
    }
}
