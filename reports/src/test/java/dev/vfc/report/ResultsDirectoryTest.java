package dev.vfc.report;

import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResultsDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void reads_every_per_target_file_of_a_directory_in_name_order() throws IOException {
        ResultsFile rust = target("rust", fail("read/a"));
        ResultsFile c = target("c", pass("read/a"));
        rust.write(dir.resolve("rust.json"));
        c.write(dir.resolve("c.json"));
        Files.writeString(dir.resolve("notes.txt"), "not results");

        assertThat(ResultsDirectory.read(dir)).containsExactly(c, rust);
    }

    @Test
    void reads_a_merged_results_json_as_all_of_its_targets() throws IOException {
        List<ResultsFile> targets = List.of(target("java", pass("read/a")), target("c", fail("read/a")));
        ComparisonReport.of(targets, Instant.EPOCH).write(dir.resolve("report"));

        assertThat(ResultsDirectory.read(dir.resolve("report/results.json"))).isEqualTo(targets);
        assertThat(ResultsDirectory.read(dir.resolve("report"))).isEqualTo(targets);
    }

    @Test
    void a_malformed_file_is_named_in_the_error() throws IOException {
        target("c", pass("read/a")).write(dir.resolve("c.json"));
        Files.writeString(dir.resolve("rust.json"), "{\"target\": {\"name\": \"rust\"}, \"results\": [{]}");

        assertThatThrownBy(() -> ResultsDirectory.read(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("rust.json") + ": not valid JSON");
    }

    @Test
    void a_json_file_that_is_no_results_file_is_named_in_the_error() throws IOException {
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"something else\"}");

        assertThatThrownBy(() -> ResultsDirectory.read(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("package.json") + ": not a results file");
    }

    @Test
    void the_same_target_in_two_files_names_both_files() throws IOException {
        target("c", pass("read/a")).write(dir.resolve("c.json"));
        target("c", fail("read/a")).write(dir.resolve("c-again.json"));

        assertThatThrownBy(() -> ResultsDirectory.read(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("c.json") + ": target c is also in " + dir.resolve("c-again.json"));
    }

    @Test
    void an_empty_directory_says_there_is_nothing_to_read() {
        assertThatThrownBy(() -> ResultsDirectory.read(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir + ": no *.json results files in it");
    }

    @Test
    void a_path_that_does_not_exist_is_named() {
        assertThatThrownBy(() -> ResultsDirectory.read(dir.resolve("nope"))).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("nope") + ": no such file or directory");
    }
}
