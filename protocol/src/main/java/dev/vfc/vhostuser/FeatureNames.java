package dev.vfc.vhostuser;

import java.util.StringJoiner;

/** Spells a 64-bit feature word as {@code NAME|NAME|bit41}, lowest bit first. */
final class FeatureNames {

    private FeatureNames() {
    }

    /** {@code names[bit]} is the name of that bit, or null when the bit has none. */
    static String describe(long features, String[] names) {
        if (features == 0) {
            return "none";
        }
        StringJoiner s = new StringJoiner("|");
        for (int bit = 0; bit < 64; bit++) {
            if ((features & (1L << bit)) != 0) {
                s.add(bit < names.length && names[bit] != null ? names[bit] : "bit" + bit);
            }
        }
        return s.toString();
    }
}
