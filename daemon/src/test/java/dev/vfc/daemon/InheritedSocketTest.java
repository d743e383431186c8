package dev.vfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.backend.CallFault;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.vhostuser.VhostUserSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --fd: the daemon serves on a socket it was handed already listening. */
class InheritedSocketTest {

    @TempDir
    Path dir;

    @Test
    void fdServesTheFrontendThatConnectsToTheInheritedListeningSocket() throws Exception {
        Path path = dir.resolve("inherited.sock");
        UnixSocket listening = UnixSocket.listen(path);
        VirtioFsDaemon daemon = new VirtioFsDaemon(new Listen.OnFd(listening.fd()), 2, (request, reply) -> 0, 0,
                CallFault.NONE, null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread serving = new Thread(() -> {
            try {
                daemon.run();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        serving.start();
        try (VhostUserSocket frontend = new VhostUserSocket(UnixSocket.connect(path))) {
            frontend.send(VhostUserCodec.encode(VhostUserRequest.GET_QUEUE_NUM, VhostUserHeader.VERSION,
                    new VhostUserPayload.Empty()));
            assertThat(((VhostUserPayload.U64) frontend.receive().payload()).value()).isEqualTo(2);
        }
        serving.join(5_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void fdThatIsNotAListeningSocketIsRefused() throws Exception {
        UnixSocket[] pair = UnixSocket.pair();
        try {
            assertThatThrownBy(() -> UnixSocket.ofListening(pair[0].fd())).hasMessageContaining("not a listening socket");
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }
}
