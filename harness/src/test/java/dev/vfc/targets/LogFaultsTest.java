package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LogFaultsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "\"{0}\" says a thread died")
    @ValueSource(strings = {
        "thread 'vring_worker' panicked at src/server.rs:1045:44:",
        "virtiofsd: ../tools/virtiofsd/fuse_virtio.c:200: fv_queue_thread: Assertion `ok' failed.",
        "**:ERROR:../subprojects/libvhost-user/libvhost-user.c:12:vu_x: assertion failed: (x)",
        "Exception in thread \"queue-1\" java.lang.IllegalStateException: boom"})
    void what_the_three_languages_print_when_a_thread_dies_is_a_fault(String line) {
        assertThat(LogFaults.isFault(line)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is an ordinary line")
    @ValueSource(strings = {
        "[2026-11-24T13:41:02Z DEBUG virtiofsd::server] Received request: opcode=Read (15), inode=1",
        "lo_read(ino=3, size=4182016, off=0)",
        "Waiting for vhost-user socket connection..."})
    void ordinary_debug_lines_are_not_faults(String line) {
        assertThat(LogFaults.isFault(line)).isFalse();
    }

    @Test
    void only_lines_after_this_runs_offset_count_and_a_later_line_is_seen_when_it_is_written() throws IOException {
        Path log = Files.writeString(dir.resolve("log"), "thread 'old' panicked at a.rs:1:1:\nold run\n");
        LogFaults faults = new LogFaults(log, Files.size(log));
        assertThat(faults.first()).isEmpty();
        Files.writeString(log, "ok\nthread 'vring_worker' panicked at src/server.rs:9:9:\n", StandardOpenOption.APPEND);
        assertThat(faults.first()).hasValue("thread 'vring_worker' panicked at src/server.rs:9:9:");
        Files.writeString(log, "called `Result::unwrap()` on an `Err` value: SplitOutOfBounds(16)\nnext\n",
                StandardOpenOption.APPEND);
        assertThat(faults.first()).hasValue("thread 'vring_worker' panicked at src/server.rs:9:9: "
                + "called `Result::unwrap()` on an `Err` value: SplitOutOfBounds(16)");
    }

    @Test
    void a_missing_log_has_no_fault() {
        assertThat(new LogFaults(dir.resolve("absent"), 0).first()).isEmpty();
    }
}
