package dev.vfc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark run as {@code vfc bench --json FILE} writes it, read back for the report's
 * performance section. The report reads the file rather than linking the bench module: reports
 * only ever read what the tools wrote, and stay buildable without the code that measures.
 * Maps keep the file's order (the bench's column order, {@code limit} last), which is the order
 * the bars are drawn in; a cell that was not measured has no key, as in the file.
 *
 * @param machine  where it ran (CPUs, kernel, Java), as the bench describes it
 * @param rows     one per workload, in the bench's order
 * @param startUp  per daemon, the times from exec to listening and to the first READ's reply
 * @param commands per daemon, the command line it ran with
 */
public record BenchFigures(String machine, List<Row> rows, Map<String, StartUp> startUp,
        Map<String, String> commands) {

    /** The key of the machine's own limit, measured in the same run: a bar, not a daemon. */
    public static final String LIMIT = "limit";

    public BenchFigures {
        rows = List.copyOf(rows);
        startUp = ordered(startUp);
        commands = ordered(commands);
    }

    /**
     * One workload's figures.
     *
     * @param values   the median per daemon (and {@link #LIMIT}), in {@code unit}
     * @param p50Micros median latency per request, microseconds, where the bench recorded it
     * @param p99Micros 99th percentile latency per request, microseconds
     * @param allocBytesPerRequest heap bytes the daemon's queue threads allocated per request
     */
    public record Row(String workload, String unit, Map<String, Double> values, Map<String, Double> p50Micros,
            Map<String, Double> p99Micros, Map<String, Double> allocBytesPerRequest) {

        public Row {
            values = ordered(values);
            p50Micros = ordered(p50Micros);
            p99Micros = ordered(p99Micros);
            allocBytesPerRequest = ordered(allocBytesPerRequest);
        }

        /** The largest value of the row, limit included: the full length of its bars (0 when none). */
        public double largest() {
            return values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** {@code value} as a share of {@link #largest()}, from 0 to 1: a bar's length. */
        public double share(double value) {
            double largest = largest();
            return largest > 0 ? value / largest : 0;
        }
    }

    /** Milliseconds from exec to the socket listening, and to the reply of the first 1 MiB READ. */
    public record StartUp(double listeningMillis, double firstReadMillis) {
    }

    /**
     * The daemons, without the limit, in the order the file first names them (rows, then start-up
     * and commands): one bar each in every chart, even where a cell was not measured.
     */
    public List<String> daemons() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.values().keySet()));
        names.addAll(startUp.keySet());
        names.addAll(commands.keySet());
        names.remove(LIMIT);
        return List.copyOf(names);
    }

    /**
     * Reads a file {@code vfc bench --json} wrote.
     *
     * @throws IOException naming the file and what in it is wrong (not JSON, no rows, a figure
     *                     that is not a number)
     */
    public static BenchFigures read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (vfc bench --json FILE writes one)");
        }
        JsonNode root = ResultsFile.parse(file);
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a benchmark result of vfc bench --json (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The figures of a parsed file; the one place the file's shape is known.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static BenchFigures fromJson(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("the top level is not an object");
        }
        JsonNode rowsNode = root.path("rows");
        if (!rowsNode.isArray()) {
            throw new IllegalArgumentException("no \"rows\" array");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : rowsNode) {
            String where = "rows[" + rows.size() + "]";
            rows.add(new Row(text(r, "workload", where), text(r, "unit", where), figures(r, "values", where, true),
                    figures(r, "p50_us", where, false), figures(r, "p99_us", where, false),
                    figures(r, "alloc_bytes_per_request", where, false)));
        }
        Map<String, StartUp> startUp = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "startup_ms", "the file", false).properties()) {
            String where = "startup_ms." + e.getKey();
            startUp.put(e.getKey(), new StartUp(number(e.getValue(), "listening", where),
                    number(e.getValue(), "first_read", where)));
        }
        Map<String, String> commands = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "commands", "the file", false).properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("commands." + e.getKey() + " is not a string");
            }
            commands.put(e.getKey(), e.getValue().asText());
        }
        return new BenchFigures(root.path("machine").asText(""), rows, startUp, commands);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + " has no \"" + field + "\" string");
        }
        return v.asText();
    }

    private static JsonNode object(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() && !required) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(where + " has no \"" + field + "\" object");
        }
        return v;
    }

    /** A name → figure object; every figure a number of zero or more, as a bar needs. */
    private static Map<String, Double> figures(JsonNode row, String field, String where, boolean required) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(row, field, where, required).properties()) {
            out.put(e.getKey(), number(row.path(field), e.getKey(), where + "." + field));
        }
        return out;
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + " is not a number");
        }
        if (v.asDouble() < 0) {
            throw new IllegalArgumentException(where + "." + field + " is negative");
        }
        return v.asDouble();
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
