package dev.vfc.virtqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DescriptorTest {

    @Test
    void encodesSixteenLittleEndianBytes() {
        Descriptor d = new Descriptor(0x1_2345_6000L, 0x20, Descriptor.NEXT | Descriptor.WRITE, 5);
        ByteBuffer b = ByteBuffer.allocate(Descriptor.SIZE);
        d.encodeTo(b);
        assertThat(b.position()).isEqualTo(16);
        assertThat(HexFormat.of().formatHex(b.array())).isEqualTo("0060452301000000" + "20000000" + "0300" + "0500");
        assertThat(Descriptor.decode(b.flip())).isEqualTo(d);
    }

    @Test
    void flagHelpers() {
        Descriptor d = new Descriptor(0, 0, Descriptor.INDIRECT, 0);
        assertThat(d.isIndirect()).isTrue();
        assertThat(d.hasNext()).isFalse();
        assertThat(d.isWritable()).isFalse();
        Descriptor w = Descriptor.writable(0x1000, -1).chainedTo(7);
        assertThat(w.isWritable()).isTrue();
        assertThat(w.hasNext()).isTrue();
        assertThat(w.next()).isEqualTo(7);
        assertThat(w.unsignedLen()).isEqualTo(0xffff_ffffL);
        assertThat(w.toString()).isEqualTo("Descriptor[addr=0x1000, len=4294967295, flags=NEXT|WRITE, next=7]");
    }

    @Test
    void decodesU16FieldsUnsigned() {
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex("0000000000000000" + "00000000" + "ffff" + "ffff"));
        Descriptor d = Descriptor.decode(b);
        assertThat(d.flags()).isEqualTo(0xffff);
        assertThat(d.next()).isEqualTo(0xffff);
    }

    @Test
    void refusesOutOfRangeU16Fields() {
        assertThatThrownBy(() -> new Descriptor(0, 0, 0x10000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Descriptor(0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
