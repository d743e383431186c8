package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vfc.chain.GuestChainReader;
import dev.vfc.chain.GuestChainWriter;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuzz.ByteSource;
import dev.vfc.fuzz.FuzzedRequest;
import dev.vfc.fuzz.RequestGenerator;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the daemon's request path (Jazzer): FUSE requests of any opcode,
 * with header fields, bodies and names from the input ({@link RequestGenerator}, the generator
 * {@code vfc fuzz} drives other daemons with), laid out in descriptor chains of 1 to 3
 * readable and 1 to 3 writable buffers (one empty one for no room) over mapped guest memory, served by {@link FuseServer}
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
    private static final Set<Path> FIXTURES = Set.of(Path.of("f"), Path.of("d"), Path.of("l"), Path.of("d", "inner"));

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
        RequestGenerator generator = new RequestGenerator();
        ByteSource source = new JazzerByteSource(data);
        for (int i = data.consumeInt(1, 4); i > 0 && data.remainingBytes() > 0; i--) {
            FuzzedRequest request = generator.next(source);
            generator.learn(request, send(request));
        }
        generator.handles().forEach((fh, node) -> {
            send(FuzzedRequest.plain(FuseOpcode.RELEASE.code(), node, releaseBody(fh), 16));
            send(FuzzedRequest.plain(FuseOpcode.RELEASEDIR.code(), node, releaseBody(fh), 16));
        });
        generator.lookups().forEach((node, n) -> send(FuzzedRequest.plain(FuseOpcode.FORGET.code(), node,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n).array(), 0)));
        assertThat(fdsUnderShared()).as("fds under the shared tree once all is released and forgotten")
                .isEqualTo(FDS_AT_START);
        assertThat(Files.readString(DECOY)).as("the file outside the tree the symlink names")
                .isEqualTo("outside the shared tree\n");
        assertThat(Files.getPosixFilePermissions(DECOY)).as("its mode").isEqualTo(DECOY_MODE);
        restoreTree();
    }

    /**
     * Lays the request out over guest memory as the generator split it, serves it, checks the
     * reply and returns the bytes the server says it wrote.
     */
    private static ByteBuffer send(FuzzedRequest fuzzed) {
        long id = unique++;
        ByteBuffer request = fuzzed.encode(id);
        List<Descriptor> readable = place(fuzzed.readable(), READABLE_AREA, false);
        for (Descriptor d : readable) {
            MEMORY.slice(d.addr(), d.len()).put(request.slice(request.position(), d.len()));
            request.position(request.position() + d.len());
        }
        List<Descriptor> writable = place(fuzzed.writable(), WRITABLE_AREA, true);
        long writableBytes = fuzzed.writableBytes();

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

    /** Descriptors of the given lengths, back to back from {@code base}. */
    private static List<Descriptor> place(List<Integer> lengths, long base, boolean writable) {
        List<Descriptor> out = new ArrayList<>();
        long at = base;
        for (int len : lengths) {
            out.add(writable ? Descriptor.writable(at, len) : Descriptor.readable(at, len));
            at += len;
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

    private static byte[] releaseBody(long fh) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(0, fh).array();
    }

    private static void init() {
        ByteBuffer body = ByteBuffer.allocate(InitIn.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        InitIn.of(7, 38, 1 << 20, 0).encodeTo(body);
        send(FuzzedRequest.plain(FuseOpcode.INIT.code(), 0, body.array(), 256));
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
