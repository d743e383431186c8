package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.DriverProfile;
import dev.vfc.driver.ReplyArg;
import dev.vfc.driver.Segment;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.frontend.RawChain;
import dev.vfc.frontend.VirtQueue;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.ReadIn;
import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.ProcessDaemon;
import dev.vfc.virtqueue.Descriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile guest cannot stop the Java daemon: every malformed FUSE request gets an errno
 * reply, every malformed descriptor chain is returned unused, and after each one the next
 * well-formed request is served. (The C and Rust daemons exit or panic on several of these:
 * this suite's sizing findings on the C and Rust daemons; the conformance suite grades them.)
 */
class HostileInputIT {

    private static final long ROOT = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path work;
    @TempDir
    Path shared;
    private DaemonSession session;
    private FuseSession fuse;

    @BeforeEach
    void startJavaDaemon() throws Exception {
        ServingALargeFileIT.requireAvailable(new JavaDaemonTarget());
        Files.write(shared.resolve("file"), new byte[8192]);
        session = DaemonSession.start(new JavaDaemonTarget(), work, shared, DriverProfile.byName("linux"),
                FrontendOptions.defaults());
        fuse = session.fuse();
        fuse.init().value();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    /** The daemon is alive and answers a plain GETATTR of the root correctly. */
    private void assertStillServing() {
        assertThat(session.death()).isEmpty();
        assertThat(fuse.getattr(ROOT).value().attr().ino()).isNotZero();
    }

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Exchange send(FuseInHeader header, List<ByteBuffer> body, int... writable) {
        ByteBuffer h = FuseSession.encode(header);
        List<Segment> segments = new java.util.ArrayList<>();
        segments.add(Segment.readable(h));
        body.forEach(b -> segments.add(Segment.readable(b)));
        for (int w : writable) {
            segments.add(Segment.writable(w));
        }
        return fuse.raw(header, "hand-built", new ChainLayout(segments, false));
    }

    private static int error(Exchange e) {
        return e.reply().map(FuseOutHeader::error).orElseThrow();
    }

    @Test
    void aTruncatedHeaderGetsEinval() {
        ByteBuffer half = bytes(20).putInt(0, 40).putInt(4, FuseOpcode.GETATTR.code()).putLong(8, 777);
        FuseInHeader header = fuse.header(FuseOpcode.GETATTR, ROOT, 0);
        Exchange e = fuse.raw(header, "20-byte header",
                new ChainLayout(List.of(Segment.readable(half), Segment.writable(16)), false));
        assertThat(error(e)).isEqualTo(-Errno.EINVAL.number());
        assertStillServing();
    }

    @Test
    void aLengthThatDisagreesWithTheChainGetsEinval() {
        FuseInHeader header = FuseInHeader.of(FuseOpcode.GETATTR, 40 + 16 + 100, fuse.header(FuseOpcode.GETATTR, ROOT, 0).unique(),
                ROOT, 0, 0, 1);
        Exchange e = send(header, List.of(FuseSession.encode(new GetattrIn(0, 0))), 16, 104);
        assertThat(error(e)).isEqualTo(-Errno.EINVAL.number());
        assertThat(e.transportAnomalies()).isEmpty();
        assertStillServing();
    }

    @Test
    void aBodyShorterThanItsStructGetsEinval() {
        FuseInHeader header = fuse.header(FuseOpcode.READ, ROOT, 8);
        Exchange e = send(header, List.of(bytes(8)), 16, 4096);
        assertThat(error(e)).isEqualTo(-Errno.EINVAL.number());
        assertStillServing();
    }

    @Test
    void anUnknownOpcodeGetsEnosys() {
        FuseInHeader h = fuse.header(FuseOpcode.GETATTR, ROOT, 0);
        FuseInHeader unknown = new FuseInHeader(40, 9999, h.unique(), ROOT, 0, 0, 1, 0);
        Exchange e = send(unknown, List.of(), 16);
        assertThat(error(e)).isEqualTo(-Errno.ENOSYS.number());
        assertStillServing();
    }

    @Test
    void aNameWithoutItsNulGetsEinval() {
        ByteBuffer name = ByteBuffer.wrap("file".getBytes());
        FuseInHeader header = fuse.header(FuseOpcode.LOOKUP, ROOT, 4);
        Exchange e = send(header, List.of(name), 16, 128);
        assertThat(error(e)).isEqualTo(-Errno.EINVAL.number());
        assertStillServing();
    }

    @Test
    void namesThatLeaveTheirDirectoryAreRefused() {
        assertThat(fuse.mkdir(ROOT, "a/b", 0755).error()).isEqualTo(-Errno.EINVAL.number());
        assertThat(fuse.mkdir(ROOT, "..", 0755).error()).isEqualTo(-Errno.EINVAL.number());
        assertThat(fuse.create(ROOT, "/etc/evil", 2, 0644).error()).isEqualTo(-Errno.EINVAL.number());
        assertThat(fuse.rename2(ROOT, "file", ROOT, "../escaped", 0).error()).isEqualTo(-Errno.EINVAL.number());
        assertStillServing();
    }

    @Test
    void anAbsoluteSymlinkNameIsRefusedAndCreatesNothing() {
        Path outside = work.resolve("cve-2026-47243");
        assertThat(fuse.symlink(ROOT, outside.toString(), "/etc/passwd").error()).isEqualTo(-Errno.EINVAL.number());
        assertThat(Files.exists(outside, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertStillServing();
    }

    @Test
    void aSymlinkOutOfTheShareIsNeverFollowed() throws Exception {
        Files.createSymbolicLink(shared.resolve("escape"), Path.of("/etc"));
        long node = fuse.lookup(ROOT, "escape").value().nodeid();
        assertThat(fuse.lookup(node, "passwd").error()).isNotZero();
        assertThat(fuse.open(node, 0).error()).isNotZero();
        assertThat(fuse.lookup(ROOT, "..").value().nodeid()).isEqualTo(ROOT);
        assertStillServing();
    }

    @Test
    void aDeviceNodeCreatedByTheGuestIsNeverOpenedOnTheHost() {
        int devNull = (1 << 8) | 3;
        var node = fuse.mknod(ROOT, "null", 0020666, devNull);
        assertThat(node.error()).isZero();
        assertThat(fuse.open(node.value().nodeid(), 2).error()).as("CVE-2020-35517").isNotZero();
        var fifo = fuse.mknod(ROOT, "fifo", 0010666, 0);
        assertThat(fuse.open(fifo.value().nodeid(), 0).error()).isNotZero();
        assertStillServing();
    }

    /**
     * CVE-2022-0358: started as root with a supplementary group (setpriv gives it one), the
     * daemon must drop it before it serves, or files it creates in a setgid directory could get
     * a group the guest's user is not in.
     */
    @Test
    void theDaemonDropsItsSupplementaryGroupsBeforeServing() throws Exception {
        org.assertj.core.api.Assumptions.assumeThat(Path.of("/usr/bin/setpriv")).as("setpriv (util-linux)").exists();
        session.close();
        session = null;
        Path otherWork = Files.createDirectories(work.resolve("groups"));
        var launch = dev.vfc.targets.DaemonLaunch.in(otherWork, shared);
        List<String> argv = new java.util.ArrayList<>(List.of("/usr/bin/setpriv", "--groups", "4242", "--"));
        argv.addAll(new JavaDaemonTarget().commandLine(launch));
        try (var daemon = dev.vfc.targets.ProcessDaemon.launcher("java", argv).start(launch);
                var frontend = dev.vfc.frontend.Frontend.connect(daemon.socketPath(), DriverProfile.byName("linux"),
                        FrontendOptions.defaults(), DaemonSession.watch(daemon))) {
            new FuseSession(frontend).init().value();
            String groups = Files.readAllLines(Path.of("/proc/" + daemon.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("Groups:")).findFirst().orElseThrow();
            assertThat(groups.substring("Groups:".length()).strip()).as("CVE-2022-0358").isEmpty();
        }
    }

    @Test
    void aReadIntoFewerThanSixteenWritableBytesIsReturnedUnused() {
        FuseInHeader header = fuse.header(FuseOpcode.READ, ROOT, ReadIn.SIZE);
        Exchange e = send(header, List.of(FuseSession.encode(new ReadIn(0, 0, 4096, 0, 0, 0))), 8);
        assertThat(e.completion().usedLen()).isZero();
        assertStillServing();
    }

    @Test
    void aReadIntoTooSmallABufferGetsE2bigAndOneIntoALargerOneGetsNoMoreThanItsSize() {
        long node = fuse.lookup(ROOT, "file").value().nodeid();
        long fh = fuse.open(node, 0).value().fh();
        FuseInHeader small = fuse.header(FuseOpcode.READ, node, ReadIn.SIZE);
        Exchange tooSmall = send(small, List.of(FuseSession.encode(new ReadIn(fh, 0, 8192, 0, 0, 0))), 16, 4096);
        assertThat(error(tooSmall)).isEqualTo(-Errno.E2BIG.number());

        FuseInHeader big = fuse.header(FuseOpcode.READ, node, ReadIn.SIZE);
        Exchange larger = send(big, List.of(FuseSession.encode(new ReadIn(fh, 0, 4096, 0, 0, 0))), 16, 8192);
        assertThat(larger.completion().usedLen()).isEqualTo(16 + 4096);
        assertThat(larger.transportAnomalies()).isEmpty();
        assertStillServing();
    }

    @Test
    void aWriteWhosePayloadDisagreesWithItsSizeChangesNothing() throws Exception {
        long node = fuse.lookup(ROOT, "file").value().nodeid();
        long fh = fuse.open(node, 2).value().fh();
        var in = new dev.vfc.fuse.WriteIn(fh, 0, 4096, 0, 0, 0);
        ByteBuffer payload = bytes(8192);
        for (int i = 0; i < 8192; i++) {
            payload.put(i, (byte) 0x77);
        }
        FuseInHeader header = fuse.header(FuseOpcode.WRITE, node, dev.vfc.fuse.WriteIn.SIZE + 8192);
        Exchange e = send(header, List.of(FuseSession.encode(in), payload), 16, 8);
        assertThat(error(e)).isEqualTo(-Errno.EINVAL.number());
        assertThat(Files.readAllBytes(shared.resolve("file"))).hasSize(8192).containsOnly((byte) 0);
        assertStillServing();
    }

    @Test
    void aWriteLargerThanOneMebibyteIsServed() throws Exception {
        long node = fuse.lookup(ROOT, "file").value().nodeid();
        long fh = fuse.open(node, 2).value().fh();
        ByteBuffer data = bytes(2 << 20);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) (i * 31));
        }
        assertThat(fuse.write(node, fh, 0, data).value().size()).isEqualTo(2 << 20);
        assertThat(Files.readAllBytes(shared.resolve("file"))).isEqualTo(data.array());
        assertStillServing();
    }

    // --- malformed descriptor chains: returned with used length 0, nothing touched ---

    private Completion rawChain(java.util.function.Function<RawChain, Integer> build) {
        VirtQueue q = session.frontend().requestQueue();
        RawChain chain = q.rawChain();
        int head = build.apply(chain);
        return chain.submit(head, TIMEOUT);
    }

    private ByteBuffer getattrRequest() {
        return FuseSession.encode(fuse.header(FuseOpcode.GETATTR, ROOT, GetattrIn.SIZE));
    }

    @Test
    void aDescriptorOutsideGuestMemoryIsRefused() {
        Completion c = rawChain(chain -> {
            chain.descriptor(0, new Descriptor(1L << 40, 40, Descriptor.NEXT, 1));
            chain.descriptor(1, new Descriptor(chain.writable(16), 16, Descriptor.WRITE, 0));
            return 0;
        });
        assertThat(c.usedLen()).isZero();
        assertStillServing();
    }

    @Test
    void aDescriptorLoopIsRefused() {
        Completion c = rawChain(chain -> {
            long header = chain.readable(getattrRequest());
            chain.descriptor(0, new Descriptor(header, 40, Descriptor.NEXT, 1));
            chain.descriptor(1, new Descriptor(header, 40, Descriptor.NEXT, 0));
            return 0;
        });
        assertThat(c.usedLen()).isZero();
        assertStillServing();
    }

    @Test
    void aNextIndexPastTheRingIsRefused() {
        Completion c = rawChain(chain -> {
            long header = chain.readable(getattrRequest());
            chain.descriptor(0, new Descriptor(header, 40, Descriptor.NEXT, 4000));
            return 0;
        });
        assertThat(c.usedLen()).isZero();
        assertStillServing();
    }

    @Test
    void aReadableDescriptorAfterAWritableOneIsRefused() {
        Completion c = rawChain(chain -> {
            long out = chain.writable(16);
            long header = chain.readable(getattrRequest());
            chain.descriptor(0, new Descriptor(out, 16, Descriptor.WRITE | Descriptor.NEXT, 1));
            chain.descriptor(1, new Descriptor(header, 40, 0, 0));
            return 0;
        });
        assertThat(c.usedLen()).isZero();
        assertStillServing();
    }

    @Test
    void anIndirectTableOfBrokenLengthIsRefused() {
        Completion c = rawChain(chain -> {
            long table = chain.indirectTable(List.of(new Descriptor(chain.readable(getattrRequest()), 40, 0, 0)));
            chain.descriptor(0, new Descriptor(table, 15, Descriptor.INDIRECT, 0));
            return 0;
        });
        assertThat(c.usedLen()).isZero();
        assertStillServing();
    }

    /** A GETATTR of the root in an indirect table whose last entry has {@code lastFlags} and {@code lastNext}. */
    private Completion getattrInIndirectTable(int lastFlags, int lastNext) {
        return rawChain(chain -> {
            long header = chain.readable(getattrRequest());
            long body = chain.readable(FuseSession.encode(new GetattrIn(0, 0)));
            long out = chain.writable(16 + 104);
            long table = chain.indirectTable(List.of(
                    new Descriptor(header, 40, Descriptor.NEXT, 1),
                    new Descriptor(body, 16, Descriptor.NEXT, 2),
                    new Descriptor(out, 16 + 104, Descriptor.WRITE | lastFlags, lastNext)));
            chain.descriptor(0, new Descriptor(table, 3 * 16, Descriptor.INDIRECT, 0));
            return 0;
        });
    }

    @Test
    void anIndirectTableThatLoopsIsRefused() {
        assertThat(getattrInIndirectTable(Descriptor.NEXT, 0).usedLen()).isZero();
        assertStillServing();
    }

    @Test
    void aWellFormedHandBuiltChainIsServed() {
        assertThat(getattrInIndirectTable(0, 0).usedLen()).as("the same chain without its loop is answered")
                .isEqualTo(16 + 104);
    }

    @Test
    void aRequestBeforeInitGetsEio() throws Exception {
        session.close();
        session = DaemonSession.start(new JavaDaemonTarget(), work, shared, DriverProfile.byName("ovmf"),
                FrontendOptions.defaults());
        fuse = session.fuse();
        assertThat(fuse.getattr(ROOT).error()).isEqualTo(-Errno.EIO.number());
        fuse.init().value();
        assertStillServing();
    }

    @Test
    void ringsStopWithGetVringBaseAndRestartForAFreshInit() {
        var bases = session.frontend().stopRings();
        assertThat(bases).containsEntry(1, fuse.transcript().exchanges().size());
        session.frontend().restartRings();
        assertThat(fuse.init().value().minor()).isEqualTo(38);
        assertStillServing();
    }

    @Test
    void repeatedCallNotifiersAreAccepted() throws Exception {
        session.frontend().renewCallNotifiers();
        assertStillServing();
        session.frontend().renewCallNotifiers();
        assertStillServing();
    }

    @Test
    void aSecondRequestQueueIsServedByItsOwnWorker() throws Exception {
        session.close();
        session = DaemonSession.start(new JavaDaemonTarget(java.util.List.of("--request-queues=2")), work, shared,
                DriverProfile.byName("linux"), FrontendOptions.defaults().withRequestQueues(2));
        fuse = session.fuse();
        fuse.init().value();
        fuse.onRequestQueue(2);
        assertStillServing();
        assertThat(fuse.transcript().last().queue()).isEqualTo(2);
        fuse.onRequestQueue(1);
        assertStillServing();
    }
}
