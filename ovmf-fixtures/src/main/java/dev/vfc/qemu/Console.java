package dev.vfc.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A guest's serial console as QEMU logs it: read while the guest runs, and its last lines for a verdict. */
public final class Console {

    private Console() {
    }

    /** The log so far; empty while QEMU has not created it. */
    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code n} non-blank lines, without terminal escape sequences. */
    public static List<String> tail(String text, int n) {
        List<String> lines = text.lines().map(l -> l.replaceAll("\\p{Cntrl}\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("\\p{Cntrl}", "").strip()).filter(l -> !l.isEmpty()).toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
}
