package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn verify -Pmutants}: the whole suite against every mutant, the kill matrix held to
 * the reviewed gaps of mutants/expected.txt. A new survivor, a scenario that stopped killing, or
 * a stale line fails the build with its line.
 */
class KillMatrixIT {

    @TempDir
    Path out;

    @Test
    void theKillMatrixAgreesWithItsReviewedGaps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = Vfc.run(List.of("mutants", "--jobs", "2", "--out", out.toString(), "--expected",
                System.getProperty("vfc.mutants.expected", "mutants/expected.txt"), "--baselines",
                System.getProperty("vfc.baselines", "baselines")), print, print);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(status).as(text.lines().filter(l -> l.startsWith("vfc mutants: ")).toList().toString())
                .isZero();
        assertThat(text).containsPattern("(?m)^scenarios that kill a mutant: \\d+ of \\d+$")
                .containsPattern("(?m)^mutants killed: \\d+ of \\d+$");
    }
}
