package dev.vfc.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line the namespace launcher execs, for root and not, with and without id maps. */
class LauncherTest {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final List<String> SELF = List.of("java", "-Xmx64m", "-jar", "d.jar", "--shared-dir=/s");

    @Test
    void rootGetsMountAndNetworkNamespacesTheServingCapabilitiesPlusSysAdminAndSetpcapAndAParentDeathSignal() {
        assertThat(Launcher.argv(UNSHARE, SETPRIV, true, SandboxOptions.DEFAULTS, "/jvm/bin/java", SELF))
                .containsExactly("/usr/bin/unshare", "--mount", "--net", "--propagation", "private", "--",
                        "/usr/bin/setpriv", "--pdeathsig=TERM", "--no-new-privs", "--inh-caps=-all",
                        "--bounding-set=-all,+chown,+dac_override,+fowner,+fsetid,+setgid,+setuid,+setpcap,"
                                + "+sys_admin,+mknod,+setfcap", "--",
                        "/jvm/bin/java", "-XX:-UsePerfData", "-XX:+DisableAttachMechanism", "-Xmx64m", "-jar",
                        "d.jar", "--shared-dir=/s");
    }

    @Test
    void modcapsReachTheBoundingSet() {
        SandboxOptions o = SandboxOptions.DEFAULTS.withCapabilities(
                CapabilityChanges.apply("-mknod:-setfcap:+sys_nice", PassthroughCapabilities.SERVING));
        assertThat(Launcher.argv(UNSHARE, SETPRIV, true, o, "/jvm/bin/java", SELF))
                .contains("--bounding-set=-all,+chown,+dac_override,+fowner,+fsetid,+setgid,+setuid,+setpcap,"
                        + "+sys_admin,+sys_nice");
    }

    @Test
    void anUnprivilegedDaemonIsRootInItsUserNamespaceWithoutMaps() {
        assertThat(Launcher.argv(UNSHARE, SETPRIV, false, SandboxOptions.DEFAULTS, "/jvm/bin/java", SELF))
                .containsSubsequence("--mount", "--net", "--propagation", "private", "--user", "--map-root-user", "--")
                .doesNotContain("--pdeathsig=TERM");
    }

    @Test
    void theSupervisorIsAShellOutsideANewPidNamespaceRunningTheLauncherWithInterruptAndQuitAtTheirDefaults() {
        List<String> child = List.of("/usr/bin/unshare", "--mount");
        List<String> argv = PidNamespace.supervised(UNSHARE, child);
        assertThat(argv.subList(0, 5)).containsExactly("/usr/bin/unshare", "--pid", "--", "/bin/sh", "-c");
        assertThat(argv.subList(6, argv.size())).containsExactly("vfc-daemon-supervisor", "/usr/bin/env",
                "--default-signal=INT,QUIT", "/usr/bin/unshare", "--mount");
        assertThat(argv.get(5)).contains("trap 'forward TERM' TERM", "wait \"$child\"");
    }

    @Test
    void uidAndGidMapsBecomeUnsharesOuterInnerCountForm() {
        SandboxOptions o = SandboxOptions.DEFAULTS.withUidMap(IdRange.parse(":0:100000:65536:"))
                .withGidMap(IdRange.parse(":0:200000:65536:"));
        assertThat(Launcher.argv(UNSHARE, SETPRIV, false, o, "/jvm/bin/java", SELF))
                .containsSubsequence("--user", "--map-users=100000,0,65536", "--map-groups=200000,0,65536", "--")
                .doesNotContain("--map-root-user", "--setgroups=deny");
    }

    @Test
    void aUidMapAloneMapsTheGroupToZeroWithSetgroupsDenied() {
        SandboxOptions o = SandboxOptions.DEFAULTS.withUidMap(IdRange.parse("/5/1000/1/"));
        assertThat(Launcher.argv(UNSHARE, SETPRIV, false, o, "/jvm/bin/java", SELF))
                .containsSubsequence("--user", "--map-users=1000,5,1", "--map-group=0", "--setgroups=deny", "--");
    }
}
