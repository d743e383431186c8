package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VfcTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vfc(String... args) {
        return Vfc.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        assertThat(vfc("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("compare", "gate", "baseline", "daemon", "bench");
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        assertThat(vfc()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: vfc COMMAND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "gate", "baseline", "daemon", "bench", "junit", "merge", "doctor"})
    void everyCommandHasItsOwnHelp(String command) {
        assertThat(vfc(command, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).toLowerCase()).contains("usage");
    }

    @Test
    void badArgumentsGiveOneLineAndExitTwo() {
        assertThat(vfc("frobnicate")).isEqualTo(2);
        assertThat(vfc("compare", "--target", "nfs")).isEqualTo(2);
        assertThat(vfc("compare", "--scenario", "no/such/**")).isEqualTo(2);
        assertThat(vfc("compare", "--out")).isEqualTo(2);
        assertThat(vfc("compare", "--target", "c", "--target", "c")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("vfc"))
                .anySatisfy(l -> assertThat(l).contains("unknown command 'frobnicate'"))
                .anySatisfy(l -> assertThat(l).contains("no scenario matches 'no/such/**'"))
                .anySatisfy(l -> assertThat(l).contains("--out needs a value"));
    }

    @Test
    void anEarlierRunOrBaselinesThatCannotBeReadGiveOneLineAndExitTwoBeforeAnythingRuns(@TempDir Path dir)
            throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"targets\": [");
        Path baselines = Files.createDirectories(dir.resolve("baselines"));
        Files.writeString(baselines.resolve("java.txt"), "read/a GREAT conforms\n");

        assertThat(vfc("compare", "--target", "java", "--against", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--against", broken.toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--against", dir.toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--baselines", broken.toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--baselines", baselines.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).satisfiesExactly(
                l -> assertThat(l).isEqualTo("vfc compare: --against: " + dir.resolve("none")
                        + ": no such file or directory"),
                l -> assertThat(l).startsWith("vfc compare: --against: " + broken + ": "),
                l -> assertThat(l).startsWith("vfc compare: --against: " + broken + ": "),
                l -> assertThat(l).isEqualTo("vfc compare: --baselines: " + broken
                        + ": not a directory of baselines (<target>.txt)"),
                l -> assertThat(l).startsWith("vfc compare: --baselines: " + baselines.resolve("java.txt") + ":1: "));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("scenarios ×");
    }

    @Test
    void aBenchFileThatIsMissingOrNotABenchResultGivesOneLineAndExitTwoBeforeAnythingRuns(@TempDir Path dir)
            throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"rows\": [");
        Path other = Files.writeString(dir.resolve("results.json"), "{\"targets\": []}");

        assertThat(vfc("compare", "--target", "java", "--bench", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--bench", broken.toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--bench=" + other)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).satisfiesExactly(
                l -> assertThat(l).isEqualTo("vfc compare: --bench: " + dir.resolve("none.json")
                        + ": no such file (vfc bench --json FILE writes one)"),
                l -> assertThat(l).startsWith("vfc compare: --bench: " + broken + ": not valid JSON: "),
                l -> assertThat(l).isEqualTo("vfc compare: --bench: " + other
                        + ": not a benchmark result of vfc bench --json (no \"rows\" array)"));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("scenarios ×");
    }

    @Test
    void badTargetSpecsAndTwoTargetsOfOneNameGiveOneLineAndExitTwo() {
        assertThat(vfc("compare", "--target", "stock@qemu")).isEqualTo(2);
        assertThat(vfc("compare", "--target", "a b@rust")).isEqualTo(2);
        assertThat(vfc("compare", "--target", "rust", "--target", "rust=/opt/virtiofsd/run")).isEqualTo(2);
        assertThat(vfc("compare", "--target", "x@c", "--target", "x@rust")).isEqualTo(2);
        assertThat(vfc("compare", "--target", "c", "--require", "rust")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(5)
                .allSatisfy(l -> assertThat(l).startsWith("vfc compare: "))
                .anySatisfy(l -> assertThat(l).contains("unknown target kind 'qemu'"))
                .anySatisfy(l -> assertThat(l).contains("a target name is"))
                .anySatisfy(l -> assertThat(l).contains("two targets are named 'rust'"))
                .anySatisfy(l -> assertThat(l).contains("two targets are named 'x'"))
                .anySatisfy(l -> assertThat(l).contains("required target rust not among the targets of this run (c)"));
    }

    @Test
    void aRequiredTargetThatCannotRunFailsTheRunWithOneLineAndExitOne() {
        assertThat(vfc("compare", "--target", "patched@rust=/nonexistent/virtiofsd", "--require", "patched",
                "--scenario", "lifecycle/**")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "vfc compare: required target patched cannot run: no Rust virtiofsd: /nonexistent/virtiofsd is not an executable file");
    }

    @Test
    void theHelpShowsHowToNameAndConfigureATarget() {
        assertThat(vfc("compare", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NAME@SPEC", "--target stock@rust --target patched@rust=/opt/virtiofsd/run",
                "rust+--sandbox=none", "--require LIST", "--bench FILE");
    }

    @Test
    void aShardThatIsNotKOfNGivesOneLineAndExitTwo() {
        for (String bad : List.of("0/4", "5/4", "x", "1/0", "2")) {
            assertThat(vfc("compare", "--target", "java", "--shard", bad)).as(bad).isEqualTo(2);
        }
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(5)
                .allSatisfy(l -> assertThat(l).startsWith("vfc compare: --shard: a shard is K/N"));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("scenarios ×");
    }

    @Test
    void mergeAndJunitWithoutWhatTheyNeedGiveOneLineAndExitTwo(@TempDir Path dir) {
        assertThat(vfc("merge", dir.toString())).isEqualTo(2);
        assertThat(vfc("merge", "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(vfc("merge", dir.resolve("none").toString(), "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(vfc("junit", "--results", dir.resolve("none").toString(), "--out", dir.resolve("j.xml").toString())).isEqualTo(2);
        assertThat(vfc("compare", "--target", "java", "--baselines", dir.resolve("no-baselines").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("vfc "))
                .anySatisfy(l -> assertThat(l).contains("merge: --out is required"))
                .anySatisfy(l -> assertThat(l).contains("merge: give the shards' report directories"))
                .anySatisfy(l -> assertThat(l).contains("merge: no results at"))
                .anySatisfy(l -> assertThat(l).contains("--baselines"));
    }

    @Test
    void theDoctorNamesEveryDefaultTargetFrontendAndGuestAndWhyOneCannotRun() {
        int status = vfc("doctor");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("targets:", "frontends:", "guests:");
        for (String name : List.of("java", "c", "rust", "rust-sandbox-none", "container:vfc/rust-virtiofsd:1.13.2", "QEMU", "OVMF",
                "Linux guest")) {
            assertThat(lines).as(name).anySatisfy(l -> assertThat(l).matches("  (ok  |NO  ) " + java.util.regex.Pattern.quote(name)
                    + "[ (].*\\S.*"));
        }
        boolean anyMissing = lines.stream().anyMatch(l -> l.startsWith("  NO "));
        assertThat(status).isEqualTo(anyMissing ? 1 : 0);
        assertThat(lines.get(lines.size() - 1)).startsWith("vfc doctor: ");
    }
}
