package dev.vfc.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One target's results, as {@code target/vfc-results/<target>.json}:
 * {@code {"target": {"name", "kind", "version", "command"}, "results": [{"scenario", "title",
 * "rule", "verdict", "detail", "millis", "transcript", "log"}]}}. The report and the gate read these.
 */
public record ResultsFile(TargetInfo target, List<ScenarioResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record TargetInfo(String name, String kind, String version, String command) {
    }

    public ResultsFile {
        results = List.copyOf(results);
    }

    /** The file name for a target: its name with anything but letters, digits, '.', '_' and '-' turned into '-'. */
    public static String fileName(String targetName) {
        return targetName.replaceAll("[^A-Za-z0-9._-]+", "-") + ".json";
    }

    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode t = root.putObject("target");
        t.put("name", target.name()).put("kind", target.kind()).put("version", target.version())
                .put("command", target.command());
        ArrayNode list = root.putArray("results");
        for (ScenarioResult r : results) {
            list.addObject().put("scenario", r.scenario()).put("title", r.title()).put("rule", r.rule())
                    .put("verdict", r.verdict().kind().label()).put("detail", r.verdict().detail())
                    .put("millis", r.millis()).put("transcript", r.transcript()).put("log", r.log());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a results file.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static ResultsFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a results file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        JsonNode t = root == null ? null : root.get("target");
        JsonNode list = root == null ? null : root.get("results");
        if (t == null || list == null || !list.isArray()) {
            throw new IOException(file + ": not a results file: needs \"target\" and a \"results\" array");
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (JsonNode r : list) {
            String scenario = text(r, "scenario", file);
            Verdict.Kind kind;
            try {
                kind = Verdict.Kind.parse(text(r, "verdict", file));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": scenario " + scenario + ": " + e.getMessage());
            }
            results.add(new ScenarioResult(scenario, r.path("title").asText(""), r.path("rule").asText(""),
                    verdictOf(kind, r.path("detail").asText("")), r.path("millis").asLong(0),
                    r.path("transcript").asText(""), r.path("log").asText("")));
        }
        return new ResultsFile(new TargetInfo(text(t, "name", file), t.path("kind").asText(""),
                t.path("version").asText(""), t.path("command").asText("")), results);
    }

    private static String text(JsonNode node, String field, Path file) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException(file + ": missing text field \"" + field + "\"");
        }
        return v.asText();
    }

    static Verdict verdictOf(Verdict.Kind kind, String detail) {
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
