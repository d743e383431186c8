package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UnixSocketsTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_path_is_absent_and_not_ready() {
        Path socket = dir.resolve("none.sock");
        assertThat(UnixSockets.state(socket)).isEqualTo(UnixSockets.State.ABSENT);
        assertThat(UnixSockets.isReady(socket)).isFalse();
    }

    @Test
    void a_regular_file_is_not_a_socket_and_not_ready() throws IOException {
        Path file = Files.writeString(dir.resolve("file.sock"), "x");
        assertThat(UnixSockets.state(file)).isEqualTo(UnixSockets.State.NOT_A_SOCKET);
        assertThat(UnixSockets.isReady(file)).isFalse();
    }

    @Test
    void a_listening_socket_is_seen_as_listening_without_connecting() throws IOException {
        Path socket = dir.resolve("l.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(UnixSockets.isSocketFile(socket)).isTrue();
            assertThat(UnixSockets.state(socket)).isEqualTo(UnixSockets.State.LISTENING);
            assertThat(UnixSockets.isReady(socket)).isTrue();
        }
    }

    @Test
    void a_socket_file_nobody_listens_on_is_unknown() throws IOException {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        // Closing the channel leaves the file: a stale socket, as a dead daemon leaves it.
        assertThat(UnixSockets.isSocketFile(socket)).isTrue();
        assertThat(UnixSockets.state(socket)).isEqualTo(UnixSockets.State.UNKNOWN);
    }
}
