package dev.vfc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Severity;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The page's first screen, "how does my daemon stand": for each axis, each area's verdict counts
 * per daemon and the axis's totals, as wpt.fyi's directory view counts results per directory and
 * browser. {@code [{"axis": "conformance", "areas": [{"area": "read", "rows": 12, "counts":
 * [{"PASS": 11, "FAIL": 1}, null, ...]}], "total": [...]}]}, one count object per daemon in
 * column order ({@code null} where the daemon ran none of them), verdicts best first, zeros left out.
 */
final class OverviewData {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OverviewData() {
    }

    static ArrayNode of(ComparisonReport report) {
        ArrayNode axes = JSON.arrayNode();
        for (Axis axis : report.axes()) {
            List<ScenarioRow> rows = report.rows(axis);
            ObjectNode node = axes.addObject().put("axis", axis.label());
            ArrayNode areas = node.putArray("areas");
            rows.stream().map(ScenarioRow::area).distinct().forEach(area -> {
                List<ScenarioRow> inArea = rows.stream().filter(r -> r.area().equals(area)).toList();
                areas.addObject().put("area", area).put("rows", inArea.size())
                        .set("counts", perTarget(report, axis, inArea));
            });
            node.put("rows", rows.size()).set("total", perTarget(report, axis, rows));
        }
        return axes;
    }

    private static ArrayNode perTarget(ComparisonReport report, Axis axis, List<ScenarioRow> rows) {
        ArrayNode cells = JSON.arrayNode();
        for (String target : report.targetNames()) {
            List<ScenarioResult> ran = rows.stream().map(r -> r.result(target)).flatMap(Optional::stream).toList();
            cells.add(ran.isEmpty() ? JSON.nullNode() : counts(axis, VerdictCounts.of(ran)));
        }
        return cells;
    }

    private static JsonNode counts(Axis axis, VerdictCounts counts) {
        ObjectNode node = JSON.objectNode();
        for (Verdict.Kind k : Severity.bestFirst(axis)) {
            if (counts.count(k) > 0) {
                node.put(k.label(), counts.count(k));
            }
        }
        return node;
    }
}
