package dev.vfc.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.ProtocolFeatures;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.vhostuser.VhostUserSocket;
import dev.vfc.vhostuser.VirtioFsConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** --tag: PROTOCOL_F_CONFIG offered, and GET_CONFIG answered with the virtio-fs config space. */
class TagConfigTest {

    private static long protocolFeaturesOf(VirtioFsConfig config, VhostUserRequest then, byte[] body,
            ByteBuffer[] answer) throws Exception {
        UnixSocket[] pair = UnixSocket.pair();
        VhostUserBackend backend = new VhostUserBackend(new VhostUserSocket(pair[1]), 2, (r, w) -> 0, null,
                CallFault.NONE, config);
        Thread serving = new Thread(() -> {
            try (VhostUserBackend b = backend) {
                b.serve();
            } catch (Exception e) {
                // the test reads what it was answered
            }
        });
        serving.start();
        try (VhostUserSocket frontend = new VhostUserSocket(pair[0])) {
            frontend.send(VhostUserCodec.encode(VhostUserRequest.GET_PROTOCOL_FEATURES, VhostUserHeader.VERSION,
                    new VhostUserPayload.Empty()));
            long features = ((VhostUserPayload.U64) frontend.receive().payload()).value();
            if (then != null) {
                frontend.send(VhostUserCodec.encode(then, VhostUserHeader.VERSION, new VhostUserPayload.Raw(body)));
                answer[0] = frontend.receiveFrame().payload().order(ByteOrder.LITTLE_ENDIAN);
            }
            return features;
        } finally {
            serving.join(5_000);
        }
    }

    @Test
    void tagOffersProtocolFeatureConfigWhichIsNotOfferedWithout() throws Exception {
        assertThat(protocolFeaturesOf(null, null, null, null) & ProtocolFeatures.CONFIG).isZero();
        assertThat(protocolFeaturesOf(new VirtioFsConfig("myfs", 1), null, null, null) & ProtocolFeatures.CONFIG)
                .isEqualTo(ProtocolFeatures.CONFIG);
    }

    @Test
    void getConfigAnswersTheNulPaddedTagAndTheNumberOfRequestQueues() throws Exception {
        ByteBuffer request = ByteBuffer.allocate(12 + 40).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(40).putInt(0);
        ByteBuffer[] answer = new ByteBuffer[1];

        protocolFeaturesOf(new VirtioFsConfig("myfs", 1), VhostUserRequest.GET_CONFIG, request.array(), answer);

        ByteBuffer a = answer[0];
        assertThat(a.remaining()).isEqualTo(52);
        assertThat(a.getInt(0)).as("offset").isZero();
        assertThat(a.getInt(4)).as("size").isEqualTo(40);
        byte[] tag = new byte[36];
        a.get(12, tag);
        byte[] expected = Arrays.copyOf("myfs".getBytes(StandardCharsets.UTF_8), 36);
        assertThat(tag).isEqualTo(expected);
        assertThat(a.getInt(12 + 36)).as("num_request_queues").isEqualTo(1);
    }

    @Test
    void getConfigBeyondTheSpaceIsZeroPaddedAsRust() {
        VirtioFsConfig config = new VirtioFsConfig("a-tag-of-exactly-thirty-six-bytes!!!", 3);
        ByteBuffer request = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(36).putInt(8).putInt(0);

        ByteBuffer a = ByteBuffer.wrap(config.answer(request.array())).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(a.getInt(12)).isEqualTo(3);
        assertThat(a.getInt(16)).isZero();
    }
}
