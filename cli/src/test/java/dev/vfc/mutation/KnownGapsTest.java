package dev.vfc.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.daemon.Assembly;
import dev.vfc.mutants.Mutant;
import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownGapsTest {

    @TempDir
    Path dir;

    private static ScenarioResult result(String id, Verdict v) {
        return new ScenarioResult(id, "t", "r", Axis.CONFORMANCE, v, 1, "", "");
    }

    private static KillMatrix matrix() {
        Map<String, ScenarioResult> stock = new LinkedHashMap<>();
        stock.put("read/a", result("read/a", Verdict.pass("ok")));
        stock.put("init/b", result("init/b", Verdict.pass("ok")));
        return new KillMatrix(stock, List.of(new Mutant("short-read", "bug", "", Set.of(), Assembly.STOCK),
                new Mutant("harmless", "slow", "", Set.of(), Assembly.STOCK)),
                Map.of("short-read", Map.of("read/a", result("read/a", Verdict.fail("a", "b")))));
    }

    private KnownGaps gaps(String text) throws IOException {
        Path f = dir.resolve("expected.txt");
        Files.writeString(f, text);
        return KnownGaps.read(f, dir);
    }

    @Test
    void listedGapsWithReasonsAgreeWithTheMatrix() throws IOException {
        assertThat(gaps("# reviewed\nscenario init/b INIT is answered by the server, not the filesystem\n"
                + "mutant harmless only slower, which no verdict measures\n").check(matrix())).isEmpty();
    }

    @Test
    void aGapSaidToFailOnAPeerIsHeldToThatPeersBaseline() throws IOException {
        Files.writeString(dir.resolve("c.txt"), "init/b FAIL the peer's answer\n");
        Files.writeString(dir.resolve("rust.txt"), "init/b PASS as the stock daemon\n");
        String mutant = "mutant harmless only slower\n";

        assertThat(gaps("scenario init/b fails on c: the C daemon answers EIO\n" + mutant).check(matrix())).isEmpty();
        assertThat(gaps("scenario init/b fails on rust: no\n" + mutant).check(matrix()))
                .containsExactly("scenario init/b is said to fail on rust, but " + dir.resolve("rust.txt")
                        + " records PASS for it, as the stock daemon gets");
        assertThat(gaps("scenario init/b fails on qemu: no\n" + mutant).check(matrix()))
                .singleElement().asString().startsWith("scenario init/b is said to fail on qemu, which has no baseline");
    }

    @Test
    void anUnlistedGapAndAStaleLineAreEachOneProblem() throws IOException {
        List<String> problems = gaps("scenario read/a listed by mistake\n").check(matrix());

        assertThat(problems).hasSize(3);
        assertThat(problems).anyMatch(p -> p.startsWith("scenario init/b kills no mutant and is not listed"));
        assertThat(problems).anyMatch(p -> p.equals("scenario read/a now kills short-read: remove its line"));
        assertThat(problems).anyMatch(p -> p.startsWith("mutant harmless survives (slow)"));
    }

    @Test
    void aLineWithoutAReasonIsRefusedWithItsNumber() throws IOException {
        assertThatThrownBy(() -> gaps("\nmutant harmless\n")).isInstanceOf(IOException.class)
                .hasMessageEndingWith("expected.txt:2: expected 'scenario ID REASON' or 'mutant NAME REASON'");
    }
}
