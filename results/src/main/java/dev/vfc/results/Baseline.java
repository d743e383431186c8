package dev.vfc.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The verdicts a target is expected to get, one line per scenario: {@code <scenario-id>
 * <VERDICT> <reason>}, the reason mandatory (for a PASS too: say what conforms). Lines
 * starting with '#' and blank lines are comments. A run whose verdict differs from its line —
 * a new FAIL, a CRASH, or an unexpected PASS — is a regression or a stale baseline, and the
 * gate says which line to change (the OkHttp "expected file" and WPT expectation habit).
 *
 * <p>One file holds both axes. {@link #rewrite} writes the conformance lines, then the hardening
 * lines, each block under a comment that starts {@code # conformance axis} or {@code # hardening
 * axis}; those two comments are also how a line whose verdict both scales use (NON-STRICT,
 * SKIPPED) keeps its axis when a later partial run does not include it. Every other verdict names
 * its axis itself, so a line whose verdict is not on its scenario's scale (a CRASH line for a
 * scenario now graded on the hardening axis) is reported as such, not as a regression.
 */
public final class Baseline {

    private static final String HEADER =
            "# Expected verdicts: <scenario> <VERDICT> <reason>. Rewrite with: ./vfc baseline (see README).";

    /**
     * One expectation and where it is written.
     *
     * @param axis the axis the verdict is on: the only one it can be on, else the block it was written in
     */
    public record Line(String scenario, Verdict.Kind verdict, String reason, int lineNumber, Axis axis) {

        public String render() {
            return format(scenario, verdict, reason);
        }
    }

    /** How a result differs from its baseline line, worst news first. */
    public enum ChangeKind {
        /** The verdict is lower on its axis's ladder than the line expects. */
        REGRESSION("regression", "regressions"),
        /** The line's verdict is not on the scale of the scenario's axis: the scenario moved axes. */
        WRONG_AXIS("line on the wrong axis", "lines on the wrong axis"),
        /** Different, but neither better nor worse (CRASH and TIMEOUT, or a SKIPPED either side). */
        CHANGED("changed", "changed"),
        /** The scenario has no line. */
        NEW("new", "new"),
        /** Higher on the ladder than the line expects, but not its top. */
        IMPROVEMENT("improvement", "improvements"),
        /** The axis's best verdict (PASS, CONTAINED) where the line expects something else; messages name it. */
        UNEXPECTED_BEST("unexpected best", "unexpected best");

        private final String one;
        private final String many;

        ChangeKind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        /** How the gate's summary counts these on an axis, e.g. {@code 2 regressions}, {@code 1 unexpected PASS}. */
        public String counted(long n, Axis axis) {
            if (this == UNEXPECTED_BEST) {
                return n + " unexpected " + Severity.best(axis).label();
            }
            return n + " " + (n == 1 ? one : many);
        }
    }

    /**
     * One difference between a run and its baseline.
     *
     * @param axis    the axis of the scenario as it ran
     * @param message one line naming the target, the scenario, its axis, both verdicts and the line to change
     */
    public record Change(ChangeKind kind, Axis axis, String scenario, String message) {
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
    /**
     * The baselines of {@code targets} in {@code dir}, each named as the suite names it
     * ({@code <target>.txt}, the target's results file name with {@code .txt}); a target without a
     * file has none.
     *
     * @throws IOException when {@code dir} is not a directory, naming the file and line that cannot be read
     */
    public static Map<String, Baseline> readDirectory(Path dir, List<String> targets) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory of baselines (<target>.txt)");
        }
        Map<String, Baseline> out = new LinkedHashMap<>();
        for (String target : targets) {
            Path file = dir.resolve(ResultsFile.fileName(target).replaceFirst("\\.json$", ".txt"));
            if (Files.isRegularFile(file)) {
                out.put(target, read(file));
            }
        }
        return out;
    }

    public static Baseline read(Path file) throws IOException {
        Map<String, Line> lines = new LinkedHashMap<>();
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        Axis block = Axis.CONFORMANCE;
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i).strip();
            if (raw.startsWith("#")) {
                block = blockOf(raw).orElse(block);
                continue;
            }
            if (raw.isEmpty()) {
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
            lines.put(parts[0], new Line(parts[0], kind, parts[2], i + 1, Severity.onlyAxisOf(kind).orElse(block)));
        }
        return new Baseline(file, lines);
    }

    /** The axis a {@code # conformance axis ...} or {@code # hardening axis ...} comment opens. */
    private static Optional<Axis> blockOf(String comment) {
        String words = comment.substring(1).strip();
        for (Axis a : Axis.values()) {
            if (words.startsWith(a.label() + " axis")) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
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
     * @return empty when they agree; otherwise one message naming the scenario, its axis, both
     *     verdicts and the line to change (or to add)
     */
    public Optional<String> check(String target, ScenarioResult result) {
        return compare(target, result).map(Change::message);
    }

    /**
     * Compares one result with its line: which way the verdict moved on its axis's ladder
     * ({@link Severity#rank}), or that the line is on the other axis's scale.
     *
     * @return empty when they agree
     */
    public Optional<Change> compare(String target, ScenarioResult result) {
        Verdict.Kind actual = result.verdict().kind();
        Axis axis = result.axis();
        String at = target + " " + result.scenario() + ": ";
        String detail = " (" + result.verdict().detail() + ")";
        String replacement = format(result.scenario(), actual, reasonFor(result));
        Line line = lines.get(result.scenario());
        if (line == null) {
            return Optional.of(new Change(ChangeKind.NEW, axis, result.scenario(), at + "new (" + axis.label() + "): got "
                    + actual.label() + detail + " but " + file + " has no line for it; add: " + replacement));
        }
        if (line.verdict() == actual) {
            return Optional.empty();
        }
        String where = file + ":" + line.lineNumber();
        if (!axis.allows(line.verdict())) {
            return Optional.of(new Change(ChangeKind.WRONG_AXIS, axis, result.scenario(), at
                    + "baseline line on the wrong axis: " + where + " expects " + line.verdict().label() + ", a "
                    + line.axis().label() + " verdict, but " + result.scenario() + " is on the " + axis.label()
                    + " axis (" + scaleOf(axis) + ") and got " + actual.label() + detail + "; change that line to: "
                    + replacement));
        }
        ChangeKind kind = direction(axis, line.verdict(), actual);
        String named = kind == ChangeKind.UNEXPECTED_BEST ? "unexpected " + actual.label() : kind.one;
        return Optional.of(new Change(kind, axis, result.scenario(), at + named + " (" + axis.label() + "): was "
                + line.verdict().label() + ", now " + actual.label() + detail + "; " + where + " expects "
                + line.verdict().label() + " (" + line.reason() + "); if the new behaviour is right, change that line to: "
                + replacement));
    }

    /**
     * Which way a verdict moved on its axis's ladder from {@code expected} to {@code actual}: the
     * gate's reading of a baseline line, and the report's of an earlier run's verdict.
     */
    public static ChangeKind direction(Axis axis, Verdict.Kind expected, Verdict.Kind actual) {
        OptionalInt was = Severity.rank(axis, expected);
        OptionalInt now = Severity.rank(axis, actual);
        if (was.isEmpty() || now.isEmpty() || was.getAsInt() == now.getAsInt()) {
            return ChangeKind.CHANGED;
        }
        if (now.getAsInt() > was.getAsInt()) {
            return ChangeKind.REGRESSION;
        }
        return actual == Severity.best(axis) ? ChangeKind.UNEXPECTED_BEST : ChangeKind.IMPROVEMENT;
    }

    private static String scaleOf(Axis axis) {
        return "graded " + Severity.bestFirst(axis).stream().filter(k -> k != Verdict.Kind.SKIPPED)
                .map(Verdict.Kind::label).collect(Collectors.joining(", "));
    }

    /**
     * The baseline rewritten from {@code results}: lines whose verdict did not change keep
     * their reason, changed and new ones take the verdict's detail as their reason, and
     * scenarios that did not run keep their line. Conformance lines come first, then hardening
     * lines, each block sorted and under its axis comment.
     */
    public String rewrite(List<ScenarioResult> results) {
        Map<String, Line> out = new LinkedHashMap<>(lines);
        for (ScenarioResult r : results) {
            Line old = lines.get(r.scenario());
            boolean same = old != null && old.verdict() == r.verdict().kind();
            out.put(r.scenario(), new Line(r.scenario(), r.verdict().kind(), same ? old.reason() : reasonFor(r),
                    0, r.axis()));
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Axis axis : Axis.values()) {
            List<String> block = out.values().stream().filter(l -> l.axis() == axis).map(Line::render).sorted().toList();
            if (!block.isEmpty()) {
                text.append(blockHeader(axis)).append('\n');
                block.forEach(l -> text.append(l).append('\n'));
            }
        }
        return text.toString();
    }

    private static String blockHeader(Axis axis) {
        return switch (axis) {
            case CONFORMANCE -> "# conformance axis: requests a conforming driver may send; "
                    + "FAIL = a rule binding the daemon was broken";
            case HARDENING -> "# hardening axis: requests that break a rule binding the driver; "
                    + scaleOf(axis) + " (virtio 1.3 §2.1.2 lets the device stop)";
        };
    }

    /**
     * A new line's reason: what the suite saw and, for every verdict but PASS and CONTAINED, the
     * head of the rule it was judged by, so a maintainer reading the baseline sees which text
     * binds the daemon without opening the suite.
     */
    static String reasonFor(ScenarioResult r) {
        String saw = shortened(r.verdict().detail(), 200);
        if (saw.isEmpty()) {
            saw = switch (r.verdict().kind()) {
                case PASS -> "conforms";
                case CONTAINED -> "contained";
                default -> "(no detail)";
            };
        }
        Verdict.Kind kind = r.verdict().kind();
        if (kind == Verdict.Kind.PASS || kind == Verdict.Kind.CONTAINED || r.rule().isBlank()) {
            return saw;
        }
        return saw + " | rule: " + ruleHead(r.rule());
    }

    /** A full stop that ends a sentence: not an ellipsis, followed by a capital. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\.)\\.(?= [A-Z])");

    /** The rule's first sentence (its citation comes first in every rule the suite states), shortened. */
    static String ruleHead(String rule) {
        String flat = rule.replaceAll("\\s+", " ").strip();
        Matcher end = SENTENCE_END.matcher(flat);
        return shortened(flat.length() > 40 && end.find(40) ? flat.substring(0, end.start() + 1) : flat, 240);
    }

    private static String shortened(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > max ? flat.substring(0, max - 3) + "..." : flat;
    }
}
