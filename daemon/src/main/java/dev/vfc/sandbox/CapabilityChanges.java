package dev.vfc.sandbox;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --modcaps}, with the Rust virtiofsd 1.13's syntax (src/main.rs, parse_modcaps): a
 * colon-separated list of capability names, each after {@code +} (keep it too) or {@code -}
 * (drop it), case-insensitive, applied in order to the set passthrough keeps by default, e.g.
 * {@code +sys_admin:-mknod}.
 */
public final class CapabilityChanges {

    private CapabilityChanges() {
    }

    /**
     * The set {@code base} becomes under {@code modcaps}.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code +name} or {@code -name}
     */
    public static Set<Integer> apply(String modcaps, Set<Integer> base) {
        Set<Integer> caps = new TreeSet<>(base);
        for (String entry : modcaps.split(":", -1)) {
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("empty entry in '" + modcaps + "', expected (+|-)capability:...");
            }
            char action = entry.charAt(0);
            if (action != '+' && action != '-') {
                throw new IllegalArgumentException("'" + entry + "' must start with + or -");
            }
            String name = entry.substring(1).toLowerCase(Locale.ROOT);
            if (name.startsWith("cap_")) {
                name = name.substring(4);
            }
            Integer cap = PassthroughCapabilities.NUMBERS.get(name);
            if (cap == null) {
                throw new IllegalArgumentException("no capability '" + entry.substring(1) + "'");
            }
            if (action == '+') {
                caps.add(cap);
            } else {
                caps.remove(cap);
            }
        }
        return Set.copyOf(caps);
    }
}
