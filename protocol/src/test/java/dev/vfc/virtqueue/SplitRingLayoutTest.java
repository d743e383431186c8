package dev.vfc.virtqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitRingLayoutTest {

    @Test
    void sizesFollowTheSpecTable() {
        assertThat(SplitRingLayout.descTableSize(128)).isEqualTo(2048);
        assertThat(SplitRingLayout.availRingSize(128)).isEqualTo(262);
        assertThat(SplitRingLayout.usedRingSize(128)).isEqualTo(1030);
        assertThat(SplitRingLayout.descTableSize(256)).isEqualTo(4096);
        assertThat(SplitRingLayout.availRingSize(256)).isEqualTo(518);
        assertThat(SplitRingLayout.usedRingSize(256)).isEqualTo(2054);
    }

    @Test
    void contiguous128AtZero() {
        SplitRingLayout l = SplitRingLayout.contiguous(128, 0);
        assertThat(l.descTable()).isEqualTo(0);
        assertThat(l.availRing()).isEqualTo(2048);
        // 2048 + 262 = 2310, rounded up to 4096
        assertThat(l.usedRing()).isEqualTo(4096);
        assertThat(l.totalSize()).isEqualTo(4096 + 1030);
        assertThat(l.descriptorAddress(127)).isEqualTo(2032);
        assertThat(l.availIdxAddress()).isEqualTo(2050);
        assertThat(l.availEntryAddress(127)).isEqualTo(2048 + 4 + 254);
        assertThat(l.usedEventAddress()).isEqualTo(2048 + 4 + 256);
        assertThat(l.usedIdxAddress()).isEqualTo(4098);
        assertThat(l.usedElementAddress(127)).isEqualTo(4096 + 4 + 1016);
        assertThat(l.availEventAddress()).isEqualTo(4096 + 4 + 1024);
    }

    @Test
    void contiguous256AtAPage() {
        SplitRingLayout l = SplitRingLayout.contiguous(256, 0x10000);
        assertThat(l.descTable()).isEqualTo(0x10000);
        assertThat(l.availRing()).isEqualTo(0x11000);
        // 0x11000 + 518 = 0x11206, rounded up to 0x12000
        assertThat(l.usedRing()).isEqualTo(0x12000);
        assertThat(l.totalSize()).isEqualTo(0x2000 + 2054).isEqualTo(10246);
        assertThat(l.usedEventAddress()).isEqualTo(0x11204);
        assertThat(l.availEventAddress()).isEqualTo(0x12804);
    }

    @Test
    void contiguous1024MatchesLegacyVringSize() {
        // vring_size(1024, 4096) = align(16*1024 + 2*(3+1024), 4096) + 2*3 + 8*1024 = 20480 + 8198
        assertThat(SplitRingLayout.contiguous(1024, 0).totalSize()).isEqualTo(28678);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3, 100, 65536, 32769})
    void queueSizeMustBeAPowerOfTwoUpTo32768(int n) {
        assertThatThrownBy(() -> SplitRingLayout.contiguous(n, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 32768})
    void acceptedQueueSizes(int n) {
        assertThat(SplitRingLayout.contiguous(n, 0).queueSize()).isEqualTo(n);
    }

    @Test
    void alignmentIsEnforced() {
        assertThatThrownBy(() -> new SplitRingLayout(8, 8, 0x1000, 0x2000)).hasMessageContaining("descriptor table");
        assertThatThrownBy(() -> new SplitRingLayout(8, 0, 0x1001, 0x2000)).hasMessageContaining("available ring");
        assertThatThrownBy(() -> new SplitRingLayout(8, 0, 0x1000, 0x2002)).hasMessageContaining("used ring");
        assertThat(new SplitRingLayout(8, 0x30, 0x1002, 0x2004).totalSize()).isEqualTo(0x2004 + 70 - 0x30);
    }
}
