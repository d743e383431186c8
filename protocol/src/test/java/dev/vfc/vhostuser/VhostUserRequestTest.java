package dev.vfc.vhostuser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VhostUserRequestTest {

    @Test
    void codesMatchTheSpec() {
        assertThat(VhostUserRequest.GET_FEATURES.code()).isEqualTo(1);
        assertThat(VhostUserRequest.SET_VRING_ENABLE.code()).isEqualTo(18);
        assertThat(VhostUserRequest.SET_BACKEND_REQ_FD.code()).isEqualTo(21);
        assertThat(VhostUserRequest.GET_CONFIG.code()).isEqualTo(24);
        assertThat(VhostUserRequest.SET_CONFIG.code()).isEqualTo(25);
        assertThat(VhostUserRequest.GET_INFLIGHT_FD.code()).isEqualTo(31);
        assertThat(VhostUserRequest.SET_INFLIGHT_FD.code()).isEqualTo(32);
        assertThat(VhostUserRequest.RESET_DEVICE.code()).isEqualTo(34);
        assertThat(VhostUserRequest.VRING_KICK.code()).isEqualTo(35);
        assertThat(VhostUserRequest.GET_MAX_MEM_SLOTS.code()).isEqualTo(36);
        assertThat(VhostUserRequest.ADD_MEM_REG.code()).isEqualTo(37);
        assertThat(VhostUserRequest.REM_MEM_REG.code()).isEqualTo(38);
        assertThat(VhostUserRequest.SET_STATUS.code()).isEqualTo(39);
        assertThat(VhostUserRequest.GET_STATUS.code()).isEqualTo(40);
        assertThat(VhostUserRequest.CHECK_DEVICE_STATE.code()).isEqualTo(43);
    }

    @Test
    void codesAreContiguousFromOneAndLookupIsTheInverse() {
        VhostUserRequest[] all = VhostUserRequest.values();
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i].code()).isEqualTo(i + 1);
            assertThat(VhostUserRequest.of(i + 1)).contains(all[i]);
        }
        assertThat(VhostUserRequest.of(0)).isEmpty();
        assertThat(VhostUserRequest.of(44)).isEmpty();
        assertThat(VhostUserRequest.of(-1)).isEmpty();
    }

    @Test
    void repliesByDefinition() {
        Set<VhostUserRequest> replying = Arrays.stream(VhostUserRequest.values())
                .filter(VhostUserRequest::repliesByDefinition).collect(Collectors.toSet());
        assertThat(replying).containsAll(EnumSet.of(
                VhostUserRequest.GET_FEATURES, VhostUserRequest.GET_PROTOCOL_FEATURES, VhostUserRequest.GET_QUEUE_NUM,
                VhostUserRequest.GET_VRING_BASE, VhostUserRequest.GET_MAX_MEM_SLOTS, VhostUserRequest.GET_CONFIG,
                VhostUserRequest.GET_INFLIGHT_FD, VhostUserRequest.GET_STATUS));
        assertThat(replying).doesNotContain(VhostUserRequest.SET_LOG_BASE, VhostUserRequest.SET_FEATURES,
                VhostUserRequest.SET_MEM_TABLE, VhostUserRequest.ADD_MEM_REG, VhostUserRequest.SET_VRING_KICK,
                VhostUserRequest.SET_BACKEND_REQ_FD, VhostUserRequest.SET_VRING_ENABLE);
    }

    @Test
    void fdCarryingRequests() {
        assertThat(VhostUserRequest.ADD_MEM_REG.requestMayCarryFds()).isTrue();
        assertThat(VhostUserRequest.SET_VRING_CALL.requestMayCarryFds()).isTrue();
        assertThat(VhostUserRequest.SET_BACKEND_REQ_FD.requestMayCarryFds()).isTrue();
        assertThat(VhostUserRequest.REM_MEM_REG.requestMayCarryFds()).as("QEMU 7.2 attaches the region's fd").isTrue();
        assertThat(VhostUserRequest.SET_VRING_NUM.requestMayCarryFds()).isFalse();
    }
}
