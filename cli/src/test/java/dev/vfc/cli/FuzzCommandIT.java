package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vfc fuzz} end to end: against a mutant whose queue worker dies where it should answer
 * EINVAL it finds a HANG, saves and minimises the transcript, and the minimised transcript
 * replays to the same finding; the stock Java daemon gives no finding in 10 s.
 */
class FuzzCommandIT {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vfc(String... args) {
        return Vfc.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fuzzingAMutantWhoseWorkerDiesFindsAHangAndMinimisesItToOneRequestThatReplays() throws Exception {
        Path findings = dir.resolve("findings");

        int status = vfc("fuzz", "--target", "java-mutant:worker-dies-on-refusal", "--seconds", "5", "--seed", "1",
                "--out", findings.toString());

        assertThat(status).as(printed()).isEqualTo(1);
        assertThat(printed()).contains("finding 1: HANG [hardening] no worker of the daemon dies")
                .contains("minimised to 1 of").contains(findings.resolve("finding-1-min.json").toString());
        JsonNode min = new ObjectMapper().readTree(findings.resolve("finding-1-min.json").toFile());
        assertThat(min.path("verdict").asText()).isEqualTo("HANG");
        assertThat(min.path("requests")).hasSize(1);
        assertThat(findings.resolve("finding-1.json")).isNotEmptyFile();

        out.reset();
        int replayed = vfc("fuzz", "--target", "java-mutant:worker-dies-on-refusal", "--replay",
                findings.resolve("finding-1-min.json").toString());
        assertThat(replayed).as(printed()).isEqualTo(1);
        assertThat(printed()).contains("reproduced at request 1: HANG");

        out.reset();
        int onStock = vfc("fuzz", "--target", "java", "--replay", findings.resolve("finding-1-min.json").toString());
        assertThat(onStock).as(printed()).isZero();
        assertThat(printed()).contains("no finding");
    }

    @Test
    void theStockJavaDaemonGivesNoFindingInTenSeconds() {
        int status = vfc("fuzz", "--target", "java", "--seconds", "10", "--seed", "2", "--out", dir.toString());

        assertThat(status).as(printed()).isZero();
        assertThat(printed()).containsPattern("java: \\d{3,} inputs in").contains("0 findings");
    }

    @Test
    void aBadArgumentIsOneLineAndExitTwo() {
        assertThat(vfc("fuzz", "--target", "java", "--seconds", "soon")).isEqualTo(2);
        assertThat(vfc("fuzz", "--seconds", "5")).isEqualTo(2);
        assertThat(vfc("fuzz", "--target", "nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("vfc fuzz: --seconds takes a number, got 'soon'",
                        "vfc fuzz: --target is required (see vfc fuzz --help)",
                        err.toString(StandardCharsets.UTF_8).lines().toList().get(2));
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList().get(2)).startsWith("vfc fuzz: bad target spec 'nope'");
    }
}
