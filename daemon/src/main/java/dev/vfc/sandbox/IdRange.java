package dev.vfc.sandbox;

/**
 * One line of a user namespace's uid_map or gid_map (user_namespaces(7)): {@code count} ids
 * from {@code inside} in the namespace are {@code outside} onwards in the parent. Written as
 * the Rust virtiofsd 1.13 takes {@code --uid-map}/{@code --gid-map}
 * (src/idmap.rs): {@code :inside:outside:count:}, where the delimiter is whatever character
 * (not a letter or digit) the value ends with, and it must also start with it.
 */
public record IdRange(long inside, long outside, long count) {

    private static final long MAX = 0xffff_ffffL;

    public IdRange {
        if (inside < 0 || outside < 0 || count < 1 || inside + count - 1 > MAX || outside + count - 1 > MAX) {
            throw new IllegalArgumentException("id range out of bounds: " + inside + ", " + outside + ", " + count);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static IdRange parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty map, expected :inside:outside:count:");
        }
        char delimiter = text.charAt(text.length() - 1);
        if (Character.isLetterOrDigit(delimiter) || text.charAt(0) != delimiter || text.length() < 2) {
            throw new IllegalArgumentException("'" + text + "' must start and end with the same delimiter,"
                    + " as :inside:outside:count:");
        }
        String[] fields = text.substring(1, text.length() - 1).split(java.util.regex.Pattern.quote(
                String.valueOf(delimiter)), -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException("'" + text + "' needs three numbers, as :inside:outside:count:");
        }
        try {
            return new IdRange(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    /** {@code outside,inside,count}, as unshare(1) takes --map-users and --map-groups. */
    String unshareForm() {
        return outside + "," + inside + "," + count;
    }
}
