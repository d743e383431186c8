package dev.vfc.mutation;

import dev.vfc.mutants.Mutant;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which scenarios kill which mutants. A scenario kills a mutant when the mutant's verdict differs
 * from the stock daemon's in the same run; a SKIPPED verdict on either side proves nothing and
 * kills nothing. A mutant not run on a scenario (its bug lies outside every opcode the scenario
 * sends, {@link Mutant#reachedBy}) cannot be killed by it.
 *
 * @param reference the stock daemon's result per scenario id, in suite order
 * @param mutants   the mutants, in catalogue order
 * @param runs      per mutant name, its result per scenario id it ran
 */
public record KillMatrix(Map<String, ScenarioResult> reference, List<Mutant> mutants,
        Map<String, Map<String, ScenarioResult>> runs) {

    public KillMatrix {
        reference = new LinkedHashMap<>(reference);
        mutants = List.copyOf(mutants);
        Map<String, Map<String, ScenarioResult>> copy = new LinkedHashMap<>();
        runs.forEach((m, r) -> copy.put(m, new LinkedHashMap<>(r)));
        runs = copy;
    }

    /** Whether {@code mutant}'s result on a scenario kills it. */
    public static boolean kills(ScenarioResult stock, ScenarioResult mutant) {
        Verdict.Kind was = stock.verdict().kind();
        Verdict.Kind now = mutant.verdict().kind();
        return was != Verdict.Kind.SKIPPED && now != Verdict.Kind.SKIPPED && was != now;
    }

    /** The scenarios that kill {@code mutant}, in suite order. */
    public List<String> killersOf(String mutant) {
        Map<String, ScenarioResult> ran = runs.getOrDefault(mutant, Map.of());
        return reference.keySet().stream().filter(id -> ran.containsKey(id) && kills(reference.get(id), ran.get(id)))
                .toList();
    }

    /** The mutants {@code scenario} kills, in catalogue order. */
    public List<String> killedBy(String scenario) {
        ScenarioResult stock = reference.get(scenario);
        return mutants.stream().map(Mutant::name).filter(m -> {
            ScenarioResult r = runs.getOrDefault(m, Map.of()).get(scenario);
            return stock != null && r != null && kills(stock, r);
        }).toList();
    }

    public List<String> survivors() {
        return mutants.stream().map(Mutant::name).filter(m -> killersOf(m).isEmpty()).toList();
    }

    public List<String> scenariosKillingNone() {
        return reference.keySet().stream().filter(id -> killedBy(id).isEmpty()).toList();
    }

    /** {@code scenarios that kill a mutant: K of N}, exactly so (CI reads it). */
    public String scenarioScore() {
        return "scenarios that kill a mutant: " + (reference.size() - scenariosKillingNone().size()) + " of "
                + reference.size();
    }

    /** {@code mutants killed: K of M}, exactly so (CI reads it). */
    public String mutantScore() {
        return "mutants killed: " + (mutants.size() - survivors().size()) + " of " + mutants.size();
    }

    /** The matrix as kill-matrix.json holds it, with {@code referenceTarget} named as the stock daemon. */
    public KillMatrixFile toFile(String referenceTarget) {
        List<KillMatrixFile.MutantEntry> ms = new ArrayList<>();
        for (Mutant m : mutants) {
            List<KillMatrixFile.Kill> kills = killersOf(m.name()).stream().map(id -> new KillMatrixFile.Kill(id,
                    runs.get(m.name()).get(id).verdict().kind(), reference.get(id).verdict().kind())).toList();
            ms.add(new KillMatrixFile.MutantEntry(m.name(), m.bug(), m.origin(),
                    runs.getOrDefault(m.name(), Map.of()).size(),
                    m.reach().stream().map(Enum::name).sorted().toList(), kills));
        }
        List<KillMatrixFile.ScenarioEntry> ss = reference.values().stream().map(r -> new KillMatrixFile.ScenarioEntry(
                r.scenario(), r.axis(), r.verdict().kind(), killedBy(r.scenario()))).toList();
        return new KillMatrixFile(referenceTarget, ms, ss);
    }
}
