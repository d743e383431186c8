package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process machinery, with /bin/sh scripts standing in for a daemon. The scripts create a
 * plain file where the socket goes, so these tests use "the file exists" as readiness.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessDaemonTest {

    @TempDir
    Path work;

    private DaemonLaunch launch() throws IOException {
        return DaemonLaunch.in(work, Files.createDirectories(work.resolve("share")));
    }

    private static ProcessDaemon.Launcher sh(String script) {
        return ProcessDaemon.launcher("sh", List.of("/bin/sh", "-c", script))
                .readiness(Files::exists);
    }

    @Test
    void a_started_process_is_alive_until_stopped_and_then_shows_its_exit() throws IOException {
        DaemonLaunch launch = launch();
        ProcessDaemon daemon = sh("echo hello; touch " + launch.socketPath() + "; exec sleep 60").start(launch);
        try {
            assertThat(daemon.isAlive()).isTrue();
            assertThat(daemon.pid()).isPositive();
            assertThat(daemon.exit()).isEmpty();
            assertThat(daemon.stopRequested()).isFalse();
            assertThat(daemon.logTail(5)).containsExactly("hello");
        } finally {
            daemon.stop();
        }
        assertThat(daemon.isAlive()).isFalse();
        assertThat(daemon.stopRequested()).isTrue();
        assertThat(daemon.exit()).map(DaemonExit::describe).hasValue("killed by SIGTERM (15)");
        assertThat(daemon.onExit()).succeedsWithin(Duration.ofSeconds(2)).isEqualTo(DaemonExit.killedBy(15));
    }

    @Test
    void stop_is_idempotent() throws IOException {
        DaemonLaunch launch = launch();
        ProcessDaemon daemon = sh("touch " + launch.socketPath() + "; exec sleep 60").start(launch);
        daemon.stop();
        Optional<DaemonExit> first = daemon.exit();
        daemon.stop();
        daemon.close();
        assertThat(daemon.exit()).isEqualTo(first).isPresent();
    }

    @Test
    void a_process_that_ignores_SIGTERM_is_killed_after_the_grace_period() throws IOException {
        DaemonLaunch launch = launch();
        ProcessDaemon daemon = sh("trap '' TERM; touch " + launch.socketPath() + "; exec sleep 60")
                .stopGrace(Duration.ofMillis(300))
                .start(launch);
        long t0 = System.nanoTime();
        daemon.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(daemon.exit()).map(DaemonExit::describe).hasValue("killed by SIGKILL (9)");
    }

    @Test
    void stop_also_kills_what_the_process_forked() throws IOException {
        DaemonLaunch launch = launch();
        ProcessDaemon daemon = sh("trap '' TERM; sleep 60 & echo $! > " + work.resolve("child.pid")
                + "; touch " + launch.socketPath() + "; wait")
                .stopGrace(Duration.ofMillis(200))
                .start(launch);
        long child = Long.parseLong(Files.readString(work.resolve("child.pid")).strip());
        assertThat(ProcessHandle.of(child)).isPresent();
        daemon.stop();
        await("forked child " + child + " to die").atMost(Duration.ofSeconds(3)).until(() -> isGone(child));
    }

    /** No such process, or a zombie (this machine's pid 1 may not reap orphans). */
    private static boolean isGone(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return true;
        }
        String s = Files.readString(stat);
        String state = s.substring(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
        return state.equals("Z") || state.equals("X");
    }

    @Test
    void a_process_that_dies_at_start_fails_fast_with_its_log_and_exit_status() throws IOException {
        DaemonLaunch launch = launch();
        long t0 = System.nanoTime();
        DaemonStartException e = catchThrowableOfType(DaemonStartException.class,
                () -> sh("echo 'boom: cannot frobnicate' >&2; exit 3").start(launch));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(e.getMessage())
                .contains("daemon 'sh' did not start: it exited (exit 3)")
                .contains("boom: cannot frobnicate")
                .contains("command: /bin/sh -c 'echo");
        assertThat(e.logTail()).containsExactly("boom: cannot frobnicate");
        assertThat(e.exit()).hasValue(DaemonExit.exited(3));
        assertThat(e.targetName()).isEqualTo("sh");
    }

    @Test
    void a_process_whose_socket_never_appears_times_out_and_is_stopped() throws IOException {
        DaemonLaunch launch = launch().withStartTimeout(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        DaemonStartException e = catchThrowableOfType(DaemonStartException.class,
                () -> sh("echo waiting forever; exec sleep 60").start(launch));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(e.getMessage()).contains("was not listening after 300 ms").contains("waiting forever");
        assertThat(e.exit()).hasValue(DaemonExit.killedBy(15));
    }

    @Test
    void a_command_that_cannot_be_executed_is_a_start_failure() throws IOException {
        DaemonLaunch launch = launch();
        assertThatThrownBy(() -> ProcessDaemon.launcher("x", List.of(work.resolve("no-such-binary").toString()))
                .start(launch))
                .isInstanceOf(DaemonStartException.class)
                .hasMessageContaining("cannot run it");
    }

    @Test
    void the_log_tail_shows_only_this_run_when_the_log_file_is_reused() throws IOException {
        DaemonLaunch launch = launch();
        Files.writeString(launch.logFile(), "an earlier run\n");
        ProcessDaemon daemon = sh("echo this run; touch " + launch.socketPath() + "; exec sleep 60").start(launch);
        daemon.stop();
        assertThat(daemon.logTail(10)).containsExactly("this run");
        assertThat(Files.readString(launch.logFile())).startsWith("an earlier run\n");
    }

    @Test
    void a_regular_file_at_the_socket_path_is_not_deleted() throws IOException {
        DaemonLaunch launch = launch();
        Files.writeString(launch.socketPath(), "precious");
        assertThatThrownBy(() -> sh("exec sleep 60").start(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a socket");
        assertThat(launch.socketPath()).hasContent("precious");
    }

    @Test
    void the_command_is_shell_quoted_for_repro() {
        assertThat(ProcessDaemon.shellQuote(List.of("/bin/virtiofsd", "--socket-path=/tmp/a b", "-o", "it's", "")))
                .isEqualTo("/bin/virtiofsd '--socket-path=/tmp/a b' -o 'it'\\''s' ''");
    }

    @Test
    void a_daemon_sees_only_the_explicit_environment_not_the_harnesss() throws IOException {
        DaemonLaunch launch = launch();
        ProcessDaemon.Launcher launcher = sh("/usr/bin/env; touch " + launch.socketPath() + "; exec sleep 60")
                .environment("EXTRA", "1");
        ProcessDaemon daemon = launcher.start(launch);
        try {
            List<String> seen = daemon.logTail(50);
            assertThat(System.getenv()).as("this JVM has an environment to leak").isNotEmpty();
            assertThat(seen).as("the daemon's whole environment, as /usr/bin/env prints it")
                    .containsExactlyInAnyOrder("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "EXTRA=1", "PWD=" + Path.of("").toAbsolutePath());
            assertThat(daemon.environment()).containsExactly(java.util.Map.entry("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
                    java.util.Map.entry("EXTRA", "1"));
        } finally {
            daemon.stop();
        }
    }

    @Test
    void a_panic_line_in_the_log_is_the_daemons_fault_line_with_its_message() throws IOException {
        DaemonLaunch launch = launch();
        ProcessDaemon daemon = sh("echo starting; touch " + launch.socketPath() + "; sleep 0.2; "
                + "echo \"thread 'vring_worker' panicked at src/server.rs:1:2:\"; echo 'called unwrap on Err'; exec sleep 60")
                .start(launch);
        try {
            assertThat(daemon.faultLine()).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> daemon.faultLine().isPresent());
            assertThat(daemon.faultLine()).hasValue("thread 'vring_worker' panicked at src/server.rs:1:2: called unwrap on Err");
            assertThat(daemon.isAlive()).isTrue();
        } finally {
            daemon.stop();
        }
    }
}
