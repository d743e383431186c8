package dev.vfc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BenchmarkOptionsTest {

    @Test
    void no_arguments_mean_three_windows_of_three_seconds_against_java_and_c() throws Exception {
        BenchmarkOptions o = BenchmarkOptions.parse(List.of());

        assertThat(o.window()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.repeat()).isEqualTo(3);
        assertThat(o.targets()).containsExactly("java", "c");
        assertThat(o.help()).isFalse();
    }

    @Test
    void seconds_and_repeat_are_read_as_separate_or_inline_values() throws Exception {
        assertThat(BenchmarkOptions.parse(List.of("--seconds", "5", "--repeat", "1")))
                .returns(Duration.ofSeconds(5), BenchmarkOptions::window)
                .returns(1, BenchmarkOptions::repeat);
        assertThat(BenchmarkOptions.parse(List.of("--seconds=0.5", "--repeat=7")))
                .returns(Duration.ofMillis(500), BenchmarkOptions::window)
                .returns(7, BenchmarkOptions::repeat);
    }

    @Test
    void targets_are_a_comma_separated_list_kept_in_column_order() throws Exception {
        assertThat(BenchmarkOptions.parse(List.of("--targets", "c, java")).targets()).containsExactly("c", "java");
        assertThat(BenchmarkOptions.parse(List.of("--targets=c")).targets()).containsExactly("c");
    }

    @Test
    void help_wins_over_everything_else_on_the_line() throws Exception {
        assertThat(BenchmarkOptions.parse(List.of("--seconds", "1", "--help", "--nonsense")).help()).isTrue();
        assertThat(BenchmarkOptions.parse(List.of("-h")).help()).isTrue();
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource(delimiter = '|', value = {
        "--seconds 0            | --seconds",
        "--seconds -1           | --seconds",
        "--seconds soon         | --seconds",
        "--seconds 601          | --seconds",
        "--seconds NaN          | --seconds",
        "--seconds              | --seconds needs a value",
        "--seconds --repeat 2   | --seconds needs a value",
        "--repeat 0             | --repeat",
        "--repeat 1.5           | --repeat",
        "--repeat 100           | --repeat",
        "--targets qemu         | unknown target kind 'qemu'",
        "--targets java,,c      | --targets",
        "--targets java,java    | 'java' twice",
        "--target java          | unknown argument '--target'",
        "extra                  | unknown argument 'extra'"})
    void a_bad_argument_is_refused_with_one_line_that_names_it(String line, String named) {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of(line.split(" "))))
                .isInstanceOf(BenchmarkOptions.BadArguments.class)
                .hasMessageContaining(named)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_command_answers_bad_arguments_with_one_line_on_stderr_and_status_2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ThroughputBenchmark.run(List.of("--repeat", "zero"), print(out), print(err));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("throughput-benchmark: --repeat");
    }

    @Test
    void the_command_prints_its_usage_on_help_without_running_anything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ThroughputBenchmark.run(List.of("--help"), print(out), print(err));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: throughput-benchmark").contains("--targets");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
