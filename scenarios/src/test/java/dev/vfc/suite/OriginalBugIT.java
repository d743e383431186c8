package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.targets.Availability;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite catches the bug it was built for: the Java daemon, told to answer ENOMEM to every
 * READ above 1 MiB as the Rust virtiofsd 1.0–1.6.0 did (virtiofsd GitLab issue #90), fails the
 * large-READ scenarios that send one READ above 1 MiB (OVMF's shape and the one-buffer indirect
 * shape), with ENOMEM in the detail, and passes the rest. Linux 6.1 splits a large read into
 * requests of at most 124 pages on a 128-entry queue (fs/fuse/virtio_fs.c virtio_fs_get_tree), so
 * the {@code linux} scenarios pass, which is why Linux guests never met the bug and OVMF did.
 */
class OriginalBugIT {

    @TempDir
    Path scratch;

    @Test
    void theReadLimitOfRustVirtiofsd160FailsExactlyTheReadsAboveOneMebibyte() throws Exception {
        JavaDaemonTarget buggy = new JavaDaemonTarget(List.of("--inject-fault=read-limit-1mib"));
        assumeThat(buggy.availability()).as("%s", buggy.availability()).isInstanceOf(Availability.Available.class);
        ScenarioRunner runner = new ScenarioRunner(buggy, scratch);

        List<Scenario> reads = Suite.matching("read/large/**");
        assertThat(reads).hasSize(LargeReads.SIZES.size() * 3);
        for (Scenario s : reads) {
            ScenarioResult r = runner.run(s);
            long size = Long.parseLong(s.id().split("/")[2]);
            System.out.printf("[java read-limit-1mib] %-34s %-5s %s%n", s.id(), r.verdict().kind().label(),
                    r.verdict().detail());
            if (size > LargeReads.MIB && !s.id().endsWith("/linux")) {
                assertThat(r.verdict()).as(s.id()).isInstanceOf(Verdict.Fail.class);
                assertThat(r.verdict().detail()).as(s.id()).contains("ENOMEM(-12)");
            } else {
                assertThat(r.verdict()).as(s.id()).isInstanceOf(Verdict.Pass.class);
            }
        }
    }
}
