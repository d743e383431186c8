package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.assertRoundTrip;
import static dev.vfc.fuse.Golden.i;
import static dev.vfc.fuse.Golden.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SetxattrInTest {

    @Test
    void extendedLayoutIsSixteenBytesWithSetxattrFlagsAtEight() {
        assertRoundTrip(new SetxattrIn(i(0), i(1), i(2)),
                new Golden(16).u32(0, i(0)).u32(4, i(1)).u32(8, i(2)).bytes(), 16, SetxattrIn::decode);
    }

    @Test
    void compatLayoutIsEightBytesOfSizeAndFlags() {
        SetxattrIn s = new SetxattrIn(i(0), i(1), 0);
        ByteBuffer b = le(8);
        s.encodeTo(b, false);
        assertThat(b.position()).isEqualTo(SetxattrIn.COMPAT_SIZE);
        assertThat(b.array()).containsExactly(new Golden(8).u32(0, i(0)).u32(4, i(1)).bytes());
        ByteBuffer in = le(b.array());
        assertThat(SetxattrIn.decode(in, false)).isEqualTo(s);
        assertThat(in.position()).isEqualTo(8);
    }

    @Test
    void compatDecodeLeavesTheNameAfterEightBytesUntouched() {
        byte[] wire = new Golden(16).u32(0, 3).u32(4, 0).bytes(4 + 4, "user.x\0".getBytes()).bytes();
        ByteBuffer b = le(wire);
        SetxattrIn.decode(b, false);
        assertThat(FuseNames.decode(b, 1)).containsExactly("user.x");
    }

    @Test
    void compatLayoutCannotCarrySetxattrFlags() {
        assertThatThrownBy(() -> new SetxattrIn(1, 0, 1).encodeTo(le(16), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SetxattrIn.size(true)).isEqualTo(16);
        assertThat(SetxattrIn.size(false)).isEqualTo(8);
    }
}
