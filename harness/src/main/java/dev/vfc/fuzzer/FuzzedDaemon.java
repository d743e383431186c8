package dev.vfc.fuzzer;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.LinuxProfile;
import dev.vfc.driver.Segment;
import dev.vfc.frontend.DaemonFailure;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.fuse.Errno;
import dev.vfc.fuzz.FuzzedRequest;
import dev.vfc.host.Trees;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One daemon of a target, started fresh on a share of its own (the Jazzer test's scratch tree:
 * an 8 KiB file {@code f}, a directory {@code d} with an entry, a symlink {@code l} out of the
 * tree), brought up as QEMU 7.2 and the Linux driver do (FUSE_INIT with Linux 6.1's body), to
 * which fuzzed requests go one at a time on the request queue, each checked against
 * {@link ReplyRules}. Closing it stops the daemon and deletes its share.
 */
public final class FuzzedDaemon implements AutoCloseable {

    /** How long a request may go unanswered before the daemon counts as hung. */
    public static final Duration DEADLINE = Duration.ofSeconds(3);

    private final DaemonSession session;
    private final Path dir;
    private final OutsideTheShare outside;
    private long unique;

    private FuzzedDaemon(DaemonSession session, Path dir) throws IOException {
        this.session = session;
        this.dir = dir;
        this.outside = OutsideTheShare.of(dir);
        this.unique = session.fuse().peekUnique() + 1000;
    }

    /** Starts {@code target} in a fresh directory under {@code scratch} and INITs it. */
    public static FuzzedDaemon start(DaemonTarget target, Path scratch) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "d");
        Path share = shareIn(dir);
        DaemonSession session;
        try {
            session = DaemonSession.start(target, dir, share, new LinuxProfile(true),
                    FrontendOptions.defaults().withRequestTimeout(DEADLINE));
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
        try {
            int error = session.fuse().init().error();
            if (error != 0) {
                throw new IOException(target.name() + " refused FUSE_INIT: " + Errno.describe(error));
            }
            return new FuzzedDaemon(session, dir);
        } catch (IOException | RuntimeException e) {
            session.close();
            Trees.delete(dir);
            throw e;
        }
    }

    /** What came back for one request: the bytes the daemon says it wrote, and the rule it broke, if any. */
    public record Sent(ByteBuffer reply, Optional<Violation> violation) {
    }

    /** Sends {@code request} laid out as it says and checks what comes back. */
    public Sent send(FuzzedRequest request) {
        long id = unique++;
        ByteBuffer bytes = request.encode(id);
        List<Segment> segments = new ArrayList<>();
        for (int len : request.readable()) {
            segments.add(Segment.readable(bytes.slice(bytes.position(), len)));
            bytes.position(bytes.position() + len);
        }
        request.writable().forEach(len -> segments.add(Segment.writable(len)));
        FuseSession fuse = session.fuse();
        try {
            Exchange e = fuse.raw(request.header(id), "", new ChainLayout(segments, false));
            fuse.transcript().clear();
            Optional<Violation> broken = ReplyRules.check(e, id);
            if (broken.isEmpty() || !broken.get().isFinding()) {
                Optional<Violation> escaped = outside.changes();
                if (escaped.isPresent()) {
                    return new Sent(e.completion().usedBytes(), escaped);
                }
            }
            return new Sent(e.completion().usedBytes(), broken);
        } catch (DaemonFailure f) {
            return new Sent(ByteBuffer.allocate(0), Optional.of(ReplyRules.of(f)));
        }
    }

    /** Sends {@code requests} in order until one breaks a rule; the first violation, with the index of its request. */
    public static Optional<Replayed> replay(DaemonTarget target, Path scratch, List<FuzzedRequest> requests)
            throws IOException {
        try (FuzzedDaemon daemon = start(target, scratch)) {
            for (int i = 0; i < requests.size(); i++) {
                Optional<Violation> v = daemon.send(requests.get(i)).violation();
                if (v.isPresent() && v.get().isFinding()) {
                    return Optional.of(new Replayed(i, v.get()));
                }
            }
            return Optional.empty();
        }
    }

    /** The finding a replay reproduced, at request {@code index} (0-based). */
    public record Replayed(int index, Violation violation) {
    }

    /** Whether the daemon's process still runs. */
    public boolean alive() {
        return session.daemon().isAlive();
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            try {
                Trees.delete(dir);
            } catch (IOException e) {
                // A share the daemon left busy stays for the campaign's own cleanup.
            }
        }
    }

    private static Path shareIn(Path dir) throws IOException {
        Path share = Files.createDirectory(dir.resolve("share"));
        Path decoy = Files.writeString(dir.resolve("decoy"), "outside the shared tree\n");
        Files.write(share.resolve("f"), new byte[8192]);
        Files.createDirectory(share.resolve("d"));
        Files.createFile(share.resolve("d").resolve("inner"));
        Files.createSymbolicLink(share.resolve("l"), decoy);
        return share;
    }
}
