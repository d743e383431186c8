package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.ResultsFile.TargetInfo;
import dev.vfc.results.Severity;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code summary.md}: what a pull-request comment needs and no more: the verdict counts per
 * daemon on each axis (a table per axis, as their scales differ), then per axis the scenarios
 * where the daemons disagree (capped, the rest counted), because those are the rows a reviewer
 * acts on; then, when the run was held to an earlier run or to baselines, each verdict that moved
 * (capped the same way), the answer to "did my patch change anything?". Everything else is in
 * {@code index.html}.
 */
final class SummaryMarkdown {

    /** Disagreement rows per axis shown before "… and N more": a comment longer than that is not read. */
    static final int MAX_DISAGREEMENTS = 20;

    private SummaryMarkdown() {
    }

    static String render(ComparisonReport report) {
        StringBuilder md = new StringBuilder("## virtio-fs daemon comparison\n\n");
        List<ScenarioRow> disagree = report.disagreements();
        md.append(report.rows().size()).append(" scenarios (").append(perAxis(report, report.rows())).append("), ")
                .append(report.targets().size()).append(" daemons, ").append(disagree.size())
                .append(disagree.size() == 1 ? " scenario" : " scenarios").append(" where they disagree")
                .append(disagree.isEmpty() ? "" : " (" + perAxis(report, disagree) + ")").append(".\n");
        for (Axis axis : report.axes()) {
            countsTable(report, axis, md);
        }
        for (Axis axis : report.axes()) {
            List<ScenarioRow> rows = disagree.stream().filter(r -> r.axis() == axis).toList();
            if (!rows.isEmpty()) {
                disagreementTable(report, axis, rows, md);
            }
        }
        report.toEarlierRun().ifPresent(c -> changeTable("Changed since the earlier run", "was", c, md));
        report.toBaselines().ifPresent(c -> changeTable("Against the baselines", "expected", c, md));
        report.killMatrix().ifPresent(m -> md.append("\n### Proof the checks can fail\n\nAgainst mutants of the `")
                .append(m.reference()).append("` daemon (one planted bug each): scenarios that kill a mutant: ")
                .append(m.scenariosKilling()).append(" of ").append(m.scenarios().size()).append("; mutants killed: ")
                .append(m.mutantsKilled()).append(" of ").append(m.mutants().size()).append(".\n"));
        return md.toString();
    }

    /** {@code 180 conformance, 30 hardening}: how many of {@code rows} are on each axis the report has. */
    private static String perAxis(ComparisonReport report, List<ScenarioRow> rows) {
        return report.axes().stream().map(a -> rows.stream().filter(r -> r.axis() == a).count() + " " + a.label())
                .collect(Collectors.joining(", "));
    }

    private static void countsTable(ComparisonReport report, Axis axis, StringBuilder md) {
        List<Verdict.Kind> kinds = Severity.bestFirst(axis).stream()
                .filter(k -> report.targetInfos().stream().anyMatch(t -> report.counts(t.name()).count(axis, k) > 0))
                .toList();
        md.append("\n### ").append(AxisLegend.title(axis)).append(": ").append(AxisLegend.explains(axis))
                .append("\n\n| daemon | version | ")
                .append(kinds.stream().map(Verdict.Kind::label).collect(Collectors.joining(" | ")))
                .append(" |\n|---|---|").append("---|".repeat(kinds.size())).append('\n');
        for (TargetInfo t : report.targetInfos()) {
            VerdictCounts counts = report.counts(t.name()).of(axis);
            md.append("| ").append(code(t.name())).append(" | ").append(plain(t.version())).append(" |");
            kinds.forEach(k -> md.append(counts.count(k) == 0 ? " |" : " " + counts.count(k) + " |"));
            md.append('\n');
        }
    }

    private static void disagreementTable(ComparisonReport report, Axis axis, List<ScenarioRow> rows,
            StringBuilder md) {
        List<String> names = report.targetInfos().stream().map(TargetInfo::name).toList();
        md.append("\n### Where the daemons disagree: ").append(axis.label()).append("\n\n| scenario | ")
                .append(names.stream().map(SummaryMarkdown::code).collect(Collectors.joining(" | ")))
                .append(" |\n|---|").append("---|".repeat(names.size())).append('\n');
        rows.stream().limit(MAX_DISAGREEMENTS).forEach(row -> {
            md.append("| ").append(code(row.id())).append(" |");
            names.forEach(n -> md.append(' ').append(row.result(n).map(r -> r.verdict().kind().label()).orElse("—"))
                    .append(" |"));
            md.append('\n');
        });
        if (rows.size() > MAX_DISAGREEMENTS) {
            md.append("\n… and ").append(rows.size() - MAX_DISAGREEMENTS).append(" more ").append(axis.label())
                    .append(" rows (see ").append(ComparisonReport.INDEX_HTML).append(").\n");
        }
    }

    /** The cells that moved against {@code changes}, one line each: scenario, daemon, before, now, which way. */
    private static void changeTable(String title, String before, VerdictChanges changes, StringBuilder md) {
        List<VerdictChange> list = changes.changes();
        md.append("\n### ").append(title).append("\n\n").append(changes.compared()).append(" verdicts held to ")
                .append(code(changes.against())).append(": ")
                .append(list.isEmpty() ? "none changed" : list.size() + " changed").append(".\n");
        if (list.isEmpty()) {
            return;
        }
        md.append("\n| scenario | daemon | ").append(before).append(" | now | |\n|---|---|---|---|---|\n");
        list.stream().limit(MAX_DISAGREEMENTS).forEach(c -> md.append("| ").append(code(c.scenario())).append(" | ")
                .append(code(c.target())).append(" | ").append(c.was().label()).append(" | ").append(c.now().label())
                .append(" | ").append(c.direction()).append(" |\n"));
        if (list.size() > MAX_DISAGREEMENTS) {
            md.append("\n… and ").append(list.size() - MAX_DISAGREEMENTS).append(" more (see ")
                    .append(ComparisonReport.INDEX_HTML).append(").\n");
        }
    }

    /** Text in a table cell: one line, no column breaks. */
    private static String cell(String text) {
        return text.replaceAll("\\s+", " ").strip().replace("|", "\\|");
    }

    /** Prose in a table cell: markup characters are shown, not interpreted. */
    private static String plain(String text) {
        return cell(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An id or name as code; a backtick inside would end the span early, so such text stays plain. */
    private static String code(String text) {
        String c = cell(text);
        return c.contains("`") ? c : "`" + c + "`";
    }
}
