package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vfc.targets.Availability;
import dev.vfc.targets.CVirtiofsdTarget;
import dev.vfc.targets.RustVirtiofsdTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vfc compare} end to end on the Java, C and Rust daemons with a few scenarios: live progress,
 * the report files, results.json with the results fields; then {@code vfc baseline} writes a
 * baseline from it and {@code vfc gate} holds the run to it (0), and to a changed line (1).
 */
class CompareCommandIT {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vfc(String... args) {
        return Vfc.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void compareWritesTheReportAndTheGateHoldsTheRunToItsBaseline() throws Exception {
        assumeThat(new CVirtiofsdTarget().availability()).isInstanceOf(Availability.Available.class);
        assumeThat(new RustVirtiofsdTarget().availability()).isInstanceOf(Availability.Available.class);
        Path report = dir.resolve("report");

        int status = vfc("compare", "--target", "java", "--target", "c", "--target", "rust", "--scenario", "read/eof/**",
                "--scenario", "ovmf/replay/removable-media/*", "--out", report.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed + err).isZero();
        assertThat(printed).contains("[ 1/21] java").contains("[21/21] rust").contains("report in " + report.resolve("index.html"));
        assertThat(report.resolve("index.html")).isNotEmptyFile();
        assertThat(report.resolve("summary.md")).content().contains("| `java` |").contains("| `c` |");
        assertThat(Files.list(report.resolve("allure-results")).filter(p -> p.toString().endsWith("-result.json")))
                .hasSize(21);
        JsonNode merged = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        assertThat(merged.path("targets")).extracting(t -> t.path("target").path("name").asText()).containsExactly("java", "c", "rust");
        JsonNode first = merged.path("targets").get(0).path("results").get(0);
        for (String field : List.of("scenario", "title", "rule", "verdict", "detail", "millis", "transcript", "log")) {
            assertThat(first.has(field)).as(field).isTrue();
        }

        Path baseline = dir.resolve("c.txt");
        assertThat(vfc("baseline", "--results", report.toString(), "--baseline", baseline.toString())).isZero();
        assertThat(Files.readAllLines(baseline)).as("the header, the conformance block's comment, 7 lines").hasSize(2 + 7);
        assertThat(vfc("gate", "--baseline", baseline.toString(), "--results", report.toString())).isZero();

        Files.writeString(baseline, Files.readString(baseline).replace("read/eof/at-end PASS", "read/eof/at-end FAIL"));
        assertThat(vfc("gate", "--baseline", baseline.toString(), "--results", report.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("c read/eof/at-end: unexpected PASS");
    }
}
