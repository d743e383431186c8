package dev.vfc.ovmf.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file the share held when the trace was recorded: either fixed text (startup.nsh) or the
 * image the firmware loads, which a replay fills with the file it is parameterized by.
 *
 * @param path relative to the share
 * @param text the content for a text file; {@code null} for the image
 */
public record ShareEntry(String path, String text) {

    public boolean isImage() {
        return text == null;
    }

    /** Writes this entry into {@code shared}, the image from {@code image}. */
    public void install(Path shared, Path image) throws IOException {
        Path file = shared.resolve(path);
        Files.createDirectories(file.getParent());
        if (isImage()) {
            Files.copy(image, file, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        }
    }

    /** The entry as a trace line: {@code share PATH image} or {@code share PATH text ESCAPED}. */
    public String render() {
        return "share " + path + (isImage() ? " image" : " text " + escape(text));
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(" ", "\\s");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 'r' -> '\r';
                case 'n' -> '\n';
                case 's' -> ' ';
                default -> n;
            });
        }
        return b.toString();
    }
}
