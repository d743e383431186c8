package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillMatrixFileTest {

    @TempDir
    Path dir;

    private static KillMatrixFile matrix() {
        return new KillMatrixFile("java", List.of(
                new KillMatrixFile.MutantEntry("read-limit-1mib", "ENOMEM above 1 MiB", "Rust 1.6.0", 3, List.of("READ"),
                        List.of(new KillMatrixFile.Kill("read/a", Verdict.Kind.FAIL, Verdict.Kind.PASS))),
                new KillMatrixFile.MutantEntry("harmless", "slower", "", 5, List.of(), List.of())),
                List.of(new KillMatrixFile.ScenarioEntry("read/a", Axis.CONFORMANCE, Verdict.Kind.PASS,
                                List.of("read-limit-1mib")),
                        new KillMatrixFile.ScenarioEntry("robustness/b", Axis.HARDENING, Verdict.Kind.CONTAINED,
                                List.of())));
    }

    @Test
    void theScoresCountScenariosKillingAndMutantsKilled() {
        assertThat(matrix().scenariosKilling()).isEqualTo(1);
        assertThat(matrix().mutantsKilled()).isEqualTo(1);
        assertThat(matrix().toJson().at("/scores/mutants/of").asInt()).isEqualTo(2);
    }

    @Test
    void theFileReadsBackAsItWasWritten() throws IOException {
        Path file = dir.resolve(KillMatrixFile.FILE_NAME);
        matrix().write(file);

        assertThat(KillMatrixFile.read(file)).isEqualTo(matrix());
        assertThat(Files.readString(file)).contains("\"killedBy\" : [ {", "\"verdict\" : \"FAIL\"", "\"stock\" : \"PASS\"");
    }

    @Test
    void aFileThatIsNotAKillMatrixIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"targets\": []}");

        assertThatThrownBy(() -> KillMatrixFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not a kill matrix");
    }
}
