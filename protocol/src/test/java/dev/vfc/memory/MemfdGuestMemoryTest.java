package dev.vfc.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemfdGuestMemoryTest {

    private static final long MIB = 1 << 20;

    @Test
    void twoRegionsFromOneFdSitAtConsecutiveFileOffsets() throws Exception {
        try (MemfdGuestMemory memory = MemfdGuestMemory.splitAt4GiB(2 * MIB, MIB)) {
            assertThat(memory.regions()).hasSize(2);
            GuestRegion low = memory.regions().get(0);
            GuestRegion high = memory.regions().get(1);
            assertThat(low.guestPhysAddr()).isZero();
            assertThat(low.mmapOffset()).isZero();
            assertThat(high.guestPhysAddr()).isEqualTo(1L << 32);
            assertThat(high.mmapOffset()).isEqualTo(2 * MIB);
            assertThat(high.userspaceAddr() - low.userspaceAddr()).isEqualTo(2 * MIB);
            assertThat(memory.userspaceAddress((1L << 32) + 16)).isEqualTo(high.userspaceAddr() + 16);
        }
    }

    @Test
    void bytesWrittenThroughOneSliceAreSeenThroughAnother() throws Exception {
        try (MemfdGuestMemory memory = MemfdGuestMemory.single(MIB)) {
            memory.slice(4096, 8).putLong(0, 42);
            assertThat(memory.slice(4096 + 4, 4).getInt(0)).isZero();
            assertThat(memory.slice(4096, 16).getLong(0)).isEqualTo(42);
        }
    }

    @Test
    void rangesThatLeaveEveryRegionAreRefused() throws Exception {
        try (MemfdGuestMemory memory = MemfdGuestMemory.splitAt4GiB(MIB, MIB)) {
            assertThat(memory.contains(MIB - 8, 8)).isTrue();
            assertThat(memory.contains(MIB - 8, 9)).isFalse();
            assertThat(memory.contains((1L << 32) - 1, 2)).isFalse();
            assertThat(memory.contains(-1, 1)).isFalse();
            assertThatThrownBy(() -> memory.slice(MIB - 4, 8))
                    .isInstanceOf(GuestMemoryException.class)
                    .hasMessageContaining("0xffffc");
            assertThatThrownBy(() -> memory.slice(Long.MAX_VALUE - 2, 8))
                    .isInstanceOf(GuestMemoryException.class);
        }
    }
}
