package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(RustProvisioner.DEBIAN_VERSION).startsWith(RustProvisioner.UPSTREAM_VERSION + "-");
        assertThat(RustProvisioner.PACKAGES).contains("virtiofsd=" + RustProvisioner.DEBIAN_VERSION);
        assertThat(RustProvisioner.defaultCache().getFileName().toString()).endsWith(RustProvisioner.DEBIAN_VERSION);
        assertThat(RustImage.NAME).endsWith(":" + RustProvisioner.UPSTREAM_VERSION);
        assertThat(RustProvisioner.debFileName()).isEqualTo("virtiofsd_1.13.2-1+deb13u1_amd64.deb");
    }
}
