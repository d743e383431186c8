package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.session.DaemonSession;
import dev.vfc.targets.Targets;
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
 * What {@code --sandbox} gives: a daemon whose root is the share, whose threads are filtered and
 * hold no privilege they could regain, and a daemon-side bug that opens an absolute path finding
 * the share there instead of the host (the mutant {@code lookup-opens-absolute-names}).
 */
class SandboxIT {

    private static final String ABSOLUTE_ETC = "path-safety/lookup/absolute-etc";

    @TempDir
    Path scratch;
    @TempDir
    Path shared;

    private ScenarioResult run(String spec, String id) throws Exception {
        List<Scenario> matched = Suite.matching(id);
        assertThat(matched).as(id).hasSize(1);
        ScenarioResult r = new ScenarioRunner(Targets.byName(spec), scratch).run(matched.get(0));
        System.out.printf("[%s] %-32s %-9s %s%n", spec, id, r.verdict().kind().label(), r.verdict().detail());
        return r;
    }

    @Test
    void aDaemonThatOpensAbsoluteNamesReachesTheHostsEtcWithoutASandbox() throws Exception {
        ScenarioResult r = run("java-mutant:lookup-opens-absolute-names", ABSOLUTE_ETC);

        assertThat(r.verdict()).isInstanceOf(Verdict.Breach.class);
        assertThat(r.verdict().detail()).contains("the host's /etc");
    }

    @Test
    void theSameBugInANamespaceSandboxFindsOnlyTheShare() throws Exception {
        assertThat(run("java-mutant:lookup-opens-absolute-names+--sandbox=namespace", ABSOLUTE_ETC).verdict())
                .isInstanceOf(Verdict.Contained.class);
    }

    @Test
    void theSameBugInAChrootSandboxFindsOnlyTheShare() throws Exception {
        assertThat(run("java-mutant:lookup-opens-absolute-names+--sandbox=chroot", ABSOLUTE_ETC).verdict())
                .isInstanceOf(Verdict.Contained.class);
    }

    @Test
    void theDefaultDaemonServesWithTheShareAsRootEveryThreadFilteredAndServingThreadsCut() throws Exception {
        Files.writeString(shared.resolve("only-in-the-share"), "x");
        try (DaemonSession s = DaemonSession.start(new JavaDaemonTarget(), scratch, shared,
                DriverProfile.byName("linux"), FrontendOptions.defaults())) {
            s.fuse().init().value();
            long pid = s.daemon().pid();
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
            assertThat(tasks.stream().map(t -> read(t.resolve("status")))
                    .filter(st -> Long.parseLong(field(st, "CapEff"), 16) == 0x880000dbL)).isNotEmpty();
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
