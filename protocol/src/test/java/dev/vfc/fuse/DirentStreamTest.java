package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.i;
import static dev.vfc.fuse.Golden.l;
import static dev.vfc.fuse.Golden.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirentStreamTest {

    private static final EntryOut ENTRY = new EntryOut(l(0), l(1), l(2), l(3), i(0), i(1), AttrAndEntryGoldenTest.attr(2));

    @Test
    void recordLengthIsHeadPlusNameRoundedUpToEight() {
        assertThat(DirentStream.recordLength(1, false)).isEqualTo(32);
        assertThat(DirentStream.recordLength(8, false)).isEqualTo(32);
        assertThat(DirentStream.recordLength(9, false)).isEqualTo(40);
        assertThat(DirentStream.recordLength(0, false)).isEqualTo(24);
        assertThat(DirentStream.recordLength(1, true)).isEqualTo(160);
        assertThat(DirentStream.recordLength(8, true)).isEqualTo(160);
        assertThat(DirentStream.recordLength(9, true)).isEqualTo(168);
        assertThat(Dirent.NAME_OFFSET).isEqualTo(24);
        assertThat(Direntplus.NAME_OFFSET).isEqualTo(152);
    }

    @Test
    void direntIsInoOffNamelenTypeNameThenZeroPadding() {
        Dirent d = Dirent.of(l(0), l(1), Dirent.DT_REG, "abc");
        byte[] want = new Golden(32).u64(0, l(0)).u64(8, l(1)).u32(16, 3).u32(20, 8).bytes(24, "abc".getBytes())
                .bytes();
        ByteBuffer b = le(40);
        Arrays.fill(b.array(), (byte) 0x77);
        DirentStream.encode(b, d);
        assertThat(b.position()).isEqualTo(32).isEqualTo(d.recordLength());
        assertThat(Arrays.copyOf(b.array(), 32)).containsExactly(want);
        assertThat(DirentStream.decodeAll(le(want))).containsExactly(d);
    }

    @Test
    void direntplusIsEntryOutThenDirentAtOneHundredTwentyEight() {
        Direntplus d = new Direntplus(ENTRY, Dirent.of(l(4), l(5), Dirent.DT_DIR, "x"));
        Golden g = new Golden(160).u64(0, l(0)).u64(8, l(1)).u64(16, l(2)).u64(24, l(3)).u32(32, i(0)).u32(36, i(1));
        AttrAndEntryGoldenTest.putAttr(g, 40, 2);
        g.u64(128, l(4)).u64(136, l(5)).u32(144, 1).u32(148, 4).u8(152, 'x');
        ByteBuffer b = le(160);
        DirentStream.encodePlus(b, d);
        assertThat(b.position()).isEqualTo(160);
        assertThat(b.array()).containsExactly(g.bytes());
        assertThat(DirentStream.decodeAllPlus(le(g.bytes()))).containsExactly(d);
    }

    @Test
    void aWholeReplyBodyDecodesRecordByRecord() {
        List<Dirent> entries = List.of(Dirent.of(1, 1, Dirent.DT_DIR, "."), Dirent.of(1, 2, Dirent.DT_DIR, ".."),
                Dirent.of(77, 3, Dirent.DT_REG, "grubx64.efi"), Dirent.of(78, 4, Dirent.DT_LNK, "exactly8"));
        ByteBuffer b = le(256);
        entries.forEach(d -> DirentStream.encode(b, d));
        assertThat(b.position()).isEqualTo(32 + 32 + 40 + 32);
        b.flip();
        assertThat(DirentStream.decodeAll(b)).containsExactlyElementsOf(entries);
        assertThat(DirentStream.decodeAll(le(0))).isEmpty();
    }

    @Test
    void plusRepliesDecodeRecordByRecordToo() {
        List<Direntplus> entries = List.of(new Direntplus(ENTRY, Dirent.of(1, 1, 4, "a")),
                new Direntplus(ENTRY, Dirent.of(2, 2, 8, "longer-name")));
        ByteBuffer b = le(512);
        entries.forEach(d -> DirentStream.encodePlus(b, d));
        assertThat(b.position()).isEqualTo(160 + 168);
        b.flip();
        assertThat(DirentStream.decodeAllPlus(b)).containsExactlyElementsOf(entries);
    }

    @Test
    void aTruncatedRecordHeadIsRejected() {
        byte[] wire = new byte[32 + 20];
        ByteBuffer b = le(wire);
        DirentStream.encode(b, Dirent.of(1, 1, 8, "a"));
        assertThatThrownBy(() -> DirentStream.decodeAll(le(wire))).isInstanceOfSatisfying(FuseDecodeException.class,
                e -> assertThat(e.errno()).isEqualTo(22));
        assertThatThrownBy(() -> DirentStream.decodeAllPlus(le(new byte[151])))
                .isInstanceOf(FuseDecodeException.class);
    }

    @Test
    void aZeroNamelenIsRejected() {
        byte[] wire = new Golden(32).u64(0, 5).u64(8, 1).u32(16, 0).u32(20, 8).bytes();
        assertThatThrownBy(() -> DirentStream.decodeAll(le(wire))).isInstanceOf(FuseDecodeException.class)
                .hasMessageContaining("namelen 0");
    }

    @Test
    void aRecordRunningPastTheEndIsRejectedEvenIfOnlyItsPaddingIsMissing() {
        byte[] full = new Golden(32).u64(0, 5).u64(8, 1).u32(16, 3).u32(20, 8).bytes(24, "abc".getBytes()).bytes();
        assertThatThrownBy(() -> DirentStream.decodeAll(le(Arrays.copyOf(full, 27))))
                .isInstanceOf(FuseDecodeException.class).hasMessageContaining("runs past the end");
        byte[] huge = new Golden(32).u64(0, 5).u64(8, 1).u32(16, -1).u32(20, 8).bytes();
        ByteBuffer b = le(huge);
        assertThatThrownBy(() -> DirentStream.decodeAll(b)).isInstanceOf(FuseDecodeException.class);
        assertThat(b.position()).isZero();
    }

    @Test
    void aBadSecondRecordLeavesThePositionAtItsStart() {
        ByteBuffer b = le(64);
        DirentStream.encode(b, Dirent.of(1, 1, 8, "ok"));
        b.putLong(2).putLong(2).putInt(100).putInt(8);
        b.flip();
        assertThat(DirentStream.decode(b)).isEqualTo(Dirent.of(1, 1, 8, "ok"));
        assertThatThrownBy(() -> DirentStream.decode(b)).isInstanceOf(FuseDecodeException.class);
        assertThat(b.position()).isEqualTo(32);
    }

    @Test
    void encodeRefusesToWriteAPartialRecord() {
        ByteBuffer b = le(31);
        assertThatThrownBy(() -> DirentStream.encode(b, Dirent.of(1, 1, 8, "a")))
                .isInstanceOf(java.nio.BufferOverflowException.class);
        assertThat(b.position()).isZero();
        ByteBuffer big = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
        assertThatThrownBy(() -> DirentStream.encode(big, Dirent.of(1, 1, 8, "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void direntComparesNamesByContentAndCopiesThem() {
        byte[] name = {'a'};
        Dirent d = new Dirent(1, 2, 8, name);
        name[0] = 'b';
        assertThat(d).isEqualTo(Dirent.of(1, 2, 8, "a")).hasSameHashCodeAs(Dirent.of(1, 2, 8, "a"));
        d.name()[0] = 'c';
        assertThat(d.nameString()).isEqualTo("a");
        assertThat(d.toString()).contains("name=\"a\"");
    }
}
