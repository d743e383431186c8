package dev.vfc.passthrough;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code --xattrmap}: rules that rename, hide or refuse extended attribute names between guest
 * and host, with the syntax and meaning of Rust virtiofsd 1.13 (src/passthrough/xattrmap.rs,
 * doc/xattr-mapping.md), itself the C virtiofsd's.
 *
 * <p>A rule is {@code <d>type<d>scope<d>key<d>prepend<d>}, where {@code <d>} is any one character
 * (the first of the rule) and rules follow each other, optionally separated by white space:
 * <ul>
 * <li>{@code prefix}: a guest name starting with {@code key} goes to the host with {@code prepend}
 *     in front; a host name starting with {@code prepend} is listed without it;
 * <li>{@code ok}: the name passes unchanged; {@code bad}: a guest name is EPERM, a host name is
 *     hidden from lists; {@code unsupported}: a guest name is ENOTSUP, a host name is hidden;
 * <li>scope {@code client} (guest names, matched on {@code key}), {@code server} (host names
 *     in lists, matched on {@code prepend}) or {@code all};
 * <li>{@code <d>map<d>key<d>prepend<d>} (no scope) stands for {@code prefix all key prepend},
 *     then (with a non-empty key) {@code bad all prepend key} and {@code ok all "" ""}, or (with an
 *     empty key) {@code bad all "" ""}.
 * </ul>
 * The first matching rule decides. A name no rule matches makes Rust panic ("unterminated
 * mapping"); here a guest name is EPERM and a host name is hidden.
 */
public record XattrMap(List<Rule> rules) {

    public enum Type { PREFIX, OK, BAD, UNSUPPORTED }

    /** One rule after {@code map} expansion. */
    public record Rule(Type type, boolean client, boolean server, byte[] key, byte[] prepend) {
    }

    /** What a guest name becomes: the host name, or the errno to answer. */
    public sealed interface Applied {
        record Pass(byte[] hostName) implements Applied {
        }

        record Deny() implements Applied {
        }

        record Unsupported() implements Applied {
        }
    }

    public XattrMap {
        rules = List.copyOf(rules);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a one-line message naming the rule (from 1)
     */
    public static XattrMap parse(String text) {
        String s = text.trim();
        List<Rule> rules = new ArrayList<>();
        int i = 0;
        int n = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            n++;
            char delim = s.charAt(i++);
            String[] fields = new String[4];
            int want = 4;
            for (int f = 0; f < want; f++) {
                int end = s.indexOf(delim, i);
                if (end < 0) {
                    throw new IllegalArgumentException("xattrmap rule " + n + " is incomplete");
                }
                fields[f] = s.substring(i, end);
                i = end + 1;
                if (f == 0 && fields[0].equals("map")) {
                    want = 3;
                }
            }
            Type type;
            if (fields[0].equals("map")) {
                expandMap(rules, bytes(fields[1]), bytes(fields[2]));
                continue;
            }
            try {
                type = Type.valueOf(fields[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("xattrmap rule " + n + ": type '" + fields[0]
                        + "' is not one of prefix, ok, bad, unsupported, map");
            }
            boolean client = fields[1].equals("all") || fields[1].equals("client");
            boolean server = fields[1].equals("all") || fields[1].equals("server");
            if (!client && !server) {
                throw new IllegalArgumentException("xattrmap rule " + n + ": scope '" + fields[1]
                        + "' is not one of all, client, server");
            }
            rules.add(new Rule(type, client, server, bytes(fields[2]), bytes(fields[3])));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("xattrmap has no rules");
        }
        return new XattrMap(rules);
    }

    private static void expandMap(List<Rule> rules, byte[] key, byte[] prepend) {
        rules.add(new Rule(Type.PREFIX, true, true, key, prepend));
        if (key.length > 0) {
            rules.add(new Rule(Type.BAD, true, true, prepend, key));
            rules.add(new Rule(Type.OK, true, true, new byte[0], new byte[0]));
        } else {
            rules.add(new Rule(Type.BAD, true, true, new byte[0], new byte[0]));
        }
    }

    /** The host name for the guest's {@code name} (GETXATTR, SETXATTR, REMOVEXATTR). */
    public Applied mapGuestName(byte[] name) {
        for (Rule r : rules) {
            if (r.client() && startsWith(name, r.key())) {
                return switch (r.type()) {
                    case OK -> new Applied.Pass(name);
                    case BAD -> new Applied.Deny();
                    case UNSUPPORTED -> new Applied.Unsupported();
                    case PREFIX -> {
                        byte[] host = Arrays.copyOf(r.prepend(), r.prepend().length + name.length);
                        System.arraycopy(name, 0, host, r.prepend().length, name.length);
                        yield new Applied.Pass(host);
                    }
                };
            }
        }
        return new Applied.Deny();
    }

    /**
     * The guest's view of a host LISTXATTR answer (NUL-terminated names): bad and unsupported
     * names hidden, prefixes stripped. (Rust answers an empty result as one NUL byte, which a
     * guest lists as one empty name; here it is empty.)
     */
    public byte[] mapHostList(byte[] list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(list.length);
        int start = 0;
        for (int i = 0; i <= list.length; i++) {
            if (i == list.length || list[i] == 0) {
                if (i > start) {
                    byte[] name = Arrays.copyOfRange(list, start, i);
                    byte[] shown = hostToGuest(name);
                    if (shown != null) {
                        out.write(shown, 0, shown.length);
                        out.write(0);
                    }
                }
                start = i + 1;
            }
        }
        return out.toByteArray();
    }

    private byte[] hostToGuest(byte[] name) {
        for (Rule r : rules) {
            if (r.server() && startsWith(name, r.prepend())) {
                return switch (r.type()) {
                    case BAD, UNSUPPORTED -> null;
                    case OK -> name;
                    case PREFIX -> Arrays.copyOfRange(name, r.prepend().length, name.length);
                };
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] name, byte[] prefix) {
        return name.length >= prefix.length && Arrays.equals(name, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
