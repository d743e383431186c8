package dev.vfc.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {

    @TempDir
    Path dir;

    @Test
    void fdsSentWithAMessageArriveWithItAndMapTheSamePages() throws Exception {
        Path path = dir.resolve("s.sock");
        int memfd = MemFd.create("test", 4096);
        try (UnixSocket listener = UnixSocket.listen(path);
                UnixSocket client = UnixSocket.connect(path);
                UnixSocket server = listener.accept(Duration.ofSeconds(5));
                Mapping mine = Mapping.map(memfd, 0, 4096)) {
            mine.view(0, 8).putLong(0, 0x1122334455667788L);

            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), memfd);
            ByteBuffer header = ByteBuffer.allocate(2);
            int[] fds = server.receive(header).fds();
            ByteBuffer rest = ByteBuffer.allocate(3);
            int[] none = server.receive(rest).fds();

            assertThat(header.array()).containsExactly(1, 2);
            assertThat(rest.array()).containsExactly(3, 4, 5);
            assertThat(fds).hasSize(1);
            assertThat(none).isEmpty();
            try (Mapping theirs = Mapping.map(fds[0], 0, 4096)) {
                assertThat(theirs.view(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(0)).isEqualTo(0x1122334455667788L);
            } finally {
                FileDescriptors.closeQuietly(fds);
            }
        } finally {
            FileDescriptors.closeQuietly(memfd);
        }
    }

    @Test
    void moreFdsThanTheReceiverHoldsAreReportedTruncatedAndTheBytesStillArrive() throws Exception {
        Path path = dir.resolve("s.sock");
        int[] sent = new int[UnixSocket.MAX_FDS + 1];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = EventFd.create().fd();
        }
        try (UnixSocket listener = UnixSocket.listen(path);
                UnixSocket client = UnixSocket.connect(path);
                UnixSocket server = listener.accept(Duration.ofSeconds(5))) {
            client.send(ByteBuffer.wrap(new byte[] {7, 8}), sent);
            ByteBuffer bytes = ByteBuffer.allocate(2);
            UnixSocket.Received got = server.receive(bytes);
            FileDescriptors.closeQuietly(got.fds());

            assertThat(got.fdsTruncated()).isTrue();
            assertThat(got.fds().length).isLessThanOrEqualTo(UnixSocket.MAX_FDS);
            assertThat(bytes.array()).containsExactly(7, 8);
        } finally {
            FileDescriptors.closeQuietly(sent);
        }
    }

    @Test
    void receiveReportsThePeersCloseAsEndOfFile() throws Exception {
        Path path = dir.resolve("s.sock");
        try (UnixSocket listener = UnixSocket.listen(path);
                UnixSocket client = UnixSocket.connect(path);
                UnixSocket server = listener.accept(Duration.ofSeconds(5))) {
            client.send(ByteBuffer.wrap(new byte[] {9}));
            client.close();
            assertThatThrownBy(() -> server.receive(ByteBuffer.allocate(4)))
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("after 1 of 4 bytes");
        }
    }

    @Test
    void connectingToAMissingSocketNamesThePathAndErrno() {
        assertThatThrownBy(() -> UnixSocket.connect(dir.resolve("absent.sock")))
                .isInstanceOf(SyscallException.class)
                .hasMessageContaining("absent.sock")
                .hasMessageContaining("errno 2");
    }

    @Test
    void acceptGivesUpAfterItsTimeout() throws Exception {
        try (UnixSocket listener = UnixSocket.listen(dir.resolve("s.sock"))) {
            assertThat(listener.accept(Duration.ofMillis(50))).isNull();
        }
    }
}
