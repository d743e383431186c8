package dev.vfc.cli;

import dev.vfc.results.Axis;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Severity;
import dev.vfc.results.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The verdicts as JUnit XML, the format CI servers' test views read: GitLab's unit test reports
 * (docs.gitlab.com/ci/testing/unit_test_reports: {@code testcase} {@code classname} is the Suite
 * column, {@code name} the test, {@code failure}/{@code skipped} content the details, and of two
 * cases with the same classname and name only the first is kept), dorny/test-reporter and
 * mikepenz/action-junit-report on GitHub, which read the same Ant/Surefire shape:
 *
 * <pre>
 * &lt;testsuites name="vfc" tests failures errors skipped time&gt;
 *   &lt;testsuite name=TARGET tests failures errors skipped time&gt;   one per target
 *     &lt;properties&gt; kind, version, shard &lt;/properties&gt;
 *     &lt;testcase name=SCENARIO-ID classname=TARGET.AREA time=SECONDS&gt;   one per scenario
 *       &lt;failure message type=VERDICT&gt;expected ... actual ...&lt;/failure&gt;   a verdict the target's baseline does not expect
 *       &lt;skipped message=REASON&gt;REASON&lt;/skipped&gt;                        UNSUPPORTED or SKIPPED
 *       &lt;system-out&gt;verdict, rule&lt;/system-out&gt;
 * </pre>
 *
 * The classname is the area prefixed with the target because GitLab keys a case by classname and
 * name across the whole job: with the area alone, the C daemon's {@code read/eof/at-end} would
 * be dropped as a duplicate of the Java daemon's.
 *
 * <p>Without a baseline for a target, a verdict fails when it is at or below FAIL on the
 * conformance scale (FAIL, TIMEOUT, CRASH) or HANG or BREACH on the hardening scale: the
 * verdicts a guest cannot live with. FAIL-STOP is not one: virtio 1.3 §2.1.2 lets a device stop
 * when its driver breaks a rule.
 */
final class JunitXml {

    private final List<ResultsFile> targets;
    private final Map<String, Baseline> baselines;

    /** @param baselines each target's baseline by target name; a target without one is held to its axis's scale */
    JunitXml(List<ResultsFile> targets, Map<String, Baseline> baselines) {
        this.targets = List.copyOf(targets);
        this.baselines = Map.copyOf(baselines);
    }

    /** How one verdict shows in a test view. */
    sealed interface Outcome permits Passed, Failed, Skipped {
    }

    record Passed() implements Outcome {
    }

    /** @param message one line; {@code text} the expected and actual verdicts in full */
    record Failed(String message, String text) implements Outcome {
    }

    record Skipped(String reason) implements Outcome {
    }

    Outcome outcome(ResultsFile target, ScenarioResult r) {
        Verdict.Kind kind = r.verdict().kind();
        if (kind == Verdict.Kind.SKIPPED) {
            return new Skipped(r.verdict().detail());
        }
        Baseline baseline = baselines.get(target.target().name());
        Optional<Failed> failed = baseline == null ? unacceptable(r) : baseline.compare(target.target().name(), r)
                .map(c -> new Failed(c.message(), "expected: " + baseline.expected(r.scenario())
                        .map(l -> l.verdict().label() + " (" + baseline.file() + ":" + l.lineNumber() + ": " + l.reason() + ")")
                        .orElse("no line in " + baseline.file()) + "\nactual: " + kind.label() + " (" + r.verdict().detail() + ")"));
        if (failed.isPresent()) {
            return failed.get();
        }
        return kind == Verdict.Kind.UNSUPPORTED ? new Skipped("UNSUPPORTED: " + r.verdict().detail()) : new Passed();
    }

    private static Optional<Failed> unacceptable(ScenarioResult r) {
        Verdict.Kind kind = r.verdict().kind();
        int rank = Severity.rank(r.axis(), kind).orElse(0);
        int limit = r.axis() == Axis.HARDENING ? Severity.rank(Axis.HARDENING, Verdict.Kind.HANG).getAsInt()
                : Severity.rank(Axis.CONFORMANCE, Verdict.Kind.FAIL).getAsInt();
        if (rank < limit) {
            return Optional.empty();
        }
        String best = Severity.best(r.axis()).label();
        return Optional.of(new Failed(r.scenario() + ": " + kind.label() + " (" + r.axis().label() + "): "
                + r.verdict().detail(), "expected: " + best + " or another verdict a guest can live with (no baseline given)"
                + "\nactual: " + kind.label() + " (" + r.verdict().detail() + ")"));
    }

    /** Writes the document to {@code file} whole or not at all. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            write(w);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void write(Writer w) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "vfc");
            counts(x, targets.stream().flatMap(t -> t.results().stream().map(r -> outcome(t, r))).toList(),
                    targets.stream().flatMap(t -> t.results().stream()).mapToLong(ScenarioResult::millis).sum());
            for (ResultsFile t : targets) {
                suite(x, t);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private void suite(XMLStreamWriter x, ResultsFile t) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", t.target().name());
        counts(x, t.results().stream().map(r -> outcome(t, r)).toList(),
                t.results().stream().mapToLong(ScenarioResult::millis).sum());
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "kind", t.target().kind());
        property(x, "version", t.target().version());
        if (t.run().isPresent()) {
            property(x, "suite", t.run().get().suite());
            property(x, "shard", t.run().get().shardLabel());
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (ScenarioResult r : t.results()) {
            testcase(x, t, r);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private void testcase(XMLStreamWriter x, ResultsFile t, ScenarioResult r) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", r.scenario());
        x.writeAttribute("classname", t.target().name() + "." + r.area());
        x.writeAttribute("time", seconds(r.millis()));
        Outcome outcome = outcome(t, r);
        if (outcome instanceof Failed f) {
            x.writeCharacters("\n      ");
            x.writeStartElement("failure");
            x.writeAttribute("message", f.message());
            x.writeAttribute("type", r.verdict().kind().label());
            x.writeCharacters(f.text());
            x.writeEndElement();
        } else if (outcome instanceof Skipped s) {
            x.writeCharacters("\n      ");
            x.writeStartElement("skipped");
            x.writeAttribute("message", s.reason());
            x.writeCharacters(s.reason());
            x.writeEndElement();
        }
        x.writeCharacters("\n      ");
        x.writeStartElement("system-out");
        x.writeCharacters(r.verdict().kind().label() + " (" + r.axis().label() + "): " + r.verdict().detail()
                + "\nrule: " + r.rule() + r.shard().map(s -> "\nshard: " + s.label()).orElse(""));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static void counts(XMLStreamWriter x, List<Outcome> outcomes, long millis) throws XMLStreamException {
        x.writeAttribute("tests", Integer.toString(outcomes.size()));
        x.writeAttribute("failures", Long.toString(outcomes.stream().filter(o -> o instanceof Failed).count()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Long.toString(outcomes.stream().filter(o -> o instanceof Skipped).count()));
        x.writeAttribute("time", seconds(millis));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
