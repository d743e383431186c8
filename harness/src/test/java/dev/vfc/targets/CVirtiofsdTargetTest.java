package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CVirtiofsdTargetTest {

    @TempDir
    Path work;

    /** Availability without running the daemon: fake binaries and a fake "are we root". */
    @Nested
    class Availability_ {

        @Test
        void a_missing_binary_is_unavailable_and_says_which_package_to_install() {
            Availability a = new CVirtiofsdTarget(work.resolve("virtiofsd"), () -> true).availability();
            assertThat(a).isInstanceOf(Availability.Unavailable.class);
            assertThat(a.unavailableReason()).hasValueSatisfying(r -> assertThat(r)
                    .isEqualTo(work.resolve("virtiofsd") + " not found: install the Debian package qemu-system-common"));
        }

        @Test
        void a_binary_that_is_not_executable_is_unavailable() throws IOException {
            Path binary = Files.writeString(work.resolve("virtiofsd"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-r--r--"));
            Availability a = new CVirtiofsdTarget(binary, () -> true).availability();
            assertThat(a.unavailableReason()).hasValue(binary + " is not executable");
        }

        @Test
        void not_running_as_root_is_unavailable_with_the_reason() throws IOException {
            Path binary = fakeBinary("echo 'virtiofsd version 9.9'");
            Availability a = new CVirtiofsdTarget(binary, () -> false).availability();
            assertThat(a.unavailableReason()).hasValueSatisfying(r -> assertThat(r)
                    .startsWith("the C virtiofsd needs root").contains("/var/run/virtiofsd"));
        }

        @Test
        void the_version_is_the_first_line_of_version_output() throws IOException {
            Path binary = fakeBinary("echo; echo 'virtiofsd version 9.9 (test)'; echo 'Copyright'");
            assertThat(new CVirtiofsdTarget(binary, () -> true).availability())
                    .isEqualTo(new Availability.Available("virtiofsd version 9.9 (test)"));
        }

        @Test
        void a_binary_whose_version_fails_is_available_with_unknown_version() throws IOException {
            Path binary = fakeBinary("echo 'unknown option' >&2; exit 1");
            assertThat(new CVirtiofsdTarget(binary, () -> true).availability())
                    .isEqualTo(new Availability.Available("unknown"));
        }

        @Test
        void starting_an_unavailable_target_says_why() {
            CVirtiofsdTarget target = new CVirtiofsdTarget(work.resolve("virtiofsd"), () -> true);
            assertThatThrownBy(() -> target.start(DaemonLaunch.in(work, work)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not found: install the Debian package qemu-system-common");
        }

        private Path fakeBinary(String body) throws IOException {
            Path binary = Files.writeString(work.resolve("virtiofsd"), "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            return binary;
        }
    }

    @Test
    void the_command_line_is_the_verified_one_plus_extra_args() {
        CVirtiofsdTarget target = new CVirtiofsdTarget();
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/w"), Path.of("/tmp/share")).withExtraArgs("-o", "xattr");
        assertThat(target.commandLine(launch)).containsExactly("/usr/lib/qemu/virtiofsd",
                "--socket-path=/tmp/w/vhost-user.sock", "-o", "source=/tmp/share", "-o", "sandbox=chroot",
                "-o", "cache=always", "-d", "-o", "xattr");
    }

    @Test
    void the_pid_file_is_named_after_the_socket_path() {
        assertThat(CVirtiofsdTarget.pidFile(Path.of("/tmp/vt/s.sock")))
                .isEqualTo(Path.of("/var/run/virtiofsd/.tmp.vt.s.sock.pid"));
    }

    /** Tests that run the real C virtiofsd; skipped with the reason where it cannot run. */
    @Nested
    class Running_the_real_daemon {

        private final CVirtiofsdTarget target = new CVirtiofsdTarget();
        private Path share;

        @BeforeEach
        void needsTheDaemon() throws IOException {
            TestSupport.assumeAvailable(target);
            share = Files.createDirectories(work.resolve("share"));
            Files.writeString(share.resolve("hello.txt"), "hello\n");
        }

        @Test
        void C_target_availability_is_Available_on_this_machine() {
            assertThat(target.availability()).isInstanceOfSatisfying(Availability.Available.class,
                    a -> assertThat(a.version()).startsWith("virtiofsd version 7."));
        }

        @Test
        void starting_it_creates_the_socket_and_the_process_is_alive() throws IOException {
            try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, share))) {
                assertThat(daemon.socketPath()).isEqualTo(work.resolve("vhost-user.sock"));
                assertThat(UnixSockets.state(daemon.socketPath())).isEqualTo(UnixSockets.State.LISTENING);
                assertThat(daemon.isAlive()).isTrue();
                assertThat(daemon.pid()).isPositive();
                assertThat(daemon.exit()).isEmpty();
                assertThat(daemon.targetName()).isEqualTo("c");
                assertThat(daemon.command()).isEqualTo("/usr/lib/qemu/virtiofsd --socket-path=" + work
                        + "/vhost-user.sock -o source=" + share + " -o sandbox=chroot -o cache=always -d");
                assertThat(CVirtiofsdTarget.pidFile(daemon.socketPath())).hasContent(Long.toString(daemon.pid()));
                await("the daemon to log that it waits").atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(daemon.logTail(5)).anyMatch(l -> l.contains("Waiting for vhost-user socket connection")));
            }
        }

        @Test
        void stop_ends_it_and_exit_is_present() throws IOException {
            RunningDaemon daemon = target.start(DaemonLaunch.in(work, share));
            long t0 = System.nanoTime();
            daemon.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(daemon.isAlive()).isFalse();
            assertThat(daemon.stopRequested()).isTrue();
            // Measured: SIGTERM interrupts its accept() and it exits 1.
            assertThat(daemon.exit()).map(DaemonExit::describe).hasValue("exit 1");
            assertThat(daemon.logTail(3)).anyMatch(l -> l.contains("vhost socket accept: Interrupted system call"));
            daemon.stop();
            daemon.close();
        }

        @Test
        void a_daemon_killed_with_SIGKILL_shows_signal_9() throws IOException {
            try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, share))) {
                ProcessHandle.of(daemon.pid()).orElseThrow().destroyForcibly();
                assertThat(daemon.awaitExit(Duration.ofSeconds(3))).hasValueSatisfying(exit -> {
                    assertThat(exit.signal()).hasValue(9);
                    assertThat(exit.describe()).isEqualTo("killed by SIGKILL (9)");
                });
                assertThat(daemon.stopRequested()).isFalse();
            }
        }

        @Test
        void it_exits_0_when_its_frontend_connects_and_disconnects() throws IOException {
            try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, share))) {
                try (SocketChannel frontend = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    frontend.connect(UnixDomainSocketAddress.of(daemon.socketPath()));
                    await("the daemon to accept").atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                            assertThat(daemon.logTail(10)).anyMatch(l -> l.contains("Received vhost-user socket connection")));
                }
                assertThat(daemon.awaitExit(Duration.ofSeconds(5))).hasValue(DaemonExit.exited(0));
                assertThat(daemon.stopRequested()).isFalse();
            }
        }

        @Test
        void its_pid_file_is_removed_once_it_has_exited() throws Exception {
            RunningDaemon daemon = target.start(DaemonLaunch.in(work, share));
            Path pidFile = CVirtiofsdTarget.pidFile(daemon.socketPath());
            assertThat(pidFile).exists();
            daemon.stop();
            daemon.onExit().get(3, TimeUnit.SECONDS);
            assertThat(pidFile).doesNotExist();
        }

        @Test
        void a_missing_shared_dir_fails_fast_with_the_log_tail() {
            DaemonLaunch launch = DaemonLaunch.in(work, work.resolve("no-such-dir"));
            long t0 = System.nanoTime();
            DaemonStartException e = catchThrowableOfType(DaemonStartException.class, () -> target.start(launch));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(e).as("start with a missing shared dir").isNotNull();
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(e.exit()).hasValue(DaemonExit.exited(1));
            assertThat(e.getMessage())
                    .contains("it exited (exit 1) before its socket")
                    .contains("failed to stat source (\"" + work.resolve("no-such-dir") + "\"): No such file or directory");
            assertThat(e.logTail()).anyMatch(l -> l.contains("failed to stat source"));
            assertThat(launch.socketPath()).doesNotExist();
        }

        @Test
        void an_unknown_option_fails_fast_with_the_log_in_the_message() {
            DaemonLaunch launch = DaemonLaunch.in(work, share).withExtraArgs("--no-such-option");
            long t0 = System.nanoTime();
            DaemonStartException e = catchThrowableOfType(DaemonStartException.class, () -> target.start(launch));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(e.getMessage()).contains("fuse: unknown option(s)").contains("--no-such-option");
            assertThat(e.command()).endsWith("-d --no-such-option");
        }

        @Test
        void a_stale_socket_file_from_an_earlier_run_does_not_fool_the_start() throws IOException {
            DaemonLaunch launch = DaemonLaunch.in(work, share);
            try (RunningDaemon first = target.start(launch)) {
                first.stop();
            }
            assertThat(UnixSockets.isSocketFile(launch.socketPath())).as("socket file left by the first run").isTrue();
            try (RunningDaemon second = target.start(launch)) {
                assertThat(second.isAlive()).isTrue();
                assertThat(UnixSockets.state(second.socketPath())).isEqualTo(UnixSockets.State.LISTENING);
                assertThat(second.logTail(50)).noneMatch(l -> l.contains("Interrupted system call"));
            }
        }

        @Test
        void a_socket_path_where_a_daemon_listens_is_refused() throws IOException {
            DaemonLaunch launch = DaemonLaunch.in(work, share);
            try (RunningDaemon first = target.start(launch)) {
                assertThatThrownBy(() -> target.start(launch.withLogFile(work.resolve("second.log"))))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("is in use");
                assertThat(first.isAlive()).isTrue();
                assertThat(UnixSockets.state(first.socketPath())).isEqualTo(UnixSockets.State.LISTENING);
            }
        }
    }
}
