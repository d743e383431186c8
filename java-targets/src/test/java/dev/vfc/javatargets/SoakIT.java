package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.fuse.EntryOut;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.ConfiguredTarget;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java daemon, as the process a distribution ships, through 100,000 cycles of what a
 * guest does to read a file (LOOKUP, OPEN, READ, RELEASE, FORGET, as Linux 6.1 sends them):
 * once the cycles are done, its open fds, its mappings of guest memory and of shared files, and
 * its heap after a full collection are back where they were after the warm-up. A daemon that
 * keeps one fd, one inode or one handle per cycle fails here by 100,000 of them.
 */
class SoakIT {

    private static final int WARM_UP = 5_000;
    private static final int CYCLES = 100_000;
    private static final int SIZE = 4096;
    /** Allocation noise a full collection still leaves (TLABs, class metadata is elsewhere). */
    private static final long HEAP_SLACK = 4L << 20;

    @TempDir
    Path work;
    @TempDir
    Path shared;

    @Test
    void aHundredThousandReadCyclesLeaveFdsMappingsAndHeapWhereTheyStarted() throws Exception {
        Soak soak = soak(new JavaDaemonTarget());

        assertThat(soak.after().fds()).as("open fds, by what they are").isEqualTo(soak.before().fds());
        assertThat(soak.after().mappings()).as("mappings of guest memory and shared files")
                .isEqualTo(soak.before().mappings());
        assertThat(soak.after().heapUsedBytes()).as("heap used after a full collection")
                .isLessThanOrEqualTo(soak.before().heapUsedBytes() + HEAP_SLACK);
    }

    /** The soak can fail: a daemon whose RELEASE keeps the file open ends it with one more fd per cycle. */
    @Test
    void aDaemonThatKeepsReleasedFilesOpenEndsTheSoakWithAnFdPerCycle() throws Exception {
        // Few cycles (and as few to warm up): each keeps an fd, and the soak is not about the fd limit.
        Soak soak = soak(JavaDaemonTarget.mutant("release-keeps-the-file-open"), 300);

        assertThat(soak.after().fds().size() - soak.before().fds().size()).isEqualTo(300);
    }

    private record Soak(Figures before, Figures after) {
    }

    private Soak soak(DaemonTarget target) throws Exception {
        return soak(target, CYCLES);
    }

    private Soak soak(DaemonTarget daemon, int cycles) throws Exception {
        // jcmd attaches through a socket the JVM's attach listener binds in its /tmp: the
        // sandbox takes that /tmp away (it is the share's), and the listener's bind, listen and
        // accept are not on the seccomp allow-list (with --seccomp=kill the first jcmd killed the
        // daemon, CI of 2026-12-04), so the soak runs the daemon with neither.
        DaemonTarget target = new ConfiguredTarget(daemon.name(), daemon,
                List.of("--sandbox=none", "--seccomp=none"));
        byte[] contents = new byte[SIZE];
        new java.util.Random(7).nextBytes(contents);
        Files.write(shared.resolve("soak"), contents);
        try (DaemonSession s = DaemonSession.start(target, work, shared, DriverProfile.byName("linux"),
                FrontendOptions.defaults())) {
            FuseSession fuse = s.fuse();
            fuse.init().value();
            long pid = s.daemon().pid();
            cycles(fuse, Math.min(WARM_UP, cycles));
            Figures before = Figures.of(pid, shared);

            cycles(fuse, cycles);

            Figures after = Figures.of(pid, shared);
            System.out.println("soak of " + target.name() + ": " + cycles + " cycles; before " + before + "; after "
                    + after);
            assertThat(s.death()).isEmpty();
            return new Soak(before, after);
        }
    }

    private static void cycles(FuseSession fuse, int n) {
        for (int i = 0; i < n; i++) {
            EntryOut entry = fuse.lookup(1, "soak").value();
            long node = entry.nodeid();
            long fh = fuse.open(node, 0).value().fh();
            ByteBuffer data = fuse.read(node, fh, 0, SIZE).value();
            assertThat(data.remaining()).isEqualTo(SIZE);
            fuse.release(node, fh).value();
            fuse.forget(node, 1);
            if (i % 1_000 == 0) {
                fuse.transcript().clear();
            }
        }
        fuse.transcript().clear();
    }

    /** What the daemon process holds, from /proc and from its JVM (jcmd). */
    private record Figures(List<String> fds, long mappings, long heapUsedBytes) {

        private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

        static Figures of(long pid, Path shared) throws IOException, InterruptedException {
            // First, so the socket the JVM opens for jcmd's attach is there in both figures.
            jcmd(pid, "GC.run");
            Path proc = Path.of("/proc", Long.toString(pid));
            List<String> fds;
            try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
                fds = s.map(Figures::target).sorted().toList();
            }
            long mappings = Files.readAllLines(proc.resolve("maps")).stream()
                    .filter(l -> l.contains("/memfd:") || l.contains(shared.toString())).count();
            return new Figures(fds, mappings, heapUsed(jcmd(pid, "GC.heap_info")));
        }

        private static String target(Path fd) {
            try {
                return Files.readSymbolicLink(fd).toString();
            } catch (IOException e) {
                return "(closed while listed)";
            }
        }

        private static long heapUsed(List<String> heapInfo) {
            for (String line : heapInfo) {
                Matcher m = USED.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1)) << 10;
                }
            }
            throw new AssertionError("jcmd GC.heap_info printed no heap total: " + heapInfo);
        }

        private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
            assertThat(p.waitFor()).as("jcmd " + command + ": " + out).isZero();
            return out;
        }

        @Override
        public String toString() {
            return fds.size() + " fds, " + mappings + " mappings, " + (heapUsedBytes >> 10) + " KiB heap used";
        }
    }
}
