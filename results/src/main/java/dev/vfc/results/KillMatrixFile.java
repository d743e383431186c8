package dev.vfc.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code kill-matrix.json}, as {@code vfc mutants --out} writes it and the comparison report reads
 * it: for each mutant (the stock daemon with one planted bug) the scenarios that killed it, and for
 * each scenario the mutants it kills. A scenario kills a mutant when their verdicts differ, so
 * each kill records both. This is the one place that encodes and decodes the file.
 *
 * @param reference the target whose verdicts the mutants are held to (the stock daemon, {@code java})
 */
public record KillMatrixFile(String reference, List<MutantEntry> mutants, List<ScenarioEntry> scenarios) {

    public static final String FILE_NAME = "kill-matrix.json";

    public KillMatrixFile {
        mutants = List.copyOf(mutants);
        scenarios = List.copyOf(scenarios);
    }

    /** One kill: the scenario, the mutant's verdict there and the stock daemon's. */
    public record Kill(String scenario, Verdict.Kind verdict, Verdict.Kind stock) {
    }

    /**
     * One mutant.
     *
     * @param ran how many scenarios it ran: those sending an opcode in its {@code reach}
     * @param reach the FUSE opcodes whose replies its bug can change; empty means any
     */
    public record MutantEntry(String name, String bug, String origin, int ran, List<String> reach,
            List<Kill> killedBy) {
        public MutantEntry {
            reach = List.copyOf(reach);
            killedBy = List.copyOf(killedBy);
        }
    }

    /** One scenario: its stock verdict and the mutants it kills, in catalogue order. */
    public record ScenarioEntry(String id, Axis axis, Verdict.Kind stock, List<String> kills) {
        public ScenarioEntry {
            kills = List.copyOf(kills);
        }
    }

    /** How many scenarios kill at least one mutant. */
    public long scenariosKilling() {
        return scenarios.stream().filter(s -> !s.kills().isEmpty()).count();
    }

    /** How many mutants at least one scenario kills. */
    public long mutantsKilled() {
        return mutants.stream().filter(m -> !m.killedBy().isEmpty()).count();
    }

    /** Scenario id to the mutants it kills. */
    public Map<String, List<String>> killsByScenario() {
        return scenarios.stream().collect(Collectors.toMap(ScenarioEntry::id, ScenarioEntry::kills, (a, b) -> a));
    }

    public ObjectNode toJson() {
        ObjectNode root = ResultsFile.JSON.createObjectNode().put("reference", reference);
        ObjectNode scores = root.putObject("scores");
        scores.putObject("scenarios").put("killing", scenariosKilling()).put("of", scenarios.size());
        scores.putObject("mutants").put("killed", mutantsKilled()).put("of", mutants.size());
        ArrayNode ms = root.putArray("mutants");
        for (MutantEntry m : mutants) {
            ObjectNode o = ms.addObject().put("name", m.name()).put("bug", m.bug()).put("origin", m.origin())
                    .put("ran", m.ran());
            m.reach().forEach(o.putArray("reach")::add);
            ArrayNode killers = o.putArray("killedBy");
            m.killedBy().forEach(k -> killers.addObject().put("scenario", k.scenario())
                    .put("verdict", k.verdict().label()).put("stock", k.stock().label()));
        }
        ArrayNode ss = root.putArray("scenarios");
        for (ScenarioEntry s : scenarios) {
            ObjectNode o = ss.addObject().put("id", s.id()).put("axis", s.axis().label()).put("stock", s.stock().label());
            s.kills().forEach(o.putArray("kills")::add);
        }
        return root;
    }

    public void write(Path file) throws IOException {
        ResultsFile.writeJson(toJson(), file);
    }

    public static KillMatrixFile read(Path file) throws IOException {
        JsonNode root = ResultsFile.parse(file);
        try {
            return fromJson(root);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + ": not a kill matrix (" + e.getMessage() + ")", e);
        }
    }

    static KillMatrixFile fromJson(JsonNode root) {
        List<MutantEntry> mutants = list(root.required("mutants"), KillMatrixFile::mutant);
        List<ScenarioEntry> scenarios = list(root.required("scenarios"), s -> new ScenarioEntry(
                s.required("id").asText(), Axis.parse(s.required("axis").asText()),
                Verdict.Kind.parse(s.required("stock").asText()), list(s.required("kills"), JsonNode::asText)));
        return new KillMatrixFile(root.required("reference").asText(), mutants, scenarios);
    }

    private static MutantEntry mutant(JsonNode m) {
        List<Kill> kills = list(m.required("killedBy"), k -> new Kill(k.required("scenario").asText(),
                Verdict.Kind.parse(k.required("verdict").asText()), Verdict.Kind.parse(k.required("stock").asText())));
        return new MutantEntry(m.required("name").asText(), m.required("bug").asText(), m.path("origin").asText(""),
                m.path("ran").asInt(), list(m.path("reach"), JsonNode::asText), kills);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(each.apply(n)));
        return out;
    }
}
