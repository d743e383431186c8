package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonExit;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonStartException;
import dev.vfc.targets.RunningDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's process contract, as the C and Rust daemons keep it: one frontend, then exit 0. */
class JavaDaemonLifecycleIT {

    @TempDir
    Path work;
    @TempDir
    Path shared;
    private final JavaDaemonTarget target = new JavaDaemonTarget();

    @BeforeEach
    void requireJar() {
        ServingALargeFileIT.requireAvailable(target);
    }

    @Test
    void itExitsZeroWhenItsFrontendDisconnects() throws Exception {
        try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, shared))) {
            try (Frontend frontend = Frontend.connect(daemon.socketPath(), DriverProfile.byName("linux"),
                    FrontendOptions.defaults(), DaemonSession.watch(daemon))) {
                new FuseSession(frontend).init().value();
            }
            assertThat(daemon.awaitExit(Duration.ofSeconds(10))).contains(DaemonExit.exited(0));
            assertThat(Files.exists(daemon.socketPath())).isFalse();
        }
    }

    @Test
    void sigtermStopsItCleanlyWhileItServes() throws Exception {
        try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, shared));
                Frontend frontend = Frontend.connect(daemon.socketPath(), DriverProfile.byName("linux"),
                        FrontendOptions.defaults(), DaemonSession.watch(daemon))) {
            new FuseSession(frontend).init().value();
            new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
            assertThat(daemon.awaitExit(Duration.ofSeconds(10))).contains(DaemonExit.exited(0));
            assertThat(daemon.logTail(50)).anyMatch(l -> l.contains("SIGTERM"));
        }
    }

    @Test
    void sigtermStopsItCleanlyWhileItWaitsForAFrontend() throws Exception {
        try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, shared))) {
            // Under --sandbox=namespace the socket listens before the daemon's JVM has started
            // (the launcher step binds it in the host's namespaces): wait for the daemon's own word
            // that it waits for a frontend.
            await("the daemon's 'listening on' line").atMost(Duration.ofSeconds(10))
                    .until(() -> daemon.logTail(50).stream().anyMatch(l -> l.contains("listening on")));
            new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
            assertThat(daemon.awaitExit(Duration.ofSeconds(10))).contains(DaemonExit.exited(0));
        }
    }

    @Test
    void aBadCommandLineExitsTwoWithOneLine() throws Exception {
        var launch = DaemonLaunch.in(work, shared).withExtraArgs(List.of("--cache=sometimes"));
        try {
            target.start(launch).close();
        } catch (dev.vfc.targets.DaemonStartException e) {
            assertThat(e.exit()).isEqualTo(Optional.of(DaemonExit.exited(2)));
            assertThat(e.logTail()).anyMatch(l -> l.startsWith("vfc-daemon: --cache must be one of"));
            return;
        }
        throw new AssertionError("the daemon started with --cache=sometimes");
    }
}
