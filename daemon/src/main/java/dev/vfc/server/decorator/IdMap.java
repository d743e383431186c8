package dev.vfc.server.decorator;

import java.util.List;

/**
 * {@code --translate-uid} / {@code --translate-gid}: how the daemon itself translates user or
 * group ids between guest and host, with the syntax and meaning of Rust virtiofsd 1.13
 * (src/soft_idmap/cmdline.rs, src/soft_idmap/mod.rs). Each entry is
 * {@code TYPE<sep>A<sep>B<sep>COUNT}, the separator being the first character after the type
 * (usually ':'):
 * <ul>
 * <li>{@code guest:G:H:N} guest ids [G, G+N) to host [H, H+N); {@code host:H:G:N} the other way;
 * <li>{@code squash-guest:G:H:N} guest ids [G, G+N) all to host H; {@code squash-host:H:G:N}
 *     host ids [H, H+N) all to guest G;
 * <li>{@code forbid-guest:G:N}: a request that would give a file an id in [G, G+N) is EPERM;
 * <li>{@code map:G:H:N}: both {@code guest:G:H:N} and {@code host:H:G:N}.
 * </ul>
 * Ids no entry covers map to themselves; entries of one direction may not overlap.
 */
public record IdMap(List<Entry> guestToHost, List<Entry> hostToGuest) {

    /** [from, from+count) goes to {@code to} (+ offset unless squashed); {@code forbid}: EPERM. */
    public record Entry(long from, long count, long to, boolean squash, boolean forbid) {
        boolean covers(long id) {
            return id >= from && id < from + count;
        }

        long apply(long id) {
            return squash ? to : to + (id - from);
        }
    }

    /** No translation. */
    public static final IdMap IDENTITY = new IdMap(List.of(), List.of());

    public IdMap {
        guestToHost = List.copyOf(guestToHost);
        hostToGuest = List.copyOf(hostToGuest);
    }

    /** Whether any id is translated. */
    public boolean isIdentity() {
        return guestToHost.isEmpty() && hostToGuest.isEmpty();
    }

    /**
     * This map with {@code spec} added.
     *
     * @throws IllegalArgumentException one line, for a bad type, count of fields, number or overlap
     */
    public IdMap plus(String spec) {
        int i = 0;
        while (i < spec.length() && (Character.isLetterOrDigit(spec.charAt(i)) || spec.charAt(i) == '-'
                || spec.charAt(i) == '_')) {
            i++;
        }
        if (i == spec.length()) {
            throw new IllegalArgumentException("'" + spec + "' is not TYPE:A:B:COUNT");
        }
        String type = spec.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        String[] parts = spec.substring(i + 1).split(java.util.regex.Pattern.quote(String.valueOf(spec.charAt(i))), -1);
        long[] v = new long[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                v[k] = Integer.parseUnsignedInt(parts[k]) & 0xFFFF_FFFFL;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid value '" + parts[k] + "' in id map '" + spec + "'");
            }
        }
        int want = type.equals("forbid-guest") ? 2 : 3;
        if (v.length != want) {
            throw new IllegalArgumentException("id map '" + spec + "' needs " + want + " numbers, got " + v.length);
        }
        List<Entry> g = new java.util.ArrayList<>(guestToHost);
        List<Entry> h = new java.util.ArrayList<>(hostToGuest);
        switch (type) {
            case "guest" -> add(g, new Entry(v[0], v[2], v[1], false, false), spec);
            case "host" -> add(h, new Entry(v[0], v[2], v[1], false, false), spec);
            case "squash-guest" -> add(g, new Entry(v[0], v[2], v[1], true, false), spec);
            case "squash-host" -> add(h, new Entry(v[0], v[2], v[1], true, false), spec);
            case "forbid-guest" -> add(g, new Entry(v[0], v[1], 0, false, true), spec);
            case "map" -> {
                add(g, new Entry(v[0], v[2], v[1], false, false), spec);
                add(h, new Entry(v[1], v[2], v[0], false, false), spec);
            }
            default -> throw new IllegalArgumentException("invalid id map type '" + type
                    + "' (guest, host, squash-guest, squash-host, forbid-guest, map)");
        }
        return new IdMap(g, h);
    }

    private static void add(List<Entry> to, Entry e, String spec) {
        for (Entry other : to) {
            if (e.from() < other.from() + other.count() && other.from() < e.from() + e.count()) {
                throw new IllegalArgumentException("id map '" + spec + "' overlaps an earlier one");
            }
        }
        to.add(e);
    }

    /** The host id for guest id {@code id}, or -1 when it is forbidden. */
    public long toHost(int id) {
        long u = Integer.toUnsignedLong(id);
        for (Entry e : guestToHost) {
            if (e.covers(u)) {
                return e.forbid() ? -1 : e.apply(u);
            }
        }
        return u;
    }

    /** The guest id for host id {@code id}. */
    public int toGuest(int id) {
        long u = Integer.toUnsignedLong(id);
        for (Entry e : hostToGuest) {
            if (e.covers(u)) {
                return (int) e.apply(u);
            }
        }
        return id;
    }
}
