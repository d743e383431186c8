package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.DaemonFailure;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.session.DaemonSession;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A daemon that dies or stops answering must become a CRASH or TIMEOUT outcome within
 * seconds, never a hung build.
 */
class DyingDaemonIT {

    @TempDir
    Path work;
    @TempDir
    Path shared;

    static java.util.stream.Stream<DaemonTarget> targets() {
        return ServingALargeFileIT.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDaemonKilledMidSessionBecomesACrashWithItsSignal(DaemonTarget target) throws Exception {
        ServingALargeFileIT.requireAvailable(target);
        try (DaemonSession s = DaemonSession.start(target, work, shared, DriverProfile.byName("linux"),
                FrontendOptions.defaults())) {
            s.fuse().init().value();
            // The Rust daemon's default sandbox forks and the child serves: killing only the
            // parent let the child answer the next request before it died too, so kill the tree.
            for (long pid : tree(s.daemon().pid())) {
                signal(pid, "KILL");
            }

            long start = System.nanoTime();
            assertThatThrownBy(() -> s.fuse().getattr(1))
                    .isInstanceOf(DaemonFailure.Crashed.class)
                    .hasMessageContaining("SIGKILL");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDaemonThatStopsAnsweringBecomesATimeoutAtTheDeadline(DaemonTarget target) throws Exception {
        ServingALargeFileIT.requireAvailable(target);
        Duration deadline = Duration.ofSeconds(2);
        try (DaemonSession s = DaemonSession.start(target, work, shared, DriverProfile.byName("ovmf"),
                FrontendOptions.defaults().withRequestTimeout(deadline))) {
            s.fuse().init().value();
            // The Rust daemon's default sandbox forks: the child serves, so stop the whole tree.
            List<Long> tree = tree(s.daemon().pid());
            for (long pid : tree) {
                signal(pid, "STOP");
            }
            try {
                tree.forEach(DyingDaemonIT::awaitEveryThreadStopped);
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.fuse().getattr(1))
                        .isInstanceOf(DaemonFailure.TimedOut.class)
                        .hasMessageContaining("2000 ms");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).isBetween(deadline, Duration.ofSeconds(10));
            } finally {
                for (long pid : tree) {
                    signal(pid, "CONT");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDaemonKilledDuringTheHandshakeFailsTheConnectQuickly(DaemonTarget target) throws Exception {
        ServingALargeFileIT.requireAvailable(target);
        var daemon = target.start(dev.vfc.targets.DaemonLaunch.in(work, shared));
        try {
            signal(daemon.pid(), "KILL");
            long start = System.nanoTime();
            assertThatThrownBy(() -> dev.vfc.frontend.Frontend.connect(daemon.socketPath(),
                    DriverProfile.byName("linux"), FrontendOptions.defaults(), DaemonSession.watch(daemon)))
                    .isInstanceOfAny(DaemonFailure.Crashed.class, dev.vfc.syscall.SyscallException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            daemon.stop();
        }
    }

    /** A process and everything it forked. */
    private static List<Long> tree(long pid) {
        List<Long> all = new java.util.ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    /** SIGSTOP is asynchronous: kill(1) returns before the daemon's threads have stopped. */
    private static void awaitEveryThreadStopped(long pid) {
        Path tasks = Path.of("/proc/" + pid + "/task");
        await("every thread of " + pid + " in state T").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    try (Stream<Path> threads = Files.list(tasks)) {
                        return threads.allMatch(t -> state(t.resolve("status")).startsWith("T"));
                    }
                });
    }

    private static String state(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("State:"))
                    .map(l -> l.substring("State:".length()).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "gone";
        }
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }
}
