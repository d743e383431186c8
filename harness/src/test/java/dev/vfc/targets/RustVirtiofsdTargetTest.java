package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RustVirtiofsdTargetTest {

    @Test
    void theDefaultRustTargetRunsTheDaemonsOwnDefaultSandboxAndItsSandboxNoneTwinSaysSo() {
        RustVirtiofsdTarget rust = new RustVirtiofsdTarget(java.nio.file.Path.of("/bin/true"));
        assertThat(rust.availability().isAvailable()).isTrue();
        DaemonLaunch launch = DaemonLaunch.in(java.nio.file.Path.of("/tmp/s/w"), java.nio.file.Path.of("/tmp/s/shared"));
        assertThat(rust.commandLine(launch)).containsExactly("/bin/true", "--socket-path=/tmp/s/w/vhost-user.sock",
                "--shared-dir=/tmp/s/shared", "--log-level=debug");
        ConfiguredTarget none = (ConfiguredTarget) Targets.byName("rust-sandbox-none@rust+--sandbox=none");
        assertThat(none.arguments()).containsExactly("--sandbox=none");
        assertThat(none.kind()).isEqualTo("rust");
    }

    @Test
    void theProvisionedDaemonIsPinnedToOneDebianVersionOfTheUpstreamReleaseItsImageIsTaggedWith() {
        RustRelease rust = RustRelease.V1_13;
        assertThat(rust.packages()).contains("virtiofsd=1.13.2-1+deb13u1");
        assertThat(RustProvisioner.defaultCache(rust).getFileName().toString()).endsWith("1.13.2-1+deb13u1");
        assertThat(RustImage.NAME).isEqualTo("vfc/rust-virtiofsd:1.13.2");
        assertThat(rust.debFileName()).isEqualTo("virtiofsd_1.13.2-1+deb13u1_amd64.deb");
    }

    @Test
    void rust114IsForkysPinnedBuildWithTrixiesLibrariesInACacheOfItsOwn() {
        RustRelease next = RustRelease.V1_14;
        assertThat(next.packages()).containsExactly("virtiofsd=1.14.0-4", "libc6/trixie", "libcap-ng0/trixie",
                "libseccomp2/trixie", "libgcc-s1/trixie");
        assertThat(next.sources()).extracting(line -> line.substring(line.lastIndexOf("debian ") + 7))
                .containsExactly("trixie main", "forky main");
        assertThat(RustProvisioner.defaultCache(next)).isNotEqualTo(RustProvisioner.defaultCache(RustRelease.V1_13));
        DaemonTarget target = Targets.byName("rust-1.14");
        assertThat(target.name()).isEqualTo("rust-1.14");
        assertThat(target.kind()).isEqualTo("rust");
        assertThat(Targets.byName("rust").name()).as("rust keeps meaning 1.13.2").isEqualTo("rust");
    }

    @Test
    void aReleaseWhoseDebianVersionIsNotABuildOfItsUpstreamVersionIsRefused() {
        assertThatThrownBy(() -> new RustRelease("rust-x", "1.14.0", "1.13.2-1", java.util.List.of("sid")))
                .hasMessage("Debian 1.13.2-1 is not a build of 1.14.0");
    }

    @Test
    void rust114TakesNoPathBecauseItsNameSaysItsVersion() {
        assertThatThrownBy(() -> Targets.byName("rust-1.14=/opt/virtiofsd"))
                .hasMessageContaining("rust-1.14 is the pinned Debian 1.14.0-4; run another binary as rust=/path/to/virtiofsd");
    }
}
