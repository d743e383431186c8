package dev.vfc.mutation;

import dev.vfc.results.Baseline;
import dev.vfc.results.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reviewed list of the matrix's gaps (mutants/expected.txt): scenarios that kill no mutant and
 * mutants no scenario kills, each with its reason, so a gap is a decision someone wrote down, not
 * a silence. Lines are {@code scenario ID REASON} or {@code mutant NAME REASON}; {@code #} starts
 * a comment. {@link #check} holds a matrix to it both ways: a new gap fails, and so does a listed
 * gap that closed (its line is stale).
 *
 * <p>A scenario's reason may start {@code fails on TARGET:}, naming a real daemon whose checked-in
 * baseline ({@code baselines/TARGET.txt}) records another verdict for it than the stock Java
 * daemon gets: the scenario has been seen to fail, only not against a mutant. That claim is
 * checked too, so it cannot go stale unnoticed.
 */
public record KnownGaps(Map<String, String> scenarios, Map<String, String> mutants, Path baselines) {

    /** {@code fails on TARGET:} at the start of a scenario's reason. */
    private static final Pattern FAILS_ON = Pattern.compile("fails on ([A-Za-z0-9][A-Za-z0-9._-]*):.*");

    /** The list in {@code file}; peers' claims are checked against the baselines in {@code baselines}. */
    public static KnownGaps read(Path file, Path baselines) throws IOException {
        Map<String, String> scenarios = new LinkedHashMap<>();
        Map<String, String> mutants = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 3);
            if (parts.length < 3 || !(parts[0].equals("scenario") || parts[0].equals("mutant"))) {
                throw new IOException(file + ":" + n + ": expected 'scenario ID REASON' or 'mutant NAME REASON'");
            }
            Map<String, String> into = parts[0].equals("scenario") ? scenarios : mutants;
            if (into.put(parts[1], parts[2]) != null) {
                throw new IOException(file + ":" + n + ": " + parts[1] + " is listed twice");
            }
        }
        return new KnownGaps(scenarios, mutants, baselines);
    }

    /**
     * One line per disagreement between the matrix and this list; empty when they agree. Only
     * scenarios and mutants the run covered are judged, so a partial run checks its part.
     */
    public List<String> check(KillMatrix matrix) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String id : matrix.reference().keySet()) {
            boolean kills = !matrix.killedBy(id).isEmpty();
            if (!kills && !scenarios.containsKey(id)) {
                problems.add("scenario " + id + " kills no mutant and is not listed: write a mutant it kills, fix "
                        + "the scenario, or list it with the reason");
            } else if (kills && scenarios.containsKey(id)) {
                problems.add("scenario " + id + " now kills " + String.join(", ", matrix.killedBy(id))
                        + ": remove its line");
            } else if (!kills) {
                peerClaim(id, matrix.reference().get(id)).ifPresent(problems::add);
            }
        }
        for (var m : matrix.mutants()) {
            boolean killed = !matrix.killersOf(m.name()).isEmpty();
            if (!killed && !mutants.containsKey(m.name())) {
                problems.add("mutant " + m.name() + " survives (" + m.bug() + "): write the scenario that kills it, "
                        + "or list it with the reason");
            } else if (killed && mutants.containsKey(m.name())) {
                problems.add("mutant " + m.name() + " is now killed by " + String.join(", ",
                        matrix.killersOf(m.name())) + ": remove its line");
            }
        }
        return problems;
    }

    /** The problem with a {@code fails on TARGET:} claim for {@code id}, if it has one and it is false. */
    private Optional<String> peerClaim(String id, ScenarioResult stock) throws IOException {
        Matcher m = FAILS_ON.matcher(scenarios.get(id));
        if (!m.matches()) {
            return Optional.empty();
        }
        Path file = baselines.resolve(m.group(1) + ".txt");
        if (!Files.isRegularFile(file)) {
            return Optional.of("scenario " + id + " is said to fail on " + m.group(1) + ", which has no baseline ("
                    + file + ")");
        }
        Optional<Baseline.Line> line = Baseline.read(file).expected(id);
        if (line.isEmpty() || line.get().verdict() == stock.verdict().kind()) {
            return Optional.of("scenario " + id + " is said to fail on " + m.group(1) + ", but " + file + " records "
                    + line.map(l -> l.verdict().label()).orElse("nothing") + " for it, as the stock daemon gets");
        }
        return Optional.empty();
    }
}
