package dev.vfc.targets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file, from its end, without reading the whole file. */
final class LogTail {

    private static final int CHUNK = 8192;

    private LogTail() {
    }

    /**
     * The last {@code lines} lines of {@code file}, ignoring everything before byte
     * {@code fromOffset}. A missing file has no lines. Bytes that are not UTF-8 are replaced.
     * Never throws for I/O trouble: it is called on failure paths, so a read error becomes
     * a single line saying so.
     */
    static List<String> read(Path file, long fromOffset, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be >= 0, got " + lines);
        }
        if (lines == 0) {
            return List.of();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            long start = Math.max(0, Math.min(fromOffset, end));
            // Ignore one trailing newline: "a\nb\n" has two lines, not three.
            long pos = end;
            byte[] collected = new byte[0];
            int newlines = 0;
            boolean trimmedTrailing = false;
            while (pos > start) {
                int n = (int) Math.min(CHUNK, pos - start);
                pos -= n;
                ByteBuffer buf = ByteBuffer.allocate(n);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        break;
                    }
                }
                byte[] chunk = Arrays.copyOf(buf.array(), buf.position());
                for (int i = chunk.length - 1; i >= 0; i--) {
                    if (chunk[i] == '\n') {
                        if (!trimmedTrailing && pos + i == end - 1) {
                            trimmedTrailing = true;
                        } else {
                            newlines++;
                        }
                    }
                }
                byte[] joined = new byte[chunk.length + collected.length];
                System.arraycopy(chunk, 0, joined, 0, chunk.length);
                System.arraycopy(collected, 0, joined, chunk.length, collected.length);
                collected = joined;
                if (newlines >= lines) {
                    break;
                }
            }
            String text = new String(collected, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> all = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            // The first piece may be the end of a line that started before what we read.
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            List<String> out = new ArrayList<>(tail.size());
            for (String line : tail) {
                out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
            return List.copyOf(out);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of("(cannot read log " + file + ": " + e + ")");
        }
    }

    /** Size of {@code file} now, or 0 if it does not exist: where this run's log starts. */
    static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
