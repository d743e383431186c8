package dev.vfc.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.memory.GuestRegion;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.MemFd;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.ProtocolFeatures;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserMessage;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.vhostuser.VhostUserSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vhost-user backend on its own, driven over a socket pair by a frontend written out in
 * the test: what it refuses, and that it keeps no fd and no mapping it was not meant to keep.
 * The backend runs in this process, so its fds and mappings show in /proc/self.
 */
class VhostUserBackendTest {

    private static final long RAM = 1 << 20;
    private static final long UVA = 0x7f00_0000_0000L;

    private VhostUserSocket frontend;
    private VhostUserBackend backend;
    private Thread serving;
    private final List<Throwable> servingFailure = new ArrayList<>();
    private int ram;

    @BeforeEach
    void connect() throws Exception {
        UnixSocket[] pair = UnixSocket.pair();
        frontend = new VhostUserSocket(pair[0]);
        backend = new VhostUserBackend(new VhostUserSocket(pair[1]), 2, (request, reply) -> 0, null);
        serving = new Thread(() -> {
            try (VhostUserBackend b = backend) {
                b.serve();
            } catch (Exception | Error e) {
                servingFailure.add(e);
            }
        }, "backend-under-test");
        serving.start();
        ram = MemFd.create("backend-test-ram", RAM);
        send(VhostUserRequest.SET_PROTOCOL_FEATURES, new VhostUserPayload.U64(ProtocolFeatures.REPLY_ACK
                | ProtocolFeatures.CONFIGURE_MEM_SLOTS));
    }

    @AfterEach
    void disconnect() throws Exception {
        frontend.close();
        serving.join(5_000);
        FileDescriptors.closeQuietly(ram);
    }

    @Test
    void anFdOnAMessageThatCarriesNoneIsRefusedAndClosedBeforeTheAnswer() throws Exception {
        long before = openFds();
        try (EventFd stray = EventFd.create()) {
            long withStray = openFds();

            long status = acked(VhostUserRequest.SET_VRING_ENABLE, new VhostUserPayload.VringState(1, 1), stray.fd());

            assertThat(status).as("REPLY_ACK status").isNotZero();
            assertThat(openFds()).as("the backend's copy is closed").isEqualTo(withStray);
        }
        assertThat(openFds()).isEqualTo(before);
    }

    @Test
    void aMemoryTableThatCannotBeMappedLeavesNoFdOpenAndTheBackendServing() throws Exception {
        long before = openFds();
        GuestRegion low = new GuestRegion(0, RAM, UVA, 0);
        GuestRegion overlapping = new GuestRegion(RAM / 2, RAM / 2, UVA + (1L << 30), 0);
        long status = acked(VhostUserRequest.SET_MEM_TABLE, new VhostUserPayload.MemoryTable(List.of(
                VhostUserPayload.MemoryRegion.of(low), VhostUserPayload.MemoryRegion.of(overlapping))), ram, ram);

        assertThat(status).isNotZero();
        assertThat(openFds()).isEqualTo(before);
        assertThat(mappingsOf("backend-test-ram")).isZero();
        assertThat(called(VhostUserRequest.GET_QUEUE_NUM)).isEqualTo(2);
    }

    @Test
    void aRemovedRegionIsUnmappedAtOnce() throws Exception {
        VhostUserPayload.SingleMemoryRegion region = new VhostUserPayload.SingleMemoryRegion(
                VhostUserPayload.MemoryRegion.of(new GuestRegion(0, RAM, UVA, 0)));
        assertThat(acked(VhostUserRequest.ADD_MEM_REG, region, ram)).isZero();
        assertThat(mappingsOf("backend-test-ram")).isEqualTo(1);

        assertThat(acked(VhostUserRequest.REM_MEM_REG, region)).isZero();

        assertThat(mappingsOf("backend-test-ram")).isZero();
    }

    @Test
    void aReplacedTableIsUnmappedAndItsSuccessorKept() throws Exception {
        VhostUserPayload.MemoryTable table = new VhostUserPayload.MemoryTable(List.of(
                VhostUserPayload.MemoryRegion.of(new GuestRegion(0, RAM, UVA, 0))));
        for (int i = 0; i < 3; i++) {
            assertThat(acked(VhostUserRequest.SET_MEM_TABLE, table, ram)).isZero();
        }
        assertThat(mappingsOf("backend-test-ram")).as("only the current table is mapped").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 65536})
    void queueSizesNoSplitVirtqueueHasAreRefused(int size) throws Exception {
        assertThat(acked(VhostUserRequest.SET_VRING_NUM, new VhostUserPayload.VringState(1, size))).isNotZero();
        assertThat(acked(VhostUserRequest.SET_VRING_NUM, new VhostUserPayload.VringState(1, 128))).isZero();
    }

    @Test
    void ringAddressesTheTableDoesNotHoldWholeAreRefused() throws Exception {
        acked(VhostUserRequest.ADD_MEM_REG, new VhostUserPayload.SingleMemoryRegion(
                VhostUserPayload.MemoryRegion.of(new GuestRegion(0, RAM, UVA, 0))), ram);
        acked(VhostUserRequest.SET_VRING_NUM, new VhostUserPayload.VringState(1, 128));

        long straddling = acked(VhostUserRequest.SET_VRING_ADDR, new VhostUserPayload.VringAddress(1, 0, UVA,
                UVA + RAM - 64, UVA + 4096, 0));
        long inside = acked(VhostUserRequest.SET_VRING_ADDR, new VhostUserPayload.VringAddress(1, 0, UVA,
                UVA + 8192, UVA + 4096, 8192));

        assertThat(straddling).as("a used ring running past the region").isNotZero();
        assertThat(inside).isZero();
    }

    @Test
    void moreFdsThanAMessageMayCarryAreRefusedAndServingGoesOn() throws Exception {
        List<EventFd> many = new ArrayList<>();
        try {
            for (int i = 0; i <= UnixSocket.MAX_FDS; i++) {
                many.add(EventFd.create());
            }
            long before = openFds();
            long status = acked(VhostUserRequest.SET_VRING_CALL, new VhostUserPayload.VringFile(1, false),
                    many.stream().mapToInt(EventFd::fd).toArray());

            assertThat(status).isNotZero();
            assertThat(openFds()).isEqualTo(before);
        } finally {
            many.forEach(EventFd::close);
        }
        assertThat(called(VhostUserRequest.GET_QUEUE_NUM)).isEqualTo(2);
    }

    @Test
    void anUnknownRequestIsRefusedWithItsOwnCode() throws Exception {
        frontend.send(VhostUserCodec.encode(new VhostUserHeader(999, VhostUserHeader.VERSION
                | VhostUserHeader.NEED_REPLY, 8), new VhostUserPayload.U64(0)));
        VhostUserSocket.Frame reply = frontend.receiveFrame();

        assertThat(reply.header().request()).isEqualTo(999);
        assertThat(reply.payload().order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0)).isNotZero();
    }

    @Test
    void disconnectEndsServingAndTheServingThreadTearsDown() throws Exception {
        backend.disconnect();
        serving.join(Duration.ofSeconds(5).toMillis());

        assertThat(serving.isAlive()).isFalse();
        assertThat(servingFailure).isEmpty();
    }

    private void send(VhostUserRequest request, VhostUserPayload payload, int... fds) throws Exception {
        frontend.send(VhostUserCodec.encode(request, VhostUserHeader.VERSION, payload), fds);
    }

    private long acked(VhostUserRequest request, VhostUserPayload payload, int... fds) throws Exception {
        frontend.send(VhostUserCodec.encode(request, VhostUserHeader.VERSION | VhostUserHeader.NEED_REPLY, payload),
                fds);
        VhostUserMessage reply = frontend.receive();
        assertThat(reply.header().request()).isEqualTo(request.code());
        return ((VhostUserPayload.U64) reply.payload()).value();
    }

    private long called(VhostUserRequest request) throws Exception {
        send(request, new VhostUserPayload.Empty());
        return ((VhostUserPayload.U64) frontend.receive().payload()).value();
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long mappingsOf(String memfdName) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("/memfd:" + memfdName + " ")).count();
    }
}
