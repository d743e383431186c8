package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.assertRoundTrip;
import static dev.vfc.fuse.Golden.i;
import static dev.vfc.fuse.Golden.l;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttrAndEntryGoldenTest {

    static Attr attr(int seed) {
        return new Attr(l(seed), l(seed + 1), l(seed + 2), l(seed + 3), l(seed + 4), l(seed + 5), i(seed), i(seed + 1),
                i(seed + 2), i(seed + 3), i(seed + 4), i(seed + 5), i(seed + 6), i(seed + 7), i(seed + 8), i(seed + 9));
    }

    /** fuse_attr at {@code base}: ino 0 size 8 blocks 16 atime 24 mtime 32 ctime 40, then ten u32 from 48. */
    static Golden putAttr(Golden g, int base, int seed) {
        g.u64(base, l(seed)).u64(base + 8, l(seed + 1)).u64(base + 16, l(seed + 2)).u64(base + 24, l(seed + 3))
                .u64(base + 32, l(seed + 4)).u64(base + 40, l(seed + 5));
        for (int k = 0; k < 10; k++) {
            g.u32(base + 48 + 4 * k, i(seed + k));
        }
        return g;
    }

    @Test
    void attrIsEightyEightBytesWithTimesBeforeNanoseconds() {
        assertThat(Attr.SIZE).isEqualTo(88);
        assertThat(Attr.COMPAT_SIZE).isEqualTo(80);
        assertRoundTrip(attr(0), putAttr(new Golden(88), 0, 0).bytes(), 88, Attr::decode);
    }

    @Test
    void entryOutIsFortyByteHeadFollowedByAttr() {
        EntryOut e = new EntryOut(l(10), l(11), l(12), l(13), i(10), i(11), attr(3));
        Golden g = new Golden(128).u64(0, l(10)).u64(8, l(11)).u64(16, l(12)).u64(24, l(13)).u32(32, i(10))
                .u32(36, i(11));
        putAttr(g, 40, 3);
        assertThat(EntryOut.SIZE).isEqualTo(128);
        assertThat(EntryOut.COMPAT_SIZE).isEqualTo(120);
        assertRoundTrip(e, g.bytes(), 128, EntryOut::decode);
    }

    @Test
    void attrOutHasZeroDummyBeforeAttrAtSixteen() {
        AttrOut a = new AttrOut(l(7), i(7), attr(1));
        Golden g = new Golden(104).u64(0, l(7)).u32(8, i(7));
        putAttr(g, 16, 1);
        assertThat(AttrOut.SIZE).isEqualTo(104);
        assertThat(AttrOut.COMPAT_SIZE).isEqualTo(96);
        assertRoundTrip(a, g.bytes(), 104, AttrOut::decode);
    }

    static Kstatfs kstatfs() {
        return new Kstatfs(l(0), l(1), l(2), l(3), l(4), i(0), i(1), i(2));
    }

    static Golden putKstatfs(Golden g) {
        return g.u64(0, l(0)).u64(8, l(1)).u64(16, l(2)).u64(24, l(3)).u64(32, l(4)).u32(40, i(0)).u32(44, i(1))
                .u32(48, i(2));
    }

    @Test
    void kstatfsIsEightyBytesWithPaddingAndSpareZeroed() {
        assertThat(Kstatfs.SIZE).isEqualTo(80);
        assertRoundTrip(kstatfs(), putKstatfs(new Golden(80)).bytes(), 80, Kstatfs::decode);
    }

    @Test
    void statfsOutIsExactlyKstatfs() {
        assertThat(StatfsOut.SIZE).isEqualTo(80);
        assertThat(StatfsOut.COMPAT_SIZE).isEqualTo(48);
        assertRoundTrip(new StatfsOut(kstatfs()), putKstatfs(new Golden(80)).bytes(), 80, StatfsOut::decode);
    }

    @Test
    void decodeIgnoresWhateverIsInPaddingAndSpareFields() {
        byte[] wire = putKstatfs(new Golden(80)).u32(52, -1).u64(56, -1).u64(64, -1).u64(72, -1).bytes();
        assertThat(Kstatfs.decode(Golden.le(wire))).isEqualTo(kstatfs());
        byte[] attrOut = putAttr(new Golden(104).u64(0, 5).u32(8, 6).u32(12, 0xDEADBEEF), 16, 0).bytes();
        assertThat(AttrOut.decode(Golden.le(attrOut))).isEqualTo(new AttrOut(5, 6, attr(0)));
    }
}
