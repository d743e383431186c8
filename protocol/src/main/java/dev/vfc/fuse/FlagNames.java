package dev.vfc.fuse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Renders a bit set as {@code NAME|NAME|0x...} so that transcripts show which flags a
 * daemon negotiated; bits without a name are kept, in hex, rather than hidden.
 */
final class FlagNames {
    private final Map<Long, String> names = new LinkedHashMap<>();

    FlagNames add(long bit, String name) {
        names.put(bit, name);
        return this;
    }

    String describe(long flags) {
        if (flags == 0) {
            return "0";
        }
        StringJoiner out = new StringJoiner("|");
        long rest = flags;
        for (Map.Entry<Long, String> e : names.entrySet()) {
            long bit = e.getKey();
            if ((flags & bit) == bit && (rest & bit) != 0) {
                out.add(e.getValue());
                rest &= ~bit;
            }
        }
        if (rest != 0) {
            out.add("0x" + Long.toHexString(rest));
        }
        return out.toString();
    }
}
