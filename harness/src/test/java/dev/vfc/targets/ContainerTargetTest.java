package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The container's view of a scenario's paths: the host's own, so escapes land where the host looks. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContainerTargetTest {

    private final ContainerTarget target = new ContainerTarget("vfc/rust-virtiofsd:1.13.2");

    @Test
    void a_scenarios_whole_directory_is_mounted_at_its_own_path() {
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/run/scenario1/w"), Path.of("/tmp/run/scenario1/shared"));
        assertThat(ContainerTarget.mounts(launch)).containsExactly(Path.of("/tmp/run/scenario1"));
    }

    @Test
    void the_daemon_is_given_the_hosts_paths_and_no_sandbox_of_its_own() {
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/run/scenario1/w"), Path.of("/tmp/run/scenario1/shared"))
                .withExtraArgs("--xattr");
        assertThat(target.daemonArguments(launch)).containsExactly("--socket-path=/tmp/run/scenario1/w/vhost-user.sock",
                "--shared-dir=/tmp/run/scenario1/shared", "--sandbox=none", "--log-level=debug", "--xattr");
    }

    @Test
    void a_share_and_socket_without_a_common_scenario_directory_are_mounted_each() {
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/run/vfc"), Path.of("/srv/share"));
        assertThat(ContainerTarget.mounts(launch)).isEqualTo(List.of(Path.of("/srv/share"), Path.of("/run/vfc")));
        DaemonLaunch top = DaemonLaunch.in(Path.of("/w"), Path.of("/share"));
        assertThat(ContainerTarget.mounts(top)).as("never the host's root").isEqualTo(List.of(Path.of("/share"), Path.of("/w")));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        DaemonLaunch temps = DaemonLaunch.in(tmp.resolve("junit1"), tmp.resolve("junit2"));
        assertThat(ContainerTarget.mounts(temps)).as("never the whole temporary directory")
                .isEqualTo(List.of(tmp.resolve("junit2"), tmp.resolve("junit1")));
    }

    @Test
    void a_processs_environment_is_read_from_proc_with_the_container_id_generalised() {
        assertThat(ContainerTarget.environOf(ProcessHandle.current().pid())).containsKey("PATH")
                .doesNotContainValue(System.getenv("HOSTNAME") == null ? "\0" : System.getenv("HOSTNAME"));
    }
}
