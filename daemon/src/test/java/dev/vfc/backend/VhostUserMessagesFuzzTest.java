package dev.vfc.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vfc.server.FuseServer;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.Mapping;
import dev.vfc.syscall.MemFd;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.ProtocolFeatures;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserProtocolException;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.vhostuser.VhostUserSocket;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the vhost-user message handler (Jazzer). Each input is one
 * connection of a hostile frontend: any request code, payloads shaped for their request with
 * fuzzed fields or raw bytes of any length, fds where none belong, and guest memory whose
 * bytes the rings then read as descriptors and FUSE requests (served by the real
 * {@link FuseServer} over an in-memory filesystem). The backend must answer every message
 * that asks for an answer, or stop cleanly (its one clean stop: a payload it cannot read, which
 * ends {@code serve} with {@link VhostUserProtocolException}); no queue worker may die of an
 * exception nobody expected; and once the connection ends, every fd it was given is closed and
 * every mapping gone. Saved inputs (resources, {@code VhostUserMessagesFuzzTestInputs}) run in
 * every build; {@code JAZZER_FUZZ=1} fuzzes (the {@code fuzz} profile).
 */
class VhostUserMessagesFuzzTest {

    private static final long RAM = 64 << 10;
    private static final long UVA = 0x7f00_0000_0000L;
    private static final Duration ANSWER = Duration.ofSeconds(2);
    private static final String MEMFD = "fuzz-guest-ram";
    private static final VhostUserRequest[] REQUESTS = VhostUserRequest.values();
    private static final Unexpected UNEXPECTED = Unexpected.install();

    @FuzzTest(maxDuration = "30s")
    void aHostileFrontendGetsAnswersAndLeavesNothingBehind(FuzzedDataProvider data) throws Exception {
        List<String> fdsBefore = openFds();
        UNEXPECTED.clear();
        try (Connection c = Connection.open()) {
            c.fillGuestMemory(data);
            boolean inStep = true;
            for (int i = 0; i < 12 && inStep && data.remainingBytes() > 0 && c.serving(); i++) {
                inStep = c.sendOne(data);
            }
            if (inStep && c.serving()) {
                assertThat(c.ask(VhostUserRequest.GET_QUEUE_NUM)).as("still serving after the input").isEqualTo(2);
            }
        }
        assertThat(UNEXPECTED.records()).as("exceptions nobody expected").isEmpty();
        assertThat(openFds()).as("fds open once the connection ended").isEqualTo(fdsBefore);
        assertThat(Files.readAllLines(Path.of("/proc/self/maps"))).as("guest memory still mapped")
                .noneMatch(l -> l.contains("/memfd:" + MEMFD + " "));
    }

    /** One backend on one socket pair, with the frontend's end, its guest RAM and its eventfds. */
    private static final class Connection implements AutoCloseable {
        private final VhostUserSocket frontend;
        private final Thread serving;
        private final List<Throwable> servingFailure = new CopyOnWriteArrayList<>();
        private final int ram;
        private final Mapping guest;
        private final List<EventFd> eventFds = new ArrayList<>();

        private Connection(VhostUserSocket frontend, VhostUserBackend backend, int ram) throws Exception {
            this.frontend = frontend;
            this.ram = ram;
            this.guest = Mapping.map(ram, 0, RAM);
            this.serving = new Thread(() -> {
                try (VhostUserBackend b = backend) {
                    b.serve();
                } catch (VhostUserProtocolException e) {
                    // The clean stop: the stream cannot be read on.
                } catch (Exception | Error e) {
                    servingFailure.add(e);
                }
            }, "backend-under-fuzz");
            serving.start();
        }

        static Connection open() throws Exception {
            UnixSocket[] pair = UnixSocket.pair();
            FuseServer server = new FuseServer(new MemoryFileSystem());
            VhostUserBackend backend = new VhostUserBackend(new VhostUserSocket(pair[1]), 2, server::handle, null);
            Connection c = new Connection(new VhostUserSocket(pair[0]), backend, MemFd.create(MEMFD, RAM));
            c.send(VhostUserRequest.SET_PROTOCOL_FEATURES, new VhostUserPayload.U64(ProtocolFeatures.REPLY_ACK
                    | ProtocolFeatures.CONFIGURE_MEM_SLOTS | ProtocolFeatures.MQ), true);
            c.awaitAnswer(VhostUserRequest.SET_PROTOCOL_FEATURES.code());
            return c;
        }

        boolean serving() {
            return serving.isAlive();
        }

        /** Up to 4 KiB of the input at 0 (descriptor table) and 4 KiB at 4096 (avail ring), where rings go. */
        void fillGuestMemory(FuzzedDataProvider data) {
            guest.view(0, 4096).put(data.consumeBytes(data.consumeInt(0, 4096)));
            guest.view(4096, 4096).put(data.consumeBytes(data.consumeInt(0, 4096)));
        }

        /** One message from the input; false when it put the stream out of step (a wrong size field). */
        boolean sendOne(FuzzedDataProvider data) throws Exception {
            if (data.consumeInt(0, 15) == 0) {
                return sendRaw(data);
            }
            VhostUserRequest request = data.pickValue(REQUESTS);
            VhostUserPayload payload = payloadFor(request, data);
            int[] fds = fdsFor(request, data);
            if (data.consumeInt(0, 7) == 0) {
                fds = append(fds, extraFds(data.consumeInt(1, 3)));
            }
            frontend.send(VhostUserCodec.encode(request, VhostUserHeader.VERSION | VhostUserHeader.NEED_REPLY,
                    payload), fds);
            if (request == VhostUserRequest.SET_VRING_KICK || request == VhostUserRequest.SET_VRING_ENABLE) {
                kickAll();
            }
            awaitAnswer(request.code());
            return true;
        }

        /** Any header (a code, flags and a size field that may lie) and any bytes after it. */
        private boolean sendRaw(FuzzedDataProvider data) throws Exception {
            int code = data.consumeInt();
            int flags = data.consumeInt();
            byte[] bytes = data.consumeBytes(data.consumeInt(0, 512));
            boolean honestSize = data.consumeBoolean();
            int size = honestSize ? bytes.length : data.consumeInt();
            ByteBuffer message = ByteBuffer.allocate(VhostUserHeader.SIZE + bytes.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            message.putInt(code).putInt(flags).putInt(size).put(bytes).flip();
            frontend.send(message);
            // A raw GET_QUEUE_NUM is answered like the sync request that follows it.
            return honestSize && drainAnswer(code == VhostUserRequest.GET_QUEUE_NUM.code() ? 2 : 1);
        }

        private VhostUserPayload payloadFor(VhostUserRequest request, FuzzedDataProvider data) {
            int queue = data.consumeInt(0, 3);
            return switch (request) {
                case SET_FEATURES, SET_LOG_BASE -> new VhostUserPayload.U64(data.consumeLong());
                case SET_PROTOCOL_FEATURES -> new VhostUserPayload.U64(data.consumeLong() | ProtocolFeatures.REPLY_ACK);
                case SET_VRING_NUM, SET_VRING_BASE, GET_VRING_BASE, SET_VRING_ENABLE ->
                        new VhostUserPayload.VringState(queue, data.pickValue(new int[] {0, 1, 2, 100, 128, 256,
                                32768, 65535, data.consumeInt()}));
                case SET_VRING_ADDR -> new VhostUserPayload.VringAddress(queue, data.consumeInt(0, 1),
                        address(data, 0), address(data, 8192), address(data, 4096), data.consumeLong());
                case SET_MEM_TABLE -> {
                    List<VhostUserPayload.MemoryRegion> regions = new ArrayList<>();
                    for (int i = data.consumeInt(0, VhostUserPayload.MemoryTable.MAX_REGIONS); i > 0; i--) {
                        regions.add(region(data));
                    }
                    yield new VhostUserPayload.MemoryTable(regions);
                }
                case ADD_MEM_REG, REM_MEM_REG -> new VhostUserPayload.SingleMemoryRegion(region(data));
                case SET_VRING_KICK, SET_VRING_CALL, SET_VRING_ERR ->
                        new VhostUserPayload.VringFile(queue, data.consumeInt(0, 7) == 0);
                default -> new VhostUserPayload.Raw(data.consumeBytes(data.consumeInt(0, 64)));
            };
        }

        /** Mostly the region the guest RAM really is, else fuzzed fields; it comes with the RAM's fd. */
        private static VhostUserPayload.MemoryRegion region(FuzzedDataProvider data) {
            if (data.consumeBoolean()) {
                return new VhostUserPayload.MemoryRegion(0, RAM, UVA, 0);
            }
            return new VhostUserPayload.MemoryRegion(data.consumeLong(0, 2 * RAM),
                    data.pickValue(new long[] {0, 4096, RAM, 2 * RAM, data.consumeLong()}),
                    UVA + data.consumeLong(-RAM, RAM), data.pickValue(new long[] {0, 4096, RAM, data.consumeLong()}));
        }

        /** A ring address: usually where the rings go, else near the end of RAM or anywhere. */
        private static long address(FuzzedDataProvider data, long usual) {
            return switch (data.consumeInt(0, 3)) {
                case 0 -> UVA + data.consumeLong(0, RAM + 64);
                case 1 -> data.consumeLong();
                default -> UVA + usual;
            };
        }

        private int[] fdsFor(VhostUserRequest request, FuzzedDataProvider data) throws Exception {
            return switch (request) {
                case SET_MEM_TABLE, ADD_MEM_REG, REM_MEM_REG -> repeat(ram, data.consumeInt(0, 3));
                case SET_VRING_KICK, SET_VRING_CALL, SET_VRING_ERR -> extraFds(data.consumeInt(0, 1));
                default -> new int[0];
            };
        }

        private int[] extraFds(int n) throws Exception {
            int[] fds = new int[n];
            for (int i = 0; i < n; i++) {
                EventFd e = EventFd.create();
                eventFds.add(e);
                fds[i] = e.fd();
            }
            return fds;
        }

        private void kickAll() {
            for (EventFd e : eventFds) {
                try {
                    e.signal();
                } catch (dev.vfc.syscall.SyscallException ignored) {
                    // An eventfd at its counter's maximum: the kick is already pending.
                }
            }
        }

        long ask(VhostUserRequest request) throws Exception {
            send(request, new VhostUserPayload.Empty(), false);
            return awaitAnswer(request.code()).payload().order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        }

        private void send(VhostUserRequest request, VhostUserPayload payload, boolean needReply) throws Exception {
            int flags = VhostUserHeader.VERSION | (needReply ? VhostUserHeader.NEED_REPLY : 0);
            frontend.send(VhostUserCodec.encode(request, flags, payload));
        }

        /**
         * The answer to a message that asked for one, within {@link #ANSWER}; none only when the
         * backend has stopped cleanly.
         */
        private VhostUserSocket.Frame awaitAnswer(int code) throws Exception {
            if (!frontend.awaitReadable(ANSWER)) {
                throw new AssertionError("no answer to vhost-user request " + code + " within " + ANSWER);
            }
            try {
                VhostUserSocket.Frame reply = frontend.receiveFrame();
                FileDescriptors.closeQuietly(reply.fds());
                assertThat(reply.header().request()).as("the answer names its request").isEqualTo(code);
                return reply;
            } catch (EOFException e) {
                serving.join(ANSWER.toMillis());
                assertThat(servingFailure).as("how serving ended").isEmpty();
                return null;
            }
        }

        /**
         * After a raw frame, which may or may not ask for an answer: a sync request, and every
         * frame up to its answer, the {@code syncAnswers}th GET_QUEUE_NUM answer.
         */
        private boolean drainAnswer(int syncAnswers) throws Exception {
            send(VhostUserRequest.GET_QUEUE_NUM, new VhostUserPayload.Empty(), false);
            int seen = 0;
            long deadline = System.nanoTime() + ANSWER.toNanos();
            while (System.nanoTime() < deadline && frontend.awaitReadable(ANSWER)) {
                try {
                    VhostUserSocket.Frame frame = frontend.receiveFrame();
                    FileDescriptors.closeQuietly(frame.fds());
                    if (frame.header().request() == VhostUserRequest.GET_QUEUE_NUM.code() && ++seen == syncAnswers) {
                        return true;
                    }
                } catch (EOFException | VhostUserProtocolException e) {
                    return false;
                }
            }
            return false;
        }

        @Override
        public void close() throws Exception {
            frontend.close();
            serving.join(ANSWER.toMillis());
            assertThat(serving.isAlive()).as("serving ends when the frontend goes").isFalse();
            assertThat(servingFailure).as("how serving ended").isEmpty();
            guest.close();
            FileDescriptors.closeQuietly(ram);
            eventFds.forEach(EventFd::close);
        }
    }

    private static int[] repeat(int fd, int n) {
        int[] fds = new int[n];
        java.util.Arrays.fill(fds, fd);
        return fds;
    }

    private static int[] append(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The fds of the kinds a connection hands over (sockets, eventfds, memfds), by what they
     * are: the JVM opens jars and Jazzer its own files as the campaign goes, which are not the
     * backend's to close.
     */
    private static List<String> openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(VhostUserMessagesFuzzTest::target)
                    .filter(t -> t.startsWith("socket:") || t.contains("eventfd") || t.startsWith("/memfd:"))
                    .sorted().toList();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "(closed while listed)";
        }
    }

    /**
     * SEVERE records of the backend's loggers that name an unexpected exception: a queue worker
     * that hit one (its catch-all in {@link QueueWorker#run}) is a finding even though it
     * contained it.
     */
    private static final class Unexpected extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        static Unexpected install() {
            Unexpected h = new Unexpected();
            // Only what a finding needs: the backend's WARNING per refused message would
            // otherwise be most of the campaign's time.
            Logger daemon = Logger.getLogger("dev.vfc");
            daemon.setLevel(Level.SEVERE);
            daemon.setUseParentHandlers(false);
            daemon.addHandler(h);
            return h;
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue() && r.getMessage().contains("unexpected")) {
                records.add(r);
            }
        }

        List<String> records() {
            return records.stream().map(LogRecord::getMessage).toList();
        }

        void clear() {
            records.clear();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
