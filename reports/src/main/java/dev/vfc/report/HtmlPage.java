package dev.vfc.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.results.Axis;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.results.ResultsFile.TargetInfo;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Severity;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: one self-contained file (its CSS, script and data inline) so it opens from
 * disk, from a CI artifact or an e-mail attachment, with no server and no network. The page is
 * drawn by its script from a JSON data island; every piece of text from results (details, logs,
 * transcripts, names) reaches the page only through that island and is put on screen as text,
 * never as markup, so a hostile detail cannot become HTML.
 */
final class HtmlPage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/dev/vfc/report/";
    private static final List<String> SCRIPTS = List.of("report.js", "overview.js", "opcodes.js");

    private HtmlPage() {
    }

    static String render(ComparisonReport report) {
        return resource("index.html")
                .replace("/*VFC_CSS*/", resource("report.css"))
                .replace("/*VFC_JS*/", script())
                .replace("/*VFC_DATA*/", dataIsland(data(report)));
    }

    /**
     * The page's script: the matrix and drill-down first (they define what the views share), then
     * one file per view, then the call that opens a linked cell and says the page is drawn.
     */
    private static String script() {
        StringBuilder js = new StringBuilder();
        for (String file : SCRIPTS) {
            js.append(resource(file)).append('\n');
        }
        return js.append("window.vfcReport.ready();\n").toString();
    }

    /**
     * JSON made safe inside {@code <script>}: {@code <}, {@code >} and {@code &} only ever occur
     * inside JSON strings, where their {@code \}{@code uXXXX} escapes mean the same, so no
     * {@code </script>} or {@code <!--} can end or bend the element early.
     */
    static String dataIsland(ObjectNode data) {
        try {
            return JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not serialisable", e);
        }
    }

    static ObjectNode data(ComparisonReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", report.generated().toString());
        ArrayNode axes = root.putArray("axes");
        for (Axis a : Axis.values()) {
            axes.add(axis(a, report.rows(a).size()));
        }
        ArrayNode targets = root.putArray("targets");
        report.targetInfos().forEach(t -> targets.add(target(t, report.counts(t.name()))));
        Map<String, List<String>> kills = report.killMatrix().map(KillMatrixFile::killsByScenario).orElse(Map.of());
        ArrayNode rows = root.putArray("rows");
        report.rows().forEach(r -> rows.add(row(r, report, kills)));
        report.killMatrix().ifPresent(m -> root.set("killMatrix", killMatrix(m)));
        report.bench().ifPresent(b -> root.set("performance", PerformanceData.of(b)));
        root.set("overview", OverviewData.of(report));
        root.set("opcodes", opcodes(report.opcodes()));
        ObjectNode changes = root.putObject("changes");
        report.toBaselines().ifPresent(c -> changes.set("baselines", changes(c, report)));
        report.toEarlierRun().ifPresent(c -> changes.set("earlier", changes(c, report)));
        return root;
    }

    /** {@code [{"code": 15, "name": "READ", "rows": [0, 3]}]}: row indices into {@code rows}. */
    private static ArrayNode opcodes(OpcodeIndex index) {
        ArrayNode list = JSON.createArrayNode();
        for (OpcodeIndex.Entry e : index.entries()) {
            ObjectNode o = list.addObject().put("code", Integer.toUnsignedLong(e.code())).put("name", e.name());
            e.rows().forEach(o.putArray("rows")::add);
        }
        return list;
    }

    /**
     * What moved against baselines or an earlier run: the counts, and each changed cell as
     * {@code {"row": i, "target": t, "was": "PASS", "now": "FAIL", "direction": "worse"}}.
     */
    private static ObjectNode changes(VerdictChanges changes, ComparisonReport report) {
        ObjectNode node = JSON.createObjectNode().put("against", changes.against()).put("compared", changes.compared())
                .put("unmatched", changes.unmatched());
        changes.missingTargets().forEach(node.putArray("missingTargets")::add);
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < report.rows().size(); i++) {
            rowOf.put(report.rows().get(i).axis().label() + " " + report.rows().get(i).id(), i);
        }
        List<String> targets = report.targetNames();
        ArrayNode cells = node.putArray("cells");
        for (VerdictChange c : changes.changes()) {
            cells.addObject().put("row", rowOf.get(c.axis().label() + " " + c.scenario()))
                    .put("target", targets.indexOf(c.target())).put("was", c.was().label())
                    .put("now", c.now().label()).put("direction", c.direction());
        }
        return node;
    }

    /**
     * The matrix as the page's "Proof" section draws it: the scores, and each mutant with its bug
     * and the scenarios that killed it ({@code null} kills on rows means no matrix was given).
     */
    private static ObjectNode killMatrix(KillMatrixFile m) {
        ObjectNode node = JSON.createObjectNode().put("reference", m.reference())
                .put("scenariosKilling", m.scenariosKilling()).put("scenarios", m.scenarios().size())
                .put("mutantsKilled", m.mutantsKilled()).put("mutants", m.mutants().size());
        ArrayNode mutants = node.putArray("rows");
        for (KillMatrixFile.MutantEntry e : m.mutants()) {
            ObjectNode o = mutants.addObject().put("name", e.name()).put("bug", e.bug()).put("origin", e.origin())
                    .put("ran", e.ran());
            ArrayNode by = o.putArray("killedBy");
            e.killedBy().forEach(k -> by.addObject().put("scenario", k.scenario()).put("verdict", k.verdict().label())
                    .put("stock", k.stock().label()));
        }
        return node;
    }

    /** An axis as the legend, filters and sections show it: its verdicts best first, each with its meaning. */
    private static ObjectNode axis(Axis axis, int rows) {
        ObjectNode node = JSON.createObjectNode().put("name", axis.label()).put("title", AxisLegend.title(axis))
                .put("explains", AxisLegend.explains(axis)).put("rows", rows);
        ArrayNode verdicts = node.putArray("verdicts");
        ObjectNode meanings = node.putObject("meanings");
        for (Verdict.Kind k : Severity.bestFirst(axis)) {
            verdicts.add(k.label());
            meanings.put(k.label(), AxisLegend.meaning(axis, k));
        }
        return node;
    }

    /** A daemon's column head: its counts as {@code {"conformance": {"PASS": n, ...}, "hardening": {...}}}. */
    private static ObjectNode target(TargetInfo t, AxisCounts counts) {
        ObjectNode node = JSON.createObjectNode().put("name", t.name()).put("kind", t.kind())
                .put("version", t.version()).put("command", t.command());
        node.set("counts", MergedResults.counts(counts));
        return node;
    }

    private static ObjectNode row(ScenarioRow row, ComparisonReport report, Map<String, List<String>> kills) {
        ObjectNode node = JSON.createObjectNode().put("id", row.id()).put("axis", row.axis().label())
                .put("area", row.area())
                .put("title", row.title()).put("rule", row.rule()).put("disagree", row.disagrees());
        if (report.killMatrix().isPresent()) {
            kills.getOrDefault(row.id(), List.of()).forEach(node.putArray("kills")::add);
            node.put("inMatrix", kills.containsKey(row.id()));
        }
        ArrayNode cells = node.putArray("cells");
        report.targetInfos().forEach(t -> cells.add(row.result(t.name()).map(HtmlPage::cell).orElse(null)));
        return node;
    }

    private static ObjectNode cell(ScenarioResult r) {
        ObjectNode node = JSON.createObjectNode().put("v", r.verdict().kind().label()).put("d", r.verdict().detail())
                .put("ms", r.millis()).put("log", r.log());
        r.shard().ifPresent(s -> node.put("shard", s.label()));
        ExpectedActual.of(r.verdict().detail()).ifPresent(ea -> node.putObject("ea")
                .put("expected", ea.expected()).put("actual", ea.actual()));
        node.set("tx", transcript(TranscriptView.of(r)));
        return node;
    }

    /** Exchanges as compact arrays {@code [n, queue, request, layout, reply, ms]}, notes as strings. */
    private static ObjectNode transcript(TranscriptView t) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode lines = node.putArray("lines");
        for (TranscriptView.Line line : t.lines()) {
            if (line instanceof TranscriptView.Exchange e) {
                lines.addArray().add(e.number()).add(e.queue()).add(e.request()).add(e.layout()).add(e.reply())
                        .add(e.millis());
            } else if (line instanceof TranscriptView.Note n) {
                lines.add(n.text());
            }
        }
        return node;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
