package dev.vfc.ovmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.targets.Availability;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original bug report, replayed: the UEFI shell's run of startup.nsh and grubx64.efi
 * (2,525,712 bytes) against the Java daemon told to answer ENOMEM above 1 MiB, as the Rust
 * virtiofsd 1.0–1.6.0 did, fails on LoadImage's one READ of the whole file with ENOMEM — the
 * request the firmware's DEBUG line named (VirtioFsFuseReadFileOrDir ... Size=0x268A10 Errno=-12).
 */
class OriginalBugReplayIT {

    @TempDir
    Path scratch;

    @Test
    void theShellRunFailsOnTheReadOfTheWholeImageWithEnomem() throws Exception {
        JavaDaemonTarget buggy = new JavaDaemonTarget(List.of("--inject-fault=read-limit-1mib"));
        assumeThat(buggy.availability()).as("%s", buggy.availability()).isInstanceOf(Availability.Available.class);

        long start = System.nanoTime();
        ScenarioResult result = new ScenarioRunner(buggy, scratch).run(
                OvmfFixtures.replay(BootMode.SHELL, Images.BUG_REPORT_SIZE));
        System.out.printf("[java read-limit-1mib] %s %s %s (%d ms)%n", result.scenario(),
                result.verdict().kind().label(), result.verdict().detail(), (System.nanoTime() - start) / 1_000_000);

        assertThat(result.verdict()).isInstanceOf(Verdict.Fail.class);
        assertThat(result.verdict().detail())
                .startsWith("#146 READ nodeid=@grubx64.efi")
                .contains("size=2525712")
                .contains("expected OK with 2525712 bytes, got ENOMEM(-12)");
    }

    @Test
    void theSameRunPassesAgainstTheUnwrappedJavaDaemon() throws Exception {
        JavaDaemonTarget java = new JavaDaemonTarget();
        assumeThat(java.availability()).as("%s", java.availability()).isInstanceOf(Availability.Available.class);

        ScenarioResult result = new ScenarioRunner(java, scratch).run(
                OvmfFixtures.replay(BootMode.SHELL, Images.BUG_REPORT_SIZE));

        assertThat(result.verdict()).as(result.verdict().detail()).isInstanceOf(Verdict.Pass.class);
    }
}
