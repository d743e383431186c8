package dev.vfc.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.fuse.FuseOpcode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One target's results, as {@code target/vfc-results/<target>.json}:
 * {@code {"target": {"name", "kind", "version", "command", "environment"}, "run": {"suite", "shard",
 * "started", "ended"}, "results": [{"scenario", "title", "rule", "axis", "verdict", "detail", "millis",
 * "transcript", "log", "opcodes", "exchanges", "shard"}]}}, {@code run} and each {@code shard} only when
 * known ({@code vfc compare} records them; shard {@code "all"} is an unsharded run), each
 * exchange as {@link RecordedExchange} encodes it. The report and the gate read these; the
 * report's merged results.json holds a list of the same objects, encoded and decoded here too
 * ({@link #toJson}, {@link #fromJson}).
 */
public record ResultsFile(TargetInfo target, List<ScenarioResult> results, Optional<RunInfo> run) {

    /** The writer every results file and report uses: indented, so diffs of results read well. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Who was judged.
     *
     * @param environment the daemon's whole environment as it was started (name to value, in a
     *     stable order): the harness clears its own, so this is everything the daemon saw
     */
    public record TargetInfo(String name, String kind, String version, String command, Map<String, String> environment) {
        public TargetInfo {
            environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        }

        /** A target whose environment is not known (files written before it was recorded). */
        public TargetInfo(String name, String kind, String version, String command) {
            this(name, kind, version, command, Map.of());
        }
    }

    public ResultsFile {
        results = List.copyOf(results);
        java.util.Objects.requireNonNull(run, "run");
    }

    /** Results without a record of the run (the Maven ITs', and files written before runs were recorded). */
    public ResultsFile(TargetInfo target, List<ScenarioResult> results) {
        this(target, results, Optional.empty());
    }

    /** These results as {@code info}'s run produced them: the run recorded, and its shard on each result. */
    public ResultsFile withRun(RunInfo info) {
        return new ResultsFile(target, results.stream().map(r -> r.withShard(info.shard())).toList(), Optional.of(info));
    }

    /** The file name for a target: its name with anything but letters, digits, '.', '_' and '-' turned into '-'. */
    public static String fileName(String targetName) {
        return targetName.replaceAll("[^A-Za-z0-9._-]+", "-") + ".json";
    }

    /** This target's results as one JSON object. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode info = root.putObject("target").put("name", target.name()).put("kind", target.kind())
                .put("version", target.version()).put("command", target.command());
        ObjectNode env = info.putObject("environment");
        target.environment().forEach(env::put);
        run.ifPresent(r -> root.putObject("run").put("suite", r.suite()).put("shard", r.shardLabel())
                .put("started", r.started().toString()).put("ended", r.ended().toString()));
        ArrayNode list = root.putArray("results");
        for (ScenarioResult r : results) {
            ObjectNode result = list.addObject().put("scenario", r.scenario()).put("title", r.title())
                    .put("rule", r.rule()).put("axis", r.axis().label()).put("verdict", r.verdict().kind().label())
                    .put("detail", r.verdict().detail()).put("millis", r.millis()).put("transcript", r.transcript())
                    .put("log", r.log());
            ArrayNode opcodes = result.putArray("opcodes");
            r.opcodes().forEach(op -> opcodes.add(op.name()));
            ArrayNode exchanges = result.putArray("exchanges");
            r.exchanges().forEach(e -> exchanges.add(e.toJson()));
            r.shard().ifPresent(shard -> result.put("shard", shard.label()));
        }
        return root;
    }

    /** Writes {@code root} to {@code file} whole or not at all (a temporary file, then a rename). */
    public static void writeJson(JsonNode root, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void write(Path file) throws IOException {
        writeJson(toJson(), file);
    }

    /**
     * Reads a results file.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static ResultsFile read(Path file) throws IOException {
        return fromJson(parse(file), file.toString());
    }

    /** Parses a JSON file, or says which file is not JSON. */
    public static JsonNode parse(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * One target's results from a JSON object ({@link #toJson}'s shape); older files without a
     * {@code log} read with an empty one, without an {@code axis} as conformance, and without an
     * {@code environment} with an empty one.
     *
     * @param where the file, and the place in it, for error messages
     * @throws IOException naming {@code where}, the scenario and the field that is wrong
     */
    public static ResultsFile fromJson(JsonNode root, String where) throws IOException {
        JsonNode t = root == null ? null : root.get("target");
        JsonNode list = root == null ? null : root.get("results");
        if (t == null || !t.isObject() || list == null || !list.isArray()) {
            throw new IOException(where + ": not a results file: needs \"target\" and a \"results\" array");
        }
        String name = text(t, "name", where);
        String at = where + " (" + name + ")";
        List<ScenarioResult> results = new ArrayList<>();
        for (JsonNode r : list) {
            String scenario = text(r, "scenario", at);
            Verdict.Kind kind;
            Axis axis;
            try {
                kind = Verdict.Kind.parse(text(r, "verdict", at + ": scenario " + scenario));
                axis = Axis.parse(r.path("axis").asText(Axis.CONFORMANCE.label()));
            } catch (IllegalArgumentException e) {
                throw new IOException(at + ": scenario " + scenario + ": " + e.getMessage(), e);
            }
            if (!axis.allows(kind)) {
                throw new IOException(at + ": scenario " + scenario + ": verdict " + kind.label() + " is not on the "
                        + axis.label() + " axis's scale");
            }
            results.add(new ScenarioResult(scenario, r.path("title").asText(""), r.path("rule").asText(""), axis,
                    Verdict.of(kind, r.path("detail").asText("")), r.path("millis").asLong(0),
                    r.path("transcript").asText(""), r.path("log").asText(""), opcodes(r.path("opcodes"),
                            at + ": scenario " + scenario), exchanges(r.path("exchanges"), at + ": scenario " + scenario),
                    shard(r.path("shard"), at + ": scenario " + scenario)));
        }
        return new ResultsFile(new TargetInfo(name, t.path("kind").asText(""), t.path("version").asText(""),
                t.path("command").asText(""), environment(t.path("environment"), at)), results, run(root.path("run"), at));
    }

    private static Optional<RunInfo> run(JsonNode run, String where) throws IOException {
        if (run.isMissingNode() || run.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunInfo(text(run, "suite", where + ": run"), shard(run.path("shard"), where + ": run"),
                    Instant.parse(text(run, "started", where + ": run")), Instant.parse(text(run, "ended", where + ": run"))));
        } catch (DateTimeParseException e) {
            throw new IOException(where + ": run: \"started\" and \"ended\" are ISO-8601 instants: " + e.getMessage(), e);
        }
    }

    /** {@code "2/4"}; absent or {@code "all"} for an unsharded run. */
    private static Optional<Shard> shard(JsonNode shard, String where) throws IOException {
        if (shard.isMissingNode() || shard.isNull() || shard.asText().equals("all")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Shard.parse(shard.asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": \"shard\": " + e.getMessage(), e);
        }
    }

    private static List<RecordedExchange> exchanges(JsonNode list, String where) throws IOException {
        List<RecordedExchange> out = new ArrayList<>();
        for (JsonNode e : list) {
            try {
                out.add(RecordedExchange.fromJson(e));
            } catch (IllegalArgumentException | NullPointerException bad) {
                throw new IOException(where + ": exchange " + (out.size() + 1) + ": " + bad.getMessage(), bad);
            }
        }
        return out;
    }

    private static List<FuseOpcode> opcodes(JsonNode list, String where) throws IOException {
        List<FuseOpcode> out = new ArrayList<>();
        for (JsonNode op : list) {
            try {
                out.add(FuseOpcode.valueOf(op.asText()));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": \"opcodes\" holds " + op + ", not a FUSE opcode", e);
            }
        }
        return out;
    }

    private static Map<String, String> environment(JsonNode env, String where) throws IOException {
        if (env.isMissingNode() || env.isNull()) {
            return Map.of();
        }
        if (!env.isObject()) {
            throw new IOException(where + ": \"environment\" must be an object of names to values");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var it = env.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException(where + ": environment variable " + e.getKey() + " is not text");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException(where + ": missing text field \"" + field + "\"");
        }
        return v.asText();
    }
}
