package dev.vfc.vhostuser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.vhostuser.VhostUserPayload.U64;
import dev.vfc.vhostuser.VhostUserPayload.VringFile;
import org.junit.jupiter.api.Test;

class VhostUserMessageTest {

    @Test
    void toStringIsATranscriptLine() {
        VhostUserMessage reply = new VhostUserMessage(VhostUserRequest.GET_FEATURES,
                VhostUserHeader.VERSION | VhostUserHeader.REPLY, new U64(0x1_7000_0000L));
        assertThat(reply.toString()).isEqualTo("GET_FEATURES reply flags=0x5[v1|REPLY] U64[0x170000000]"
                + " (RING_INDIRECT_DESC|RING_EVENT_IDX|PROTOCOL_FEATURES|VERSION_1) fds=0");

        VhostUserMessage kick = new VhostUserMessage(VhostUserRequest.SET_VRING_KICK, VhostUserHeader.VERSION,
                new VringFile(1, false), 17);
        assertThat(kick.toString()).isEqualTo("SET_VRING_KICK flags=0x1[v1] VringFile[index=1, noFd=false] fds=1");

        VhostUserMessage proto = new VhostUserMessage(VhostUserRequest.SET_PROTOCOL_FEATURES, VhostUserHeader.VERSION,
                new U64(0x9));
        assertThat(proto.toString()).contains("(MQ|REPLY_ACK)");
    }

    @Test
    void fdsAreCopiedAndCompared() {
        int[] fds = {5};
        VhostUserMessage m = new VhostUserMessage(VhostUserRequest.SET_VRING_CALL, 1, new VringFile(0, false), fds);
        fds[0] = 6;
        assertThat(m.fds()).containsExactly(5);
        assertThat(m).isEqualTo(new VhostUserMessage(VhostUserRequest.SET_VRING_CALL, 1, new VringFile(0, false), 5));
        assertThat(m.header().size()).isEqualTo(8);
    }
}
