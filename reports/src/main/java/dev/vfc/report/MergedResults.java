package dev.vfc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.scenario.ResultsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.json}: every target's results file in one document, {@code {"generated": ISO
 * time, "targets": [{"target": {...}, "results": [...]}]}}, each entry with the same fields as a
 * per-target file, so the gate and later tools read one file instead of a directory.
 */
final class MergedResults {

    private MergedResults() {
    }

    static void write(Path file, Instant generated, List<ResultsFile> targets) throws IOException {
        ObjectNode root = ResultsFile.JSON.createObjectNode();
        root.put("generated", generated.toString());
        ArrayNode list = root.putArray("targets");
        targets.forEach(t -> list.add(t.toJson()));
        ResultsFile.writeJson(root, file);
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
