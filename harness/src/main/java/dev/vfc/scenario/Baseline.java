package dev.vfc.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdicts a target is expected to get, one line per scenario: {@code <scenario-id>
 * <VERDICT> <reason>}, the reason mandatory (for a PASS too: say what conforms). Lines
 * starting with '#' and blank lines are comments. A run whose verdict differs from its line —
 * a new FAIL, a CRASH, or an unexpected PASS — is a regression or a stale baseline, and the
 * gate says which line to change (the OkHttp "expected file" and WPT expectation habit).
 */
public final class Baseline {

    /** One expectation and where it is written. */
    public record Line(String scenario, Verdict.Kind verdict, String reason, int lineNumber) {

        public String render() {
            return format(scenario, verdict, reason);
        }
    }

    private final Path file;
    private final Map<String, Line> lines;

    private Baseline(Path file, Map<String, Line> lines) {
        this.file = file;
        this.lines = lines;
    }

    public static String format(String scenario, Verdict.Kind verdict, String reason) {
        return scenario + " " + verdict.label() + " " + reason.replaceAll("\\s+", " ").strip();
    }

    /** An empty baseline (every scenario unexpected) for a target that has none yet. */
    public static Baseline empty(Path file) {
        return new Baseline(file, new LinkedHashMap<>());
    }

    /**
     * Reads a baseline file.
     *
     * @throws IOException naming the file, the line and the problem (bad verdict, missing reason, duplicate)
     */
    public static Baseline read(Path file) throws IOException {
        Map<String, Line> lines = new LinkedHashMap<>();
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i).strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] parts = raw.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IOException(where + ": expected '<scenario> <VERDICT> <reason>', got '" + raw + "'");
            }
            Verdict.Kind kind;
            try {
                kind = Verdict.Kind.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage());
            }
            if (lines.containsKey(parts[0])) {
                throw new IOException(where + ": " + parts[0] + " is already on line " + lines.get(parts[0]).lineNumber());
            }
            lines.put(parts[0], new Line(parts[0], kind, parts[2], i + 1));
        }
        return new Baseline(file, lines);
    }

    public Path file() {
        return file;
    }

    public Optional<Line> expected(String scenario) {
        return Optional.ofNullable(lines.get(scenario));
    }

    public List<Line> lines() {
        return List.copyOf(lines.values());
    }

    /**
     * Checks one result against its line.
     *
     * @return empty when they agree; otherwise one message naming the scenario, both verdicts
     *     and the line to change (or to add)
     */
    public Optional<String> check(String target, ScenarioResult result) {
        Verdict.Kind actual = result.verdict().kind();
        Line line = lines.get(result.scenario());
        if (line == null) {
            return Optional.of(target + " " + result.scenario() + ": got " + actual.label() + " (" + result.verdict().detail()
                    + ") but " + file + " has no line for it; add: "
                    + format(result.scenario(), actual, reasonFor(result)));
        }
        if (line.verdict() == actual) {
            return Optional.empty();
        }
        String change = actual == Verdict.Kind.PASS ? "unexpected PASS" : "regression";
        return Optional.of(target + " " + result.scenario() + ": " + change + ": got " + actual.label() + " ("
                + result.verdict().detail() + "), " + file + ":" + line.lineNumber() + " expects "
                + line.verdict().label() + " (" + line.reason() + "); if the new behaviour is right, change that line to: "
                + format(result.scenario(), actual, reasonFor(result)));
    }

    /**
     * The baseline rewritten from {@code results}: lines whose verdict did not change keep
     * their reason, changed and new ones take the verdict's detail as their reason, and
     * scenarios that did not run keep their line.
     */
    public String rewrite(List<ScenarioResult> results) {
        Map<String, String> out = new LinkedHashMap<>();
        lines.values().forEach(l -> out.put(l.scenario(), l.render()));
        for (ScenarioResult r : results) {
            Line old = lines.get(r.scenario());
            boolean same = old != null && old.verdict() == r.verdict().kind();
            out.put(r.scenario(), same ? old.render() : format(r.scenario(), r.verdict().kind(), reasonFor(r)));
        }
        List<String> sorted = new ArrayList<>(out.values());
        sorted.sort(null);
        return "# Expected verdicts: <scenario> <VERDICT> <reason>. Rewrite with: ./vfc baseline (see README).\n"
                + String.join("\n", sorted) + "\n";
    }

    private static String reasonFor(ScenarioResult r) {
        String detail = r.verdict().detail().replaceAll("\\s+", " ").strip();
        if (detail.isEmpty()) {
            detail = r.verdict().kind() == Verdict.Kind.PASS ? "conforms" : "(no detail)";
        }
        return detail.length() > 200 ? detail.substring(0, 197) + "..." : detail;
    }
}
