package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vfc.chain.GuestChainReader;
import dev.vfc.chain.GuestChainWriter;
import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.memory.GuestRegion;
import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.passthrough.PassthroughFileSystem;
import dev.vfc.passthrough.PassthroughOptions;
import dev.vfc.syscall.MemFd;
import dev.vfc.virtqueue.Descriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the daemon's request path (Jazzer): FUSE requests of any opcode,
 * with header fields, bodies and names from the input, laid out in descriptor chains of 1 to 3
 * readable and 0 to 3 writable buffers over mapped guest memory, served by {@link FuseServer}
 * over the passthrough filesystem of a scratch tree. Each input is up to four requests that may
 * use the nodes and handles the earlier ones got. Every reply must keep the transport's rules
 * (Linux 6.1 fs/fuse/virtio_fs.c {@code virtio_fs_verify_response}: out.len equals the bytes
 * written, out.unique echoes the request; an error is a negative errno and comes alone), and once
 * the input's handles are released and its nodes forgotten the daemon holds no fd under the tree
 * beyond the ones it started with.
 */
class FuseRequestsFuzzTest {

    private static final long RAM = 1 << 20;
    private static final long GPA = 0x10000;
    private static final long READABLE_AREA = GPA;
    private static final long WRITABLE_AREA = GPA + RAM / 2;
    private static final String[] NAMES = {"f", "d", "l", "new", "..", ".", "", "/etc/passwd", "d/inner", "x".repeat(300)};
    private static final Set<Path> FIXTURES = Set.of(Path.of("f"), Path.of("d"), Path.of("l"), Path.of("d", "inner"));
    private static final FuseOpcode[] OPCODES = FuseOpcode.values();

    private static final Path DECOY = decoy();
    private static final Path SHARED = scratchTree();
    private static final MappedGuestMemory MEMORY = guestMemory();
    private static final FuseServer SERVER = server();
    private static final List<String> FDS_AT_START = fdsUnderShared();
    private static final Set<java.nio.file.attribute.PosixFilePermission> DECOY_MODE = mode(DECOY);
    private static long unique = 1;

    @FuzzTest(maxDuration = "30s")
    void everyRequestGetsAWellFormedReplyAndLeavesNoFdBehind(FuzzedDataProvider data) throws IOException {
        if (!SERVER.initialised()) {
            init();
        }
        Map<Long, Long> lookups = new HashMap<>();
        Map<Long, Long> handles = new HashMap<>();
        for (int i = data.consumeInt(1, 4); i > 0 && data.remainingBytes() > 0; i--) {
            request(data, lookups, handles);
        }
        handles.forEach((fh, node) -> {
            send(FuseOpcode.RELEASE, node, releaseBody(fh), 16);
            send(FuseOpcode.RELEASEDIR, node, releaseBody(fh), 16);
        });
        lookups.forEach((node, n) -> send(FuseOpcode.FORGET, node, ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(0, n).array(), 0));
        assertThat(fdsUnderShared()).as("fds under the shared tree once all is released and forgotten")
                .isEqualTo(FDS_AT_START);
        assertThat(Files.readString(DECOY)).as("the file outside the tree the symlink names")
                .isEqualTo("outside the shared tree\n");
        assertThat(Files.getPosixFilePermissions(DECOY)).as("its mode").isEqualTo(DECOY_MODE);
        restoreTree();
    }

    /** One request; {@code lookups} counts each node's lookups, {@code handles} maps each handle to its node. */
    private static void request(FuzzedDataProvider data, Map<Long, Long> lookups, Map<Long, Long> handles) {
        int opcode = data.consumeInt(0, 15) == 0 ? data.consumeInt() : data.pickValue(OPCODES).code();
        long node = pick(data, new ArrayList<>(lookups.keySet()), 1);
        ByteBuffer body = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        byte[] prefix = data.consumeBytes(data.consumeInt(0, 88));
        body.put(prefix);
        if (!handles.isEmpty() && prefix.length >= 8 && data.consumeBoolean()) {
            body.putLong(0, pick(data, new ArrayList<>(handles.keySet()), 0));
        }
        for (int n = data.consumeInt(0, 2); n > 0; n--) {
            body.put(data.pickValue(NAMES).getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        byte[] bytes = new byte[body.position()];
        body.flip().get(bytes);
        ByteBuffer reply = send(opcode, node, bytes, data.consumeInt(0, 8192), data);
        learn(opcode, node, reply, lookups, handles);
    }

    /** Node ids an entry reply hands out (each one lookup more) and handles an open reply does. */
    private static void learn(int opcode, long node, ByteBuffer reply, Map<Long, Long> lookups,
            Map<Long, Long> handles) {
        if (reply.remaining() < FuseOutHeader.SIZE + 8 || reply.getInt(4) != 0) {
            return;
        }
        long first = reply.getLong(FuseOutHeader.SIZE);
        switch (FuseOpcode.of(opcode).orElse(FuseOpcode.INIT)) {
            case LOOKUP, MKDIR, MKNOD, SYMLINK, LINK -> lookups.merge(first, 1L, Long::sum);
            case OPEN, OPENDIR -> handles.put(first, node);
            // Every entry of a READDIRPLUS reply but . and .. is a lookup (fs/fuse/readdir.c
            // fuse_direntplus_link), which a FORGET must take back.
            case READDIRPLUS -> DirentStream.decodeAllPlus(reply.duplicate().position(FuseOutHeader.SIZE).slice()
                    .order(ByteOrder.LITTLE_ENDIAN)).stream().mapToLong(e -> e.entry().nodeid()).filter(n -> n != 0)
                    .forEach(n -> lookups.merge(n, 1L, Long::sum));
            case CREATE -> {
                lookups.merge(first, 1L, Long::sum);
                if (reply.remaining() >= FuseOutHeader.SIZE + 128 + 8) {
                    handles.put(reply.getLong(FuseOutHeader.SIZE + 128), first);
                }
            }
            default -> {
            }
        }
    }

    private static ByteBuffer send(FuseOpcode opcode, long node, byte[] body, int room) {
        return send(opcode.code(), node, body, room, null);
    }

    /**
     * Lays the request out (the input splits it, and may make the header's len lie), serves it,
     * checks the reply and returns the bytes the server says it wrote.
     */
    private static ByteBuffer send(int opcode, long node, byte[] body, int room, FuzzedDataProvider data) {
        int len = FuseInHeader.SIZE + body.length;
        if (data != null && data.consumeInt(0, 15) == 0) {
            len = data.consumeInt();
        }
        long id = unique++;
        ByteBuffer request = ByteBuffer.allocate(FuseInHeader.SIZE + body.length).order(ByteOrder.LITTLE_ENDIAN);
        new FuseInHeader(len, opcode, id, node, 0, 0, 1, 0).encodeTo(request);
        request.put(body).flip();
        List<Descriptor> readable = split(request.remaining(), READABLE_AREA, data, false);
        for (Descriptor d : readable) {
            MEMORY.slice(d.addr(), d.len()).put(request.slice(request.position(), d.len()));
            request.position(request.position() + d.len());
        }
        List<Descriptor> writable = split(room, WRITABLE_AREA, data, true);
        long writableBytes = writable.stream().mapToLong(Descriptor::len).sum();

        int written = SERVER.handle(new GuestChainReader(MEMORY, readable), new GuestChainWriter(MEMORY, writable));

        assertThat(Integer.toUnsignedLong(written)).as("used length within the writable bytes")
                .isLessThanOrEqualTo(writableBytes);
        ByteBuffer reply = gather(writable, written);
        if (written >= FuseOutHeader.SIZE) {
            FuseOutHeader out = FuseOutHeader.decode(reply.duplicate().order(ByteOrder.LITTLE_ENDIAN));
            assertThat(Integer.toUnsignedLong(out.len())).as("out.len").isEqualTo(Integer.toUnsignedLong(written));
            assertThat(out.unique()).as("out.unique").isEqualTo(id);
            if (out.error() != 0) {
                assertThat(Errno.isValidErrorField(out.error())).as("error " + out.error() + " is an errno").isTrue();
                assertThat(written).as("an error comes alone").isEqualTo(FuseOutHeader.SIZE);
            }
        }
        return reply;
    }

    /** {@code total} bytes as 1 to 3 descriptors back to back from {@code base} (one when there is no input). */
    private static List<Descriptor> split(int total, long base, FuzzedDataProvider data, boolean writable) {
        int parts = data == null || total == 0 ? 1 : data.consumeInt(1, 3);
        List<Descriptor> out = new ArrayList<>();
        long at = base;
        int left = total;
        for (int i = parts; i > 0; i--) {
            int len = i == 1 ? left : data.consumeInt(0, left);
            out.add(writable ? Descriptor.writable(at, len) : Descriptor.readable(at, len));
            at += len;
            left -= len;
        }
        return out;
    }

    private static ByteBuffer gather(List<Descriptor> writable, int written) {
        ByteBuffer reply = ByteBuffer.allocate((int) Math.max(0, Math.min(written, Integer.MAX_VALUE)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Descriptor d : writable) {
            int n = Math.min(d.len(), reply.remaining());
            reply.put(MEMORY.slice(d.addr(), n));
        }
        return reply.flip();
    }

    private static long pick(FuzzedDataProvider data, List<Long> known, long fallback) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeLong();
            case 1 -> fallback;
            default -> known.isEmpty() ? fallback : known.get(data.consumeInt(0, known.size() - 1));
        };
    }

    private static byte[] releaseBody(long fh) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(0, fh).array();
    }

    private static void init() {
        ByteBuffer body = ByteBuffer.allocate(InitIn.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        InitIn.of(7, 38, 1 << 20, 0).encodeTo(body);
        send(FuseOpcode.INIT, 0, body.array(), 256);
        assertThat(SERVER.initialised()).isTrue();
    }

    /**
     * A file of 8 KiB, a directory with an entry, and a symlink that points out of the tree, at a
     * decoy (never at a real host file: a path-safety bug the fuzzer found would write to it).
     */
    private static Path scratchTree() {
        try {
            Path dir = Files.createTempDirectory("vfc-fuzz-share");
            Files.write(dir.resolve("f"), new byte[8192]);
            Files.createDirectory(dir.resolve("d"));
            Files.createFile(dir.resolve("d").resolve("inner"));
            Files.createSymbolicLink(dir.resolve("l"), DECOY);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path decoy() {
        try {
            Path outside = Files.createTempDirectory("vfc-fuzz-outside").resolve("decoy");
            Files.writeString(outside, "outside the shared tree\n");
            return outside;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the inputs created goes, so every input starts from the same tree. */
    private static void restoreTree() throws IOException {
        try (Stream<Path> all = Files.walk(SHARED)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(SHARED) && !FIXTURES.contains(SHARED.relativize(p))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Set<java.nio.file.attribute.PosixFilePermission> mode(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MappedGuestMemory guestMemory() {
        try {
            return MappedGuestMemory.empty().with(new GuestRegion(GPA, RAM, 0x7f00_0000_0000L, 0),
                    MemFd.create("fuzz-request-ram", RAM));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FuseServer server() {
        try {
            return new FuseServer(new PassthroughFileSystem(PassthroughOptions.of(SHARED).withXattr(true)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fdsUnderShared() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(FuseRequestsFuzzTest::target).filter(t -> t.startsWith(SHARED.toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "(closed while listed)";
        }
    }
}
