package dev.vfc.vhostuser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.memory.GuestRegion;
import dev.vfc.vhostuser.VhostUserPayload.Empty;
import dev.vfc.vhostuser.VhostUserPayload.MemoryRegion;
import dev.vfc.vhostuser.VhostUserPayload.MemoryTable;
import dev.vfc.vhostuser.VhostUserPayload.Raw;
import dev.vfc.vhostuser.VhostUserPayload.SingleMemoryRegion;
import dev.vfc.vhostuser.VhostUserPayload.U64;
import dev.vfc.vhostuser.VhostUserPayload.VringAddress;
import dev.vfc.vhostuser.VhostUserPayload.VringFile;
import dev.vfc.vhostuser.VhostUserPayload.VringState;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VhostUserPayloadTest {

    /** A QEMU-like region: 1 GiB at guest-physical 0, mapped at 0x7f0000000000. */
    static final MemoryRegion LOW = new MemoryRegion(0, 0x4000_0000L, 0x7f00_0000_0000L, 0);
    /** Its sibling above 4 GiB from the same fd, at file offset 1 GiB. */
    static final MemoryRegion HIGH = new MemoryRegion(0x1_0000_0000L, 0x2000_0000L, 0x7f00_4000_0000L, 0x4000_0000L);

    static final String LOW_HEX = "0000000000000000 0000004000000000 0000000000 7f0000 0000000000000000";
    static final String HIGH_HEX = "0000000001000000 0000002000000000 0000004000 7f0000 0000004000000000";

    @Test
    void u64() {
        U64 p = new U64(0x1_7500_0000L);
        assertThat(p.size()).isEqualTo(8);
        assertThat(Hex.encoded(p)).isEqualTo("0000007501000000");
        assertThat(U64.decode(Hex.buffer("0000007501000000"))).isEqualTo(p);
    }

    @Test
    void vringState() {
        VringState p = new VringState(1, 128);
        assertThat(p.size()).isEqualTo(8);
        assertThat(Hex.encoded(p)).isEqualTo("0100000080000000");
        assertThat(VringState.decode(Hex.buffer("0100000080000000"))).isEqualTo(p);
    }

    @Test
    void vringAddressPutsUsedBeforeAvail() {
        VringAddress p = new VringAddress(1, 0, 0x7f00_0000_1000L, 0x7f00_0000_3000L, 0x7f00_0000_2000L, 0x3000L);
        String golden = "01000000 00000000"
                + " 0010000000 7f0000" // desc
                + " 0030000000 7f0000" // used
                + " 0020000000 7f0000" // avail
                + " 0030000000000000"; // log
        assertThat(p.size()).isEqualTo(40);
        assertThat(Hex.encoded(p)).isEqualTo(Hex.compact(golden));
        VringAddress back = VringAddress.decode(Hex.buffer(golden));
        assertThat(back).isEqualTo(p);
        assertThat(back.used()).isEqualTo(0x7f00_0000_3000L);
        assertThat(back.avail()).isEqualTo(0x7f00_0000_2000L);
    }

    @Test
    void memoryRegion() {
        assertThat(LOW.size()).isEqualTo(32);
        assertThat(Hex.encoded(LOW)).isEqualTo(Hex.compact(LOW_HEX));
        assertThat(MemoryRegion.decode(Hex.buffer(HIGH_HEX))).isEqualTo(HIGH);
    }

    @Test
    void memoryRegionConvertsToAndFromTheMemoryModel() {
        GuestRegion g = HIGH.toGuestRegion();
        assertThat(g).isEqualTo(new GuestRegion(0x1_0000_0000L, 0x2000_0000L, 0x7f00_4000_0000L, 0x4000_0000L));
        assertThat(MemoryRegion.of(g)).isEqualTo(HIGH);
    }

    @Test
    void memoryTableWithTwoRegionsIs72Bytes() {
        MemoryTable p = new MemoryTable(List.of(LOW, HIGH));
        String golden = "02000000 00000000 " + LOW_HEX + " " + HIGH_HEX;
        assertThat(p.size()).isEqualTo(72);
        assertThat(Hex.encoded(p)).isEqualTo(Hex.compact(golden));
        assertThat(MemoryTable.decode(Hex.buffer(golden))).isEqualTo(p);
    }

    @Test
    void emptyMemoryTableIsItsHeaderOnly() {
        MemoryTable p = new MemoryTable(List.of());
        assertThat(Hex.encoded(p)).isEqualTo("0000000000000000");
        assertThat(MemoryTable.decode(Hex.buffer("0000000000000000"))).isEqualTo(p);
    }

    @Test
    void memoryTableRefusesMoreThanEightRegions() {
        assertThatThrownBy(() -> new MemoryTable(Collections.nCopies(9, LOW)))
                .isInstanceOf(IllegalArgumentException.class);
        String nine = "09000000 00000000" + (" " + LOW_HEX).repeat(9);
        assertThatThrownBy(() -> MemoryTable.decode(Hex.buffer(nine)))
                .isInstanceOf(VhostUserProtocolException.class)
                .hasMessageContaining("nregions 9").hasMessageContaining("8");
    }

    @Test
    void memoryTableRefusesASizeThatDisagreesWithNregions() {
        assertThatThrownBy(() -> MemoryTable.decode(Hex.buffer("02000000 00000000 " + LOW_HEX)))
                .isInstanceOf(VhostUserProtocolException.class)
                .hasMessageContaining("SET_MEM_TABLE").hasMessageContaining("expected 72").hasMessageContaining("size 40");
        assertThatThrownBy(() -> MemoryTable.decode(Hex.buffer("01000000 00000000 " + LOW_HEX + " " + HIGH_HEX)))
                .isInstanceOf(VhostUserProtocolException.class).hasMessageContaining("expected 40");
        assertThatThrownBy(() -> MemoryTable.decode(Hex.buffer("010000")))
                .isInstanceOf(VhostUserProtocolException.class).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> MemoryTable.decode(Hex.buffer("ffffffff 00000000")))
                .isInstanceOf(VhostUserProtocolException.class).hasMessageContaining("nregions 4294967295");
    }

    @Test
    void singleMemoryRegionHasEightBytesOfPaddingFirst() {
        SingleMemoryRegion p = new SingleMemoryRegion(HIGH);
        String golden = "0000000000000000 " + HIGH_HEX;
        assertThat(p.size()).isEqualTo(40);
        assertThat(Hex.encoded(p)).isEqualTo(Hex.compact(golden));
        assertThat(SingleMemoryRegion.decode(Hex.buffer(golden))).isEqualTo(p);
    }

    @Test
    void vringFileHoldsIndexAndNoFdBit() {
        assertThat(Hex.encoded(new VringFile(1, false))).isEqualTo("0100000000000000");
        assertThat(Hex.encoded(new VringFile(1, true))).isEqualTo("0101000000000000");
        assertThat(new VringFile(255, true).toU64()).isEqualTo(0x1ff);
        assertThat(VringFile.decode(Hex.buffer("0001000000000000"))).isEqualTo(new VringFile(0, true));
        assertThat(new VringFile(3, false).size()).isEqualTo(8);
    }

    @Test
    void vringFileRefusesReservedBitsAndLargeIndices() {
        assertThatThrownBy(() -> VringFile.decode(Hex.buffer("0102000000000000")))
                .isInstanceOf(VhostUserProtocolException.class).hasMessageContaining("0x201");
        assertThatThrownBy(() -> new VringFile(256, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyAndRaw() {
        assertThat(new Empty().size()).isZero();
        assertThat(Hex.encoded(new Empty())).isEmpty();
        byte[] bytes = Hex.parse("00000000 28000000 00000000");
        Raw raw = new Raw(bytes);
        bytes[0] = 7;
        assertThat(raw.size()).isEqualTo(12);
        assertThat(Hex.encoded(raw)).isEqualTo("000000002800000000000000");
        assertThat(raw).isEqualTo(new Raw(Hex.parse("000000002800000000000000")));
        assertThat(raw.toString()).isEqualTo("Raw[12 bytes: 000000002800000000000000]");
    }
}
