package dev.vfc.ovmf.trace;

import dev.vfc.fuse.FuseOpcode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guest driver's FUSE traffic, one request per line, written so that it can be replayed
 * against any daemon (format: {@code traces/README.md} next to the trace files).
 *
 * <pre>
 * vfc-trace 1
 * title OVMF VirtioFsDxe: removable-media boot of EFI/BOOT/BOOTX64.EFI
 * source recorded ... ; checked against edk2 OvmfPkg/VirtioFsDxe
 * share EFI/BOOT/BOOTX64.EFI image
 * 1 INIT nodeid=0 major=7 minor=31 max_readahead=0 flags=0x2000 | R40 R16 | W16 W64 | ok
 * 3 LOOKUP nodeid=@root name=EFI | R40 R4 | W16 W40 W88 | ok nodeid>@EFI
 * </pre>
 */
public record Trace(String name, String title, String source, List<ShareEntry> share, List<TraceRequest> requests) {

    public static final String MAGIC = "vfc-trace 1";
    /** The symbol of the image's size in READ and GETATTR lines. */
    public static final String IMAGE_SIZE = "$IMAGE_SIZE";

    public Trace {
        share = List.copyOf(share);
        requests = List.copyOf(requests);
    }

    /** The image the trace is parameterized by: the one share entry without fixed text. */
    public Optional<ShareEntry> image() {
        return share.stream().filter(ShareEntry::isImage).findFirst();
    }

    /** Reads a trace shipped with this module ({@code traces/NAME.trace}). */
    public static Trace resource(String name) {
        String path = "traces/" + name + ".trace";
        try (InputStream in = Trace.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no trace " + path + " next to " + Trace.class.getName());
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a trace.
     *
     * @throws TraceFormatException naming the line and what is wrong with it
     */
    public static Trace parse(String name, String text) {
        List<String> lines = text.lines().toList();
        String title = "";
        String source = "";
        List<ShareEntry> share = new ArrayList<>();
        List<TraceRequest> requests = new ArrayList<>();
        boolean magic = false;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!magic) {
                if (!line.equals(MAGIC)) {
                    throw new TraceFormatException(n, "expected '" + MAGIC + "' first, got '" + line + "'");
                }
                magic = true;
            } else if (line.startsWith("title ")) {
                title = line.substring(6);
            } else if (line.startsWith("source ")) {
                source = line.substring(7);
            } else if (line.startsWith("share ")) {
                share.add(shareEntry(n, line));
            } else {
                requests.add(request(n, line));
            }
        }
        if (!magic) {
            throw new TraceFormatException(lines.size(), "empty trace: expected '" + MAGIC + "'");
        }
        return new Trace(name, title, source, share, requests);
    }

    private static ShareEntry shareEntry(int n, String line) {
        String[] p = line.split(" ", 4);
        if (p.length == 3 && p[2].equals("image")) {
            return new ShareEntry(p[1], null);
        }
        if (p.length == 4 && p[2].equals("text")) {
            return new ShareEntry(p[1], ShareEntry.unescape(p[3]));
        }
        throw new TraceFormatException(n, "expected 'share PATH image' or 'share PATH text CONTENT', got '" + line + "'");
    }

    private static TraceRequest request(int n, String line) {
        String[] columns = line.split("\\|", -1);
        if (columns.length != 4) {
            throw new TraceFormatException(n,
                    "expected 'UNIQUE OPCODE FIELDS | READABLE | WRITABLE | EXPECT', got '" + line + "'");
        }
        String[] head = columns[0].strip().split("\\s+");
        if (head.length < 2) {
            throw new TraceFormatException(n, "expected a unique and an opcode, got '" + columns[0].strip() + "'");
        }
        long unique;
        FuseOpcode opcode;
        try {
            unique = Long.parseLong(head[0]);
            opcode = FuseOpcode.valueOf(head[1]);
        } catch (IllegalArgumentException e) {
            throw new TraceFormatException(n, "bad unique or opcode in '" + columns[0].strip() + "'");
        }
        Map<String, String> fields = pairs(n, head, 2, "=");
        String readable = layout(n, columns[1], 'R');
        String writable = columns[2].strip().equals("-") ? "-" : layout(n, columns[2], 'W');
        String[] tail = columns[3].strip().split("\\s+");
        String expect = tail[0];
        if (!expect.equals("ok") && !expect.equals("none") && !expect.matches("E[A-Z0-9]+")) {
            throw new TraceFormatException(n, "expected ok, none or an errno name, got '" + expect + "'");
        }
        return new TraceRequest(unique, opcode, fields, readable, writable, expect, pairs(n, tail, 1, ">"), n);
    }

    private static Map<String, String> pairs(int n, String[] words, int from, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = from; i < words.length; i++) {
            int at = words[i].indexOf(separator);
            if (at <= 0 || at == words[i].length() - 1) {
                throw new TraceFormatException(n, "expected key" + separator + "value, got '" + words[i] + "'");
            }
            out.put(words[i].substring(0, at), words[i].substring(at + 1));
        }
        return out;
    }

    private static String layout(int n, String column, char kind) {
        String s = column.strip();
        if (!s.matches(kind + "(\\d+|\\$IMAGE_SIZE)( " + kind + "(\\d+|\\$IMAGE_SIZE))*")) {
            throw new TraceFormatException(n, "expected descriptors like " + kind + "40 " + kind + "16, got '" + s + "'");
        }
        return s;
    }

    /** The trace as text, parseable by {@link #parse}. */
    public String render() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("title ").append(title).append('\n');
        b.append("source ").append(source).append('\n');
        share.forEach(s -> b.append(s.render()).append('\n'));
        requests.forEach(r -> b.append(r.render()).append('\n'));
        return b.toString();
    }
}
