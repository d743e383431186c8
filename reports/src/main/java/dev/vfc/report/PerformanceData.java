package dev.vfc.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The page's performance section as data for its script, beside the matrix in the same island,
 * so the workload labels and command lines (read from a file) reach the screen only as text,
 * like every other string of the report. The bar lengths are decided here, as shares of the
 * row's largest figure, so the scale is tested in Java and the script only draws.
 * Shape: <pre>{"machine": "...",
 *  "rows": [{"workload": "...", "unit": "MB/s",
 *            "bars": [{"name": "java", "value": 9344.0, "share": 0.64, "limit": false},
 *                     {"name": "c", "value": null}, ...,  (null: not measured)
 *                     {"name": "limit", "value": 14700.0, "share": 1.0, "limit": true}],
 *            "latency": [{"name": "java", "p50": 110.2, "p99": 180.0}],   (µs; null where not recorded)
 *            "alloc": [{"name": "java", "bytes": 312.0}]}],
 *  "startup": [{"name": "java", "listening": 310.0, "firstRead": 900.0}],
 *  "commands": [{"name": "java", "command": "java -jar ..."}]}</pre>
 */
final class PerformanceData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PerformanceData() {
    }

    static ObjectNode of(BenchFigures figures) {
        ObjectNode root = JSON.createObjectNode().put("machine", figures.machine());
        List<String> daemons = figures.daemons();
        ArrayNode rows = root.putArray("rows");
        figures.rows().forEach(r -> rows.add(row(r, daemons)));
        ArrayNode startUp = root.putArray("startup");
        figures.startUp().forEach((name, s) -> startUp.addObject().put("name", name)
                .put("listening", s.listeningMillis()).put("firstRead", s.firstReadMillis()));
        ArrayNode commands = root.putArray("commands");
        figures.commands().forEach((name, command) -> commands.addObject().put("name", name).put("command", command));
        return root;
    }

    /** Every daemon gets a bar, measured or not, so the charts line up; the limit comes last. */
    private static ObjectNode row(BenchFigures.Row row, List<String> daemons) {
        ObjectNode node = JSON.createObjectNode().put("workload", row.workload()).put("unit", row.unit());
        ArrayNode bars = node.putArray("bars");
        daemons.forEach(d -> bars.add(bar(row, d, false)));
        if (row.values().containsKey(BenchFigures.LIMIT)) {
            bars.add(bar(row, BenchFigures.LIMIT, true));
        }
        ArrayNode latency = node.putArray("latency");
        for (String name : names(daemons, row.p50Micros(), row.p99Micros())) {
            ObjectNode l = latency.addObject().put("name", name);
            putOrNull(l, "p50", row.p50Micros().get(name));
            putOrNull(l, "p99", row.p99Micros().get(name));
        }
        ArrayNode alloc = node.putArray("alloc");
        row.allocBytesPerRequest().forEach((name, bytes) -> alloc.addObject().put("name", name).put("bytes", bytes));
        return node;
    }

    private static ObjectNode bar(BenchFigures.Row row, String name, boolean limit) {
        ObjectNode bar = JSON.createObjectNode().put("name", name);
        Double value = row.values().get(name);
        if (value == null) {
            return bar.putNull("value");
        }
        return bar.put("value", value).put("share", row.share(value)).put("limit", limit);
    }

    /** The daemons (then the limit) with a latency figure, in bar order. */
    private static List<String> names(List<String> daemons, Map<String, Double> p50, Map<String, Double> p99) {
        return Stream.concat(daemons.stream(), Stream.of(BenchFigures.LIMIT))
                .filter(n -> p50.containsKey(n) || p99.containsKey(n)).toList();
    }

    private static void putOrNull(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
