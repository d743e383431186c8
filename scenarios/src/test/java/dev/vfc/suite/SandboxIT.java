package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.session.DaemonSession;
import dev.vfc.targets.ConfiguredTarget;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --sandbox} gives: a daemon whose root is the share and whose threads are filtered and
 * hold no privilege they could regain.
 */
class SandboxIT {

    @TempDir
    Path scratch;
    @TempDir
    Path shared;

    @Test
    void theDefaultDaemonServesWithTheShareAsRootEveryThreadFilteredAndServingThreadsCut() throws Exception {
        Files.writeString(shared.resolve("only-in-the-share"), "x");
        try (DaemonSession s = DaemonSession.start(new JavaDaemonTarget(), scratch, shared,
                DriverProfile.byName("linux"), FrontendOptions.defaults())) {
            s.fuse().init().value();
            long pid = servingProcess(s.daemon().pid());
            assertThat(names(Path.of("/proc/" + pid + "/root"))).isEqualTo(names(shared));
            List<Path> tasks;
            try (Stream<Path> t = Files.list(Path.of("/proc/" + pid + "/task"))) {
                tasks = t.toList();
            }
            for (Path task : tasks) {
                String status = Files.readString(task.resolve("status"));
                assertThat(status).as(task + " seccomp").containsPattern("(?m)^Seccomp:\\s+2$");
                assertThat(status).as(task + " no_new_privs").containsPattern("(?m)^NoNewPrivs:\\s+1$");
                // No thread keeps what the launcher dropped (sys_module, sys_ptrace, net_admin, ...):
                // at most the serving set plus setpcap and sys_admin, bit 8 and 21.
                long effective = Long.parseLong(field(status, "CapEff"), 16);
                assertThat(effective & ~0x880000dbL & ~(1L << 8) & ~(1L << 21)).as(task + " CapEff").isZero();
            }
            // The thread that serves (the one the frontend's messages wake) holds only the serving set.
            assertThat(capEffOfEveryTask(pid)).contains(0x880000dbL);
        }
    }

    @Test
    void modcapsDecideWhatTheServingThreadKeeps() throws Exception {
        DaemonTarget target = new ConfiguredTarget("java", new JavaDaemonTarget(), List.of("--modcaps=-mknod:+sys_nice"));
        try (DaemonSession s = DaemonSession.start(target, scratch, shared, DriverProfile.byName("linux"),
                FrontendOptions.defaults())) {
            s.fuse().init().value();
            // The serving set 0x880000db without mknod (bit 27), with sys_nice (bit 23).
            assertThat(capEffOfEveryTask(servingProcess(s.daemon().pid()))).contains(0x808000dbL).doesNotContain(0x880000dbL);
        }
    }

    @Test
    void asRootTheDaemonIsPidOneOfItsOwnPidNamespaceWithoutANetworkAndItsSupervisorOutside() throws Exception {
        try (DaemonSession s = DaemonSession.start(new JavaDaemonTarget(), scratch, shared,
                DriverProfile.byName("linux"), FrontendOptions.defaults())) {
            s.fuse().init().value();
            long supervisor = s.daemon().pid();
            long daemon = servingProcess(supervisor);
            assertThat(daemon).isNotEqualTo(supervisor);
            Path self = Path.of("/proc/self/ns");
            Path its = Path.of("/proc/" + daemon + "/ns");
            assertThat(Files.readSymbolicLink(its.resolve("pid"))).isNotEqualTo(Files.readSymbolicLink(self.resolve("pid")));
            assertThat(Files.readSymbolicLink(its.resolve("net"))).isNotEqualTo(Files.readSymbolicLink(self.resolve("net")));
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + supervisor + "/ns/pid")))
                    .isEqualTo(Files.readSymbolicLink(self.resolve("pid")));
            // NSpid: its pid here, then in its own namespace (proc(5)).
            assertThat(field(Files.readString(Path.of("/proc/" + daemon + "/status")), "NSpid"))
                    .isEqualTo(daemon + "\t1");
            assertThat(s.fuse().getattr(1).value()).isNotNull();
        }
    }

    /**
     * The process that serves: as root the launcher's pid is the supervising shell outside the
     * pid namespace ({@code dev.vfc.sandbox.PidNamespace}) and the daemon its only child.
     */
    private static long servingProcess(long pid) throws IOException {
        String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        if (!comm.equals("sh")) {
            return pid;
        }
        List<Long> children = ProcessHandle.of(pid).orElseThrow().children().map(ProcessHandle::pid).toList();
        assertThat(children).as("children of the supervisor " + pid).hasSize(1);
        return children.get(0);
    }

    private static List<Long> capEffOfEveryTask(long pid) throws IOException {
        try (Stream<Path> t = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return t.map(task -> read(task.resolve("status"))).filter(st -> !st.isEmpty())
                    .map(st -> Long.parseLong(field(st, "CapEff"), 16)).toList();
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow()
                .substring(name.length() + 1).strip();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
