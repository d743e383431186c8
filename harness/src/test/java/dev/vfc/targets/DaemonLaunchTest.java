package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DaemonLaunchTest {

    @Test
    void in_a_work_dir_puts_the_socket_and_log_there_with_a_10_second_timeout() {
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/run1"), Path.of("/tmp/share"));
        assertThat(launch.socketPath()).isEqualTo(Path.of("/tmp/run1/vhost-user.sock"));
        assertThat(launch.logFile()).isEqualTo(Path.of("/tmp/run1/daemon.log"));
        assertThat(launch.sharedDir()).isEqualTo(Path.of("/tmp/share"));
        assertThat(launch.startTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(launch.extraArgs()).isEmpty();
    }

    @Test
    void relative_paths_become_absolute() {
        DaemonLaunch launch = DaemonLaunch.in(Path.of("run"), Path.of("share"));
        assertThat(launch.socketPath()).isAbsolute();
        assertThat(launch.sharedDir()).isAbsolute();
        assertThat(launch.logFile()).isAbsolute();
    }

    @Test
    void a_socket_path_too_long_for_sun_path_is_refused() {
        Path deep = Path.of("/tmp/" + "d".repeat(120));
        assertThatThrownBy(() -> DaemonLaunch.in(deep, Path.of("/tmp")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than the 107");
    }

    @Test
    void a_socket_path_of_exactly_107_bytes_is_accepted() {
        String dir = "/tmp/" + "d".repeat(107 - "/tmp/".length() - "/vhost-user.sock".length());
        DaemonLaunch launch = DaemonLaunch.in(Path.of(dir), Path.of("/tmp"));
        assertThat(launch.socketPath().toString()).hasSize(107);
    }

    @Test
    void extra_args_are_copied_and_immutable() {
        List<String> args = new ArrayList<>(List.of("-o", "xattr"));
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/w"), Path.of("/tmp/s")).withExtraArgs(args);
        args.add("--changed");
        assertThat(launch.extraArgs()).containsExactly("-o", "xattr");
        assertThatThrownBy(() -> launch.extraArgs().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(launch.plusExtraArgs("-o", "posix_lock").extraArgs())
                .containsExactly("-o", "xattr", "-o", "posix_lock");
    }

    @Test
    void a_zero_start_timeout_is_refused() {
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/w"), Path.of("/tmp/s"));
        assertThatThrownBy(() -> launch.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
