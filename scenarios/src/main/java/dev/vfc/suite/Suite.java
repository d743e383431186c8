package dev.vfc.suite;

import dev.vfc.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every scenario of the conformance suite, in a stable order. */
public final class Suite {

    private Suite() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(LargeReads.scenarios());
        all.addAll(Sizing.scenarios());
        all.addAll(Metadata.scenarios());
        all.addAll(Lifecycle.scenarios());
        all.addAll(Robustness.scenarios());
        all.addAll(PathSafety.scenarios());
        Set<String> ids = new HashSet<>();
        for (Scenario s : all) {
            if (!ids.add(s.id())) {
                throw new IllegalStateException("scenario id " + s.id() + " is used twice");
            }
        }
        return List.copyOf(all);
    }

    /**
     * The scenarios whose id matches {@code glob} ({@code *} within a part, {@code **} across
     * parts; several globs separated by commas).
     */
    public static List<Scenario> matching(String globs) {
        List<java.util.regex.Pattern> patterns = java.util.Arrays.stream(globs.split(",")).map(String::strip)
                .filter(g -> !g.isEmpty()).map(Suite::toRegex).toList();
        return all().stream().filter(s -> patterns.stream().anyMatch(p -> p.matcher(s.id()).matches())).toList();
    }

    static java.util.regex.Pattern toRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                b.append(".*");
                i++;
            } else if (c == '*') {
                b.append(glob.length() == 1 ? ".*" : "[^/]*");
            } else {
                b.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(b.toString());
    }
}
