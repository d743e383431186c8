package dev.vfc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BenchFiguresTest {

    /** As vfc bench --json writes it; c has no GETATTR figure (not measured), rust no start-up. */
    static final String BENCH_JSON = """
            {"machine": "2 CPUs (nproc), kernel 6.1.0, Java 17.0.9",
             "rows": [
              {"workload": "READ 1 MiB, linux (4 KiB descriptors, indirect)", "unit": "MB/s",
               "values": {"java": 9344.0, "c": 7104.0, "rust": 7229.0, "limit": 14700.0},
               "p50_us": {"java": 110.2, "c": 140.5, "rust": 138.0, "limit": 70.0},
               "p99_us": {"java": 180.0, "c": 210.0, "rust": 205.5, "limit": 90.0},
               "alloc_bytes_per_request": {"java": 312.0}},
              {"workload": "GETATTR", "unit": "k ops/s",
               "values": {"java": 41.5, "rust": 38.25, "limit": 120.0},
               "p50_us": {}, "p99_us": {}, "alloc_bytes_per_request": {}}
             ],
             "startup_ms": {"java": {"listening": 310.0, "first_read": 900.0},
                            "c": {"listening": 12.0, "first_read": 40.5}},
             "commands": {"java": "java -jar daemon.jar --socket-path=x", "c": "/usr/lib/qemu/virtiofsd --socket-path=x",
                          "rust": "/usr/libexec/virtiofsd --socket-path=x"}}
            """;

    @TempDir
    Path dir;

    @Test
    void a_bench_file_reads_into_rows_of_figures_in_the_files_order() throws IOException {
        BenchFigures f = BenchFigures.read(write(BENCH_JSON));

        assertThat(f.machine()).isEqualTo("2 CPUs (nproc), kernel 6.1.0, Java 17.0.9");
        assertThat(f.rows()).extracting(BenchFigures.Row::workload)
                .containsExactly("READ 1 MiB, linux (4 KiB descriptors, indirect)", "GETATTR");
        BenchFigures.Row read = f.rows().get(0);
        assertThat(read.unit()).isEqualTo("MB/s");
        assertThat(read.values()).containsExactly(Map.entry("java", 9344.0),
                Map.entry("c", 7104.0), Map.entry("rust", 7229.0),
                Map.entry("limit", 14700.0));
        assertThat(read.p50Micros()).containsEntry("java", 110.2);
        assertThat(read.p99Micros()).containsEntry("rust", 205.5);
        assertThat(read.allocBytesPerRequest()).containsExactly(Map.entry("java", 312.0));
        assertThat(f.startUp()).containsEntry("c", new BenchFigures.StartUp(12.0, 40.5)).doesNotContainKey("rust");
        assertThat(f.commands()).containsEntry("c", "/usr/lib/qemu/virtiofsd --socket-path=x");
    }

    @Test
    void a_cell_that_was_not_measured_has_no_figure_but_its_daemon_stays_a_daemon() throws IOException {
        BenchFigures f = BenchFigures.read(write(BENCH_JSON));

        assertThat(f.rows().get(1).values()).doesNotContainKey("c").containsKeys("java", "rust", "limit");
        assertThat(f.rows().get(1).p50Micros()).isEmpty();
        assertThat(f.daemons()).as("the limit is a bar, not a daemon").containsExactly("java", "c", "rust");
    }

    @Test
    void a_bars_share_is_its_value_over_the_largest_of_its_row_limit_included() throws IOException {
        BenchFigures.Row read = BenchFigures.read(write(BENCH_JSON)).rows().get(0);

        assertThat(read.largest()).isEqualTo(14700.0);
        assertThat(read.share(14700.0)).isEqualTo(1.0);
        assertThat(read.share(7350.0)).isEqualTo(0.5);
        assertThat(new BenchFigures.Row("none", "MB/s", Map.of(), Map.of(), Map.of(),
                Map.of()).share(0)).as("an empty row draws no bar rather than dividing by zero").isZero();
    }

    @Test
    void a_file_that_is_not_json_names_the_file_and_says_so() throws IOException {
        Path bad = write("{\"rows\": [");

        assertThatThrownBy(() -> BenchFigures.read(bad)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(bad + ": not valid JSON");
    }

    @Test
    void a_file_that_is_not_there_is_said_to_be_missing() {
        Path none = dir.resolve("bench.json");

        assertThatThrownBy(() -> BenchFigures.read(none)).isInstanceOf(IOException.class)
                .hasMessage(none + ": no such file (vfc bench --json FILE writes one)");
    }

    @Test
    void json_of_another_shape_is_refused_with_what_is_missing() throws IOException {
        Path results = write("{\"generated\": \"2026-01-01T00:00:00Z\", \"targets\": []}");
        Path text = write("{\"rows\": [{\"workload\": \"READ\", \"unit\": \"MB/s\", \"values\": {\"java\": \"fast\"}}]}");
        Path negative = write("{\"rows\": [{\"workload\": \"READ\", \"unit\": \"MB/s\", \"values\": {\"c\": -1}}]}");
        Path noUnit = write("{\"rows\": [{\"workload\": \"READ\", \"values\": {}}]}");

        assertThatThrownBy(() -> BenchFigures.read(results)).isInstanceOf(IOException.class)
                .hasMessage(results + ": not a benchmark result of vfc bench --json (no \"rows\" array)");
        assertThatThrownBy(() -> BenchFigures.read(text)).hasMessageEndingWith("(rows[0].values.java is not a number)");
        assertThatThrownBy(() -> BenchFigures.read(negative)).hasMessageEndingWith("(rows[0].values.c is negative)");
        assertThatThrownBy(() -> BenchFigures.read(noUnit)).hasMessageEndingWith("(rows[0] has no \"unit\" string)");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "bench", ".json"), json);
    }
}
