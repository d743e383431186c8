package dev.vfc.targets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Watches a daemon's log, from where this run's part starts, for the first line that says a
 * thread of it died while the process may live on: a Rust panic, a C or Rust assertion, a Java
 * uncaught exception. The frontend asks at each health check, so a daemon whose worker died
 * gets its verdict from that line at once, not from a deadline. Reads only what was appended
 * since the last call.
 */
final class LogFaults {

    /**
     * What the three languages print when a thread dies: Rust's default panic hook
     * ("thread 'vring_worker' panicked at src/server.rs:..:"), glibc's assert(3)
     * ("Assertion `expr' failed."), GLib's g_assert and Rust's assert! ("assertion failed"),
     * and the JVM's default uncaught-exception handler ("Exception in thread \"name\"").
     */
    static final List<Pattern> FAULTS = List.of(
            Pattern.compile("panicked at"),
            Pattern.compile("Assertion `.*' failed"),
            Pattern.compile("(?i)assertion failed"),
            Pattern.compile("^Exception in thread \""));

    private static final int MAX_READ = 1 << 20;

    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();
    private String fault;
    private boolean wantsContinuation;

    LogFaults(Path file, long fromOffset) {
        this.file = file;
        this.position = fromOffset;
    }

    /** Whether {@code line} says a thread died. */
    static boolean isFault(String line) {
        return FAULTS.stream().anyMatch(p -> p.matcher(line).find());
    }

    /**
     * The first fault line so far; a Rust panic's location line ("... panicked at FILE:LINE:COL:")
     * comes with the message line after it once that is written.
     */
    synchronized Optional<String> first() {
        if (fault == null || wantsContinuation) {
            scan();
        }
        return Optional.ofNullable(fault);
    }

    private void scan() {
        String text = readAppended();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            partial.append(text, start, nl);
            start = nl + 1;
            String line = partial.toString().stripTrailing();
            partial.setLength(0);
            if (accept(line)) {
                return;
            }
        }
        partial.append(text.substring(start));
    }

    /** True once nothing more needs reading. */
    private boolean accept(String line) {
        if (fault != null && wantsContinuation) {
            fault = fault + " " + line.strip();
            wantsContinuation = false;
            return true;
        }
        if (fault == null && isFault(line)) {
            fault = line.strip();
            wantsContinuation = fault.endsWith(":");
            return !wantsContinuation;
        }
        return false;
    }

    private String readAppended() {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= position) {
                return "";
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_READ, size - position));
            while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
                // read what is there
            }
            position += buf.position();
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }
}
