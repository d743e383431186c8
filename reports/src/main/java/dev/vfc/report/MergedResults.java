package dev.vfc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.scenario.ResultsFile;
import dev.vfc.scenario.ResultsFile.TargetInfo;
import dev.vfc.scenario.ScenarioResult;
import dev.vfc.scenario.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.json}: every target's results file in one document, {@code {"generated": ISO
 * time, "targets": [{"target": {...}, "results": [...]}]}}, each entry with the same fields as a
 * per-target file, so the gate and later tools read one file instead of a directory.
 */
final class MergedResults {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MergedResults() {
    }

    static void write(Path file, Instant generated, List<ResultsFile> targets) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", generated.toString());
        ArrayNode list = root.putArray("targets");
        targets.forEach(t -> list.add(node(t)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether a parsed JSON document is a merged file rather than one target's. */
    static boolean isMerged(JsonNode root) {
        return root != null && root.has("targets");
    }

    /**
     * Reads a merged file.
     *
     * @throws IOException naming the file, and the target and scenario where the problem is
     */
    static List<ResultsFile> read(Path file) throws IOException {
        return fromTree(file, parse(file));
    }

    static JsonNode parse(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    static List<ResultsFile> fromTree(Path file, JsonNode root) throws IOException {
        JsonNode targets = root == null ? null : root.get("targets");
        if (targets == null || !targets.isArray()) {
            throw new IOException(file + ": not a merged results file: needs a \"targets\" array");
        }
        List<ResultsFile> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            out.add(target(file + ": targets[" + i + "]", targets.get(i)));
        }
        return out;
    }

    private static ObjectNode node(ResultsFile file) {
        ObjectNode node = JSON.createObjectNode();
        TargetInfo t = file.target();
        node.putObject("target").put("name", t.name()).put("kind", t.kind()).put("version", t.version())
                .put("command", t.command());
        ArrayNode results = node.putArray("results");
        for (ScenarioResult r : file.results()) {
            results.addObject().put("scenario", r.scenario()).put("title", r.title()).put("rule", r.rule())
                    .put("verdict", r.verdict().kind().label()).put("detail", r.verdict().detail())
                    .put("millis", r.millis()).put("transcript", r.transcript()).put("log", r.log());
        }
        return node;
    }

    private static ResultsFile target(String where, JsonNode node) throws IOException {
        JsonNode t = node.get("target");
        JsonNode results = node.get("results");
        if (t == null || !t.isObject() || results == null || !results.isArray()) {
            throw new IOException(where + ": needs \"target\" and a \"results\" array");
        }
        String name = text(t, "name", where);
        List<ScenarioResult> list = new ArrayList<>();
        for (JsonNode r : results) {
            list.add(result(where + " (" + name + ")", r));
        }
        return new ResultsFile(new TargetInfo(name, t.path("kind").asText(""), t.path("version").asText(""),
                t.path("command").asText("")), list);
    }

    private static ScenarioResult result(String where, JsonNode r) throws IOException {
        String scenario = text(r, "scenario", where);
        Verdict.Kind kind;
        try {
            kind = Verdict.Kind.parse(text(r, "verdict", where + ": scenario " + scenario));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": scenario " + scenario + ": " + e.getMessage(), e);
        }
        return new ScenarioResult(scenario, r.path("title").asText(""), r.path("rule").asText(""),
                verdict(kind, r.path("detail").asText("")), r.path("millis").asLong(0),
                r.path("transcript").asText(""), r.path("log").asText(""));
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException(where + ": missing text field \"" + field + "\"");
        }
        return v.asText();
    }

    private static Verdict verdict(Verdict.Kind kind, String detail) {
        return switch (kind) {
            case PASS -> new Verdict.Pass(detail);
            case NON_STRICT -> new Verdict.NonStrict(detail);
            case FAIL -> new Verdict.Fail(detail);
            case UNSUPPORTED -> new Verdict.Unsupported(detail);
            case CRASH -> new Verdict.Crash(detail);
            case TIMEOUT -> new Verdict.Timeout(detail);
            case SKIPPED -> new Verdict.Skipped(detail);
        };
    }
}
