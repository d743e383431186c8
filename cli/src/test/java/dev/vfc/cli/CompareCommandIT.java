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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vfc compare} end to end on the Java, C and Rust daemons with a few scenarios: live progress,
 * the report files, results.json with the results fields; then {@code vfc baseline} writes a
 * baseline from it and {@code vfc gate} holds the run to it (0), and to a changed line (1); and
 * with {@code --bench}, the page carries the bench result.
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

    @Test
    void compareWithABenchResultGivesTheReportItsPerformanceSection() throws Exception {
        Path bench = Files.writeString(dir.resolve("bench.json"), """
                {"machine": "2 CPUs (nproc), kernel 6.1.0, Java 17",
                 "rows": [{"workload": "READ 1 MiB, linux (4 KiB descriptors, indirect)", "unit": "MB/s",
                           "values": {"java": 9344.0, "limit": 14700.0}, "p50_us": {}, "p99_us": {},
                           "alloc_bytes_per_request": {"java": 312.0}}],
                 "startup_ms": {}, "commands": {"java": "java -jar vfc-daemon.jar"}}
                """);
        Path report = dir.resolve("report");

        int status = vfc("compare", "--target", "java", "--scenario", "read/eof/at-end", "--bench", bench.toString(),
                "--out", report.toString());

        assertThat(status).as(out.toString(StandardCharsets.UTF_8) + err).isZero();
        String html = Files.readString(report.resolve("index.html"));
        Matcher island = Pattern.compile("<script type=\"application/json\" id=\"vfc-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(island.find()).isTrue();
        JsonNode performance = new ObjectMapper().readTree(island.group(1)).path("performance");
        assertThat(performance.at("/rows/0/workload").asText()).isEqualTo("READ 1 MiB, linux (4 KiB descriptors, indirect)");
        assertThat(performance.at("/rows/0/bars")).extracting(b -> b.path("name").asText()).containsExactly("java", "limit");
        assertThat(performance.at("/commands/0/command").asText()).isEqualTo("java -jar vfc-daemon.jar");
    }
}
