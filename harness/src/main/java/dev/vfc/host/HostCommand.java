package dev.vfc.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command of this machine (apt-get, dpkg-deb, busybox) run to its end within a deadline, with
 * no input. Its output is kept aside and shown only when it fails: the exception names the
 * command and carries its last lines, so provisioning problems read as one line.
 */
public final class HostCommand {

    private static final int SHOWN_LINES = 3;

    private HostCommand() {
    }

    /** Runs {@code argv} in {@code dir}. */
    public static void run(List<String> argv, Path dir, Duration limit) throws IOException {
        Path log = Files.createTempFile("vfc-command", ".log");
        try {
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            await(p, argv, log, limit);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs {@code argv} with its standard output into {@code stdout}; standard error goes to the failure message. */
    public static void runTo(List<String> argv, Path stdout, Duration limit) throws IOException {
        filter(argv, Path.of("."), Path.of("/dev/null"), stdout, limit);
    }

    /** Runs {@code argv} in {@code dir} reading {@code stdin} and writing {@code stdout}, as a filter does. */
    public static void filter(List<String> argv, Path dir, Path stdin, Path stdout, Duration limit) throws IOException {
        Path err = Files.createTempFile("vfc-command", ".err");
        try {
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectOutput(stdout.toFile())
                    .redirectError(err.toFile()).redirectInput(stdin.toFile()).start();
            await(p, argv, err, limit);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code argv} and returns its standard output. */
    public static String output(List<String> argv, Duration limit) throws IOException {
        Path out = Files.createTempFile("vfc-command", ".out");
        try {
            runTo(argv, out, limit);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void await(Process p, List<String> argv, Path log, Duration limit) throws IOException {
        String what = String.join(" ", argv.subList(0, Math.min(argv.size(), 3)));
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " took longer than " + limit);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + what, e);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            throw new IOException(what + " failed (exit " + p.exitValue() + "): "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size())));
        }
    }
}
