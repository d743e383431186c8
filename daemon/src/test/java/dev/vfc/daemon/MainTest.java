package dev.vfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aBadArgumentGivesOneLineAndExitCodeTwo() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).startsWith("vfc-daemon: unknown option '--frobnicate'");
        assertThat(message.strip().lines()).hasSize(1);
        assertThat(out.size()).isZero();
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--socket-path", "--shared-dir", "--thread-pool-size",
                "--cache", "--xattr", "--readonly", "--log-level", "--version");
    }

    @Test
    void versionNamesTheProtocolsAndExitsZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("vfc-daemon ").contains("FUSE 7.38");
    }
}
