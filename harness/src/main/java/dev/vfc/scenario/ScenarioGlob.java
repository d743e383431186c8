package dev.vfc.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks scenarios by id: {@code *} matches within one part of the id, {@code **} across parts,
 * a lone {@code *} matches everything, and several globs are separated by commas
 * ({@code read/large/**,ovmf/**}).
 */
public final class ScenarioGlob {

    private final List<Pattern> patterns;

    private ScenarioGlob(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static ScenarioGlob of(String globs) {
        return new ScenarioGlob(Arrays.stream(globs.split(",")).map(String::strip).filter(g -> !g.isEmpty())
                .map(ScenarioGlob::toRegex).toList());
    }

    public boolean matches(String scenarioId) {
        return patterns.stream().anyMatch(p -> p.matcher(scenarioId).matches());
    }

    public List<Scenario> filter(List<Scenario> scenarios) {
        return scenarios.stream().filter(s -> matches(s.id())).toList();
    }

    static Pattern toRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                b.append(".*");
                i++;
            } else if (c == '*') {
                b.append(glob.length() == 1 ? ".*" : "[^/]*");
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString());
    }
}
