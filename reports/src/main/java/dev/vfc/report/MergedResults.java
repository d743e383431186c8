package dev.vfc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.results.Axis;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.json}: every target's results file in one document, {@code {"generated": ISO
 * time, "targets": [{"target": {...}, "counts": {...}, "results": [...]}]}}, each entry with the
 * same fields as a per-target file (each result with its {@code axis}) plus its verdict counts per
 * axis, so the gate and later tools read one file instead of a directory.
 */
final class MergedResults {

    private MergedResults() {
    }

    static void write(Path file, Instant generated, List<ResultsFile> targets) throws IOException {
        ObjectNode root = ResultsFile.JSON.createObjectNode();
        root.put("generated", generated.toString());
        ArrayNode list = root.putArray("targets");
        for (ResultsFile t : targets) {
            // every field of the per-target codec, in its order, with the counts after "target"
            ObjectNode entry = list.addObject();
            t.toJson().fields().forEachRemaining(f -> {
                entry.set(f.getKey(), f.getValue());
                if (f.getKey().equals("target")) {
                    entry.set("counts", counts(AxisCounts.of(t.results())));
                }
            });
        }
        ResultsFile.writeJson(root, file);
    }

    /**
     * {@code {"conformance": {"PASS": 170, ...}, "hardening": {"CONTAINED": 30, ...}}}: each axis
     * that has results, with every verdict of its scale (zeros too), best first. Derived from the
     * results beside it, for readers that want the totals without counting; reading ignores it.
     */
    static ObjectNode counts(AxisCounts counts) {
        ObjectNode node = ResultsFile.JSON.createObjectNode();
        for (Axis axis : counts.present()) {
            ObjectNode scale = node.putObject(axis.label());
            Severity.bestFirst(axis).forEach(k -> scale.put(k.label(), counts.count(axis, k)));
        }
        return node;
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
        return fromTree(file, ResultsFile.parse(file));
    }

    static List<ResultsFile> fromTree(Path file, JsonNode root) throws IOException {
        JsonNode targets = root == null ? null : root.get("targets");
        if (targets == null || !targets.isArray()) {
            throw new IOException(file + ": not a merged results file: needs a \"targets\" array");
        }
        List<ResultsFile> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            out.add(ResultsFile.fromJson(targets.get(i), file + ": targets[" + i + "]"));
        }
        return out;
    }
}
