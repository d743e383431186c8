package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline holds both axes, and a changed verdict is judged on its own axis's scale. */
class BaselineTest {

    @TempDir
    Path dir;

    private Baseline baseline(String text) throws IOException {
        Path file = dir.resolve("rust.txt");
        Files.writeString(file, text);
        return Baseline.read(file);
    }

    private static ScenarioResult hardening(String id, Verdict v) {
        return new ScenarioResult(id, "t", "", Axis.HARDENING, v, 1, "", "");
    }

    private static ScenarioResult conformance(String id, Verdict v) {
        return new ScenarioResult(id, "t", "", Axis.CONFORMANCE, v, 1, "", "");
    }

    @Test
    void aHardeningVerdictThatGotWorseIsARegressionThatSaysItsAxis() throws IOException {
        Baseline b = baseline("robustness/x CONTAINED EINVAL, next request served\n");

        Baseline.Change change = b.compare("rust", hardening("robustness/x", Verdict.hang("no used element"))).orElseThrow();

        assertThat(change.kind()).isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(change.axis()).isEqualTo(Axis.HARDENING);
        assertThat(change.message()).startsWith("rust robustness/x: regression (hardening): was CONTAINED, now HANG "
                + "(no used element); " + dir.resolve("rust.txt") + ":1 expects CONTAINED")
                .endsWith("change that line to: robustness/x HANG no used element");
    }

    @Test
    void onTheHardeningScaleBreachAndHangAreWorseThanFailStopWhichIsWorseThanNonStrictAndContained()
            throws IOException {
        assertThat(moved("FAIL-STOP", Verdict.breach("wrote past the buffer"))).isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(moved("FAIL-STOP", Verdict.hang("silent"))).isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(moved("HANG", Verdict.breach("wrote"))).isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(moved("NON-STRICT", Verdict.failStop("exit 1"))).isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(moved("CONTAINED", Verdict.nonStrict("accepted"))).isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(moved("BREACH", Verdict.failStop("exit 1"))).isEqualTo(Baseline.ChangeKind.IMPROVEMENT);
        assertThat(moved("HANG", Verdict.contained("EINVAL"))).isEqualTo(Baseline.ChangeKind.UNEXPECTED_BEST);
        assertThat(moved("HANG", Verdict.of(Verdict.Kind.SKIPPED, "no docker"))).isEqualTo(Baseline.ChangeKind.CHANGED);
    }

    private Baseline.ChangeKind moved(String was, Verdict now) throws IOException {
        return baseline("robustness/x " + was + " before\n").compare("rust", hardening("robustness/x", now))
                .orElseThrow().kind();
    }

    @Test
    void onTheConformanceScaleACrashIsWorseThanAFailAndAPassAfterAFailIsAnUnexpectedPass() throws IOException {
        Baseline b = baseline("read/a FAIL ENOMEM\nread/b FAIL ENOMEM\nread/c CRASH SIGSYS\nread/d UNSUPPORTED ENOSYS\n");

        assertThat(b.compare("c", conformance("read/a", new Verdict.Crash("SIGSYS"))).orElseThrow().kind())
                .isEqualTo(Baseline.ChangeKind.REGRESSION);
        assertThat(b.compare("c", conformance("read/b", Verdict.pass("ok"))).orElseThrow().message())
                .startsWith("c read/b: unexpected PASS (conformance): was FAIL, now PASS (ok)");
        assertThat(b.compare("c", conformance("read/c", new Verdict.Timeout("10 s"))).orElseThrow().kind())
                .as("hanging and dying on legal input are equally bad").isEqualTo(Baseline.ChangeKind.CHANGED);
        assertThat(b.compare("c", conformance("read/d", Verdict.nonStrict("short"))).orElseThrow().kind())
                .isEqualTo(Baseline.ChangeKind.CHANGED);
    }

    @Test
    void aLineWhoseVerdictIsOnTheOtherAxisScaleIsReportedAsOnTheWrongAxisInOneLine() throws IOException {
        Baseline b = baseline("# old\nrobustness/loop CRASH killed by SIGABRT\n");

        Baseline.Change change = b.compare("c", hardening("robustness/loop", Verdict.failStop("killed by SIGABRT (6)")))
                .orElseThrow();

        assertThat(change.kind()).isEqualTo(Baseline.ChangeKind.WRONG_AXIS);
        assertThat(change.message()).isEqualTo("c robustness/loop: baseline line on the wrong axis: "
                + dir.resolve("rust.txt") + ":2 expects CRASH, a conformance verdict, but robustness/loop is on the "
                + "hardening axis (graded CONTAINED, NON-STRICT, FAIL-STOP, HANG, BREACH) and got FAIL-STOP "
                + "(killed by SIGABRT (6)); change that line to: robustness/loop FAIL-STOP killed by SIGABRT (6)");
        assertThat(change.message().lines()).hasSize(1);
    }

    @Test
    void aHardeningLineForAConformanceScenarioIsOnTheWrongAxisToo() throws IOException {
        Baseline b = baseline("read/a CONTAINED EINVAL\n");

        assertThat(b.compare("c", conformance("read/a", Verdict.pass("ok"))).orElseThrow().kind())
                .isEqualTo(Baseline.ChangeKind.WRONG_AXIS);
    }

    @Test
    void aMissingLineSaysTheAxisAndTheLineToAdd() throws IOException {
        assertThat(baseline("").check("c", hardening("robustness/x", Verdict.contained("EINVAL"))).orElseThrow())
                .startsWith("c robustness/x: new (hardening): got CONTAINED (EINVAL) but ")
                .endsWith("has no line for it; add: robustness/x CONTAINED EINVAL");
    }

    @Test
    void aRewriteWritesConformanceLinesThenHardeningLinesEachUnderItsAxisComment() throws IOException {
        Baseline b = baseline("read/a PASS serves it\nrobustness/loop CRASH killed\n");

        String text = b.rewrite(List.of(conformance("read/a", Verdict.pass("other words")),
                hardening("robustness/loop", Verdict.failStop("killed by SIGABRT (6)")),
                hardening("path-safety/dotdot", Verdict.nonStrict("created ./x inside the share")),
                conformance("init/b", Verdict.fail("7.38", "EPROTO"))));

        assertThat(text.lines().toList()).containsExactly(
                "# Expected verdicts: <scenario> <VERDICT> <reason>. Rewrite with: ./vfc baseline (see README).",
                "# conformance axis: requests a conforming driver may send; FAIL = a rule binding the daemon was broken",
                "init/b FAIL expected 7.38, got EPROTO",
                "read/a PASS serves it",
                "# hardening axis: requests that break a rule binding the driver; graded CONTAINED, NON-STRICT, "
                        + "FAIL-STOP, HANG, BREACH (virtio 1.3 §2.1.2 lets the device stop)",
                "path-safety/dotdot NON-STRICT created ./x inside the share",
                "robustness/loop FAIL-STOP killed by SIGABRT (6)");
    }

    @Test
    void aNonStrictLineOfAHardeningScenarioStaysInTheHardeningBlockWhenALaterRunLeavesItOut() throws IOException {
        Path file = dir.resolve("rust.txt");
        Baseline first = Baseline.empty(file);
        Files.writeString(file, first.rewrite(List.of(conformance("read/a", Verdict.pass("ok")),
                hardening("path-safety/dotdot", Verdict.nonStrict("created ./x inside the share")))));
        Baseline read = Baseline.read(file);

        assertThat(read.expected("path-safety/dotdot").orElseThrow().axis()).isEqualTo(Axis.HARDENING);
        String again = read.rewrite(List.of(conformance("read/a", Verdict.pass("ok"))));
        assertThat(again).isEqualTo(Files.readString(file));
    }

    @Test
    void aLineNamesItsAxisByItsVerdictWhereOnlyOneScaleHasIt() throws IOException {
        Baseline b = baseline("# hardening axis: x\nrobustness/a CRASH old line\nrobustness/b HANG silent\n"
                + "robustness/c NON-STRICT accepted\n");

        assertThat(b.lines()).extracting(Baseline.Line::axis)
                .containsExactly(Axis.CONFORMANCE, Axis.HARDENING, Axis.HARDENING);
    }

    @Test
    void aNewLineThatIsNotPassNamesTheHeadOfTheRuleItWasJudgedBy() {
        ScenarioResult failed = new ScenarioResult("metadata/x", "t", "virtio 1.3 §2.7.8 (\"len\" is the number of "
                + "bytes written into the buffer). Second sentence, not cited.", Axis.CONFORMANCE,
                Verdict.fail("used.len 16", "used.len 4"), 1, "", "");

        assertThat(Baseline.reasonFor(failed)).endsWith(" | rule: virtio 1.3 §2.7.8 (\"len\" is the number of bytes "
                + "written into the buffer).").doesNotContain("Second sentence");
        ScenarioResult elided = new ScenarioResult("metadata/z", "t", "POSIX.1-2017 unlink(): \"shall fail if: ... "
                + "[ENOENT] A component of path does not name an existing file\". Second.", Axis.CONFORMANCE,
                Verdict.fail("ENOENT", "EIO"), 1, "", "");
        assertThat(Baseline.reasonFor(elided)).endsWith("does not name an existing file\".");
        assertThat(Baseline.ruleHead("short rule")).isEqualTo("short rule");
        assertThat(Baseline.reasonFor(conformance("metadata/y", Verdict.pass("served")))).isEqualTo("served");
        assertThat(Baseline.reasonFor(hardening("robustness/y", Verdict.contained("EINVAL")))).isEqualTo("EINVAL");
    }
}
