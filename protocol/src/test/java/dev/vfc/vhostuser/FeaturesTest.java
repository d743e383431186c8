package dev.vfc.vhostuser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void virtioBitsAreMasks() {
        assertThat(VirtioFeatures.VERSION_1).isEqualTo(0x1_0000_0000L);
        assertThat(VirtioFeatures.VHOST_USER_F_PROTOCOL_FEATURES).isEqualTo(0x4000_0000L);
        assertThat(VirtioFeatures.RING_RESET).isEqualTo(1L << 40);
        assertThat(VirtioFeatures.LOG_ALL).isEqualTo(1L << 26);
    }

    @Test
    void describesWhatTheDaemonsOffer() {
        assertThat(VirtioFeatures.describe(0x1_7500_0000L)).isEqualTo(
                "NOTIFY_ON_EMPTY|LOG_ALL|RING_INDIRECT_DESC|RING_EVENT_IDX|PROTOCOL_FEATURES|VERSION_1");
        assertThat(ProtocolFeatures.describe(0x8c2b)).isEqualTo(
                "MQ|LOG_SHMFD|REPLY_ACK|BACKEND_REQ|BACKEND_SEND_FD|HOST_NOTIFIER|CONFIGURE_MEM_SLOTS");
        assertThat(ProtocolFeatures.describe(0x8a42b)).endsWith("|CONFIGURE_MEM_SLOTS|DEVICE_STATE");
    }

    @Test
    void unknownBitsAndZero() {
        assertThat(VirtioFeatures.describe(0)).isEqualTo("none");
        assertThat(VirtioFeatures.describe(1L | 1L << 63)).isEqualTo("bit0|bit63");
        assertThat(ProtocolFeatures.describe(1L << 20)).isEqualTo("bit20");
    }

    @Test
    void qemu72MaskKeepsBitsZeroToSixteen() {
        assertThat(ProtocolFeatures.QEMU_7_2_MASK).isEqualTo(0x1ffff);
        assertThat(0x8a42bL & ProtocolFeatures.QEMU_7_2_MASK).isEqualTo(0x0a42bL);
        assertThat(ProtocolFeatures.STATUS & ProtocolFeatures.QEMU_7_2_MASK).isNotZero();
        assertThat(ProtocolFeatures.XEN_MMAP & ProtocolFeatures.QEMU_7_2_MASK).isZero();
    }
}
