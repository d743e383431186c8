package dev.vfc.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** Small facts about this machine that targets need. */
public final class Host {

    private Host() {
    }

    /** Effective uid of this JVM: the owner of /proc/self. Empty if it cannot be told. */
    public static OptionalInt effectiveUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i ? OptionalInt.of(i) : OptionalInt.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    public static boolean isRoot() {
        OptionalInt uid = effectiveUid();
        if (uid.isPresent()) {
            return uid.getAsInt() == 0;
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** "uid 1000" or "user alice": who we run as, for an Unavailable reason. */
    public static String whoAmI() {
        OptionalInt uid = effectiveUid();
        return uid.isPresent() ? "uid " + uid.getAsInt() : "user " + System.getProperty("user.name");
    }

    /**
     * Runs a short command (such as {@code --version}) and returns the first non-blank line
     * of its output (stdout and stderr together) if it exits with status 0. Output goes to a temporary file, not a
     * pipe; the command is killed if it runs longer than {@code timeout}. Empty on any failure.
     */
    public static Optional<String> firstLineOf(List<String> command, Duration timeout) {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("vfc-probe", ".out");
            p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
