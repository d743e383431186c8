package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LogTailTest {

    @TempDir
    Path dir;

    private Path log(String content) throws IOException {
        return Files.writeString(dir.resolve("daemon.log"), content, StandardCharsets.UTF_8);
    }

    @Test
    void the_last_lines_come_oldest_first() throws IOException {
        Path log = log("one\ntwo\nthree\nfour\n");
        assertThat(LogTail.read(log, 0, 2)).containsExactly("three", "four");
    }

    @Test
    void a_last_line_without_newline_counts() throws IOException {
        Path log = log("one\ntwo\nthree");
        assertThat(LogTail.read(log, 0, 2)).containsExactly("two", "three");
    }

    @Test
    void asking_for_more_lines_than_there_are_gives_them_all() throws IOException {
        Path log = log("one\ntwo\n");
        assertThat(LogTail.read(log, 0, 50)).containsExactly("one", "two");
    }

    @Test
    void blank_lines_inside_the_log_are_kept() throws IOException {
        Path log = log("one\n\nthree\n");
        assertThat(LogTail.read(log, 0, 3)).containsExactly("one", "", "three");
    }

    @Test
    void a_missing_or_empty_log_has_no_lines() throws IOException {
        assertThat(LogTail.read(dir.resolve("nope.log"), 0, 5)).isEmpty();
        assertThat(LogTail.read(log(""), 0, 5)).isEmpty();
    }

    @Test
    void lines_before_the_start_offset_belong_to_an_earlier_run() throws IOException {
        Path log = log("old run\nold end\n");
        long start = Files.size(log);
        Files.writeString(log, "new run\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(LogTail.read(log, start, 10)).containsExactly("new run");
    }

    @Test
    void a_long_log_is_read_from_its_end_across_chunks() throws IOException {
        String content = IntStream.range(0, 20_000).mapToObj(i -> "line " + i + " " + "x".repeat(i % 50))
                .collect(Collectors.joining("\n", "", "\n"));
        Path log = log(content);
        assertThat(LogTail.read(log, 0, 3)).containsExactly(
                "line 19997 " + "x".repeat(19997 % 50),
                "line 19998 " + "x".repeat(19998 % 50),
                "line 19999 " + "x".repeat(19999 % 50));
        assertThat(LogTail.read(log, 0, 1000)).hasSize(1000).startsWith("line 19000 " + "x".repeat(19000 % 50));
    }

    @Test
    void carriage_returns_and_bad_utf8_do_not_break_it() throws IOException {
        Path log = dir.resolve("bin.log");
        Files.write(log, new byte[] {'a', '\r', '\n', (byte) 0xff, 'b', '\n'});
        assertThat(LogTail.read(log, 0, 2)).containsExactly("a", "\uFFFDb");
    }
}
