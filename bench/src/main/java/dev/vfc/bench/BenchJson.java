package dev.vfc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.bench.TargetRun.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --json FILE}: the run as data, so CI can hold a figure to a bar. Shape:
 * <pre>{"rows": [{"workload": "READ 1 MiB, linux (...)", "unit": "MB/s",
 *            "values": {"java": 1.0, "c": 1.0, "limit": 1.0},
 *            "p50_us": {...}, "p99_us": {...}, "alloc_bytes_per_request": {"java": 0.0}}],
 *  "commands": {"java": "java -jar ...", ...}, "machine": "..."}</pre>
 * One key per target name in {@code values}, {@code limit} for the limit column; a cell that
 * was not measured has no key.
 */
final class BenchJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    static void write(Path file, Machine machine, BenchResult result) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(tree(machine, result)) + "\n");
    }

    static ObjectNode tree(Machine machine, BenchResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("machine", machine.describe());
        var rows = root.putArray("rows");
        for (Workload w : result.workloads()) {
            ObjectNode row = rows.addObject();
            row.put("workload", w.label());
            row.put("unit", w.unit());
            ObjectNode values = row.putObject("values");
            ObjectNode p50 = row.putObject("p50_us");
            ObjectNode p99 = row.putObject("p99_us");
            for (Column c : result.columns()) {
                cell(c.spec(), c.cells().get(w), values, p50, p99);
            }
            cell(BenchResult.LIMIT, result.limit().cells().get(w), values, p50, p99);
            ObjectNode alloc = row.putObject("alloc_bytes_per_request");
            Double bytes = result.allocation().get(w);
            if (bytes != null) {
                result.java().ifPresent(j -> alloc.put(j.spec(), bytes));
            }
        }
        ObjectNode startUp = root.putObject("startup_ms");
        for (Column c : result.columns()) {
            c.startUp().ifPresent(s -> {
                ObjectNode t = startUp.putObject(c.spec());
                t.put("listening", s.listeningNanos() / 1e6);
                t.put("first_read", s.firstReadNanos() / 1e6);
            });
        }
        ObjectNode commands = root.putObject("commands");
        for (Column c : result.columns()) {
            c.commands().forEach((profile, command) -> commands.put(c.spec(), command));
        }
        return root;
    }

    private static void cell(String key, Outcome o, ObjectNode values, ObjectNode p50, ObjectNode p99) {
        if (o instanceof Outcome.Measured m) {
            values.put(key, m.median());
            m.latency().ifPresent(l -> {
                p50.put(key, l.p50Nanos() / 1e3);
                p99.put(key, l.p99Nanos() / 1e3);
            });
        }
    }
}
