package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.Axis;
import dev.vfc.results.Baseline;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.RunInfo;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Shard;
import dev.vfc.results.Verdict;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML of a run: the exact document for a small run, and its structure read back with the JDK's DOM. */
class JunitXmlTest {

    @TempDir
    Path dir;

    private static ScenarioResult result(String id, Axis axis, Verdict verdict, long millis) {
        return new ScenarioResult(id, "title", "the rule", axis, verdict, millis, "", "");
    }

    private static final ResultsFile JAVA = new ResultsFile(new ResultsFile.TargetInfo("java", "java", "0.1", "java -jar d.jar"),
            List.of(result("read/eof/at-end", Axis.CONFORMANCE, new Verdict.Pass("0 bytes"), 12),
                    result("metadata/xattr/list", Axis.CONFORMANCE, new Verdict.Unsupported("ENOSYS"), 3)))
            .withRun(new RunInfo("0.1+abc", Optional.of(new Shard(2, 4)), Instant.EPOCH, Instant.EPOCH));

    private static final ResultsFile C = new ResultsFile(new ResultsFile.TargetInfo("c", "c", "7.2", "virtiofsd"),
            List.of(result("read/eof/at-end", Axis.CONFORMANCE, new Verdict.Fail("expected 0 bytes, got 3 & <more>"), 1500),
                    result("ovmf/boot/grub", Axis.CONFORMANCE, new Verdict.Skipped("no OVMF here"), 0),
                    result("robustness/chain/loop", Axis.HARDENING, new Verdict.Contained("EIO"), 7)));

    private Baseline baselineOfC() throws Exception {
        return Baseline.read(Files.writeString(dir.resolve("c.txt"), """
                read/eof/at-end PASS 0 bytes
                ovmf/boot/grub PASS booted
                # hardening axis
                robustness/chain/loop CONTAINED EIO
                """));
    }

    @Test
    void aRunIsWrittenAsThisDocument() throws Exception {
        Baseline c = baselineOfC();
        StringWriter w = new StringWriter();
        new JunitXml(List.of(JAVA, C), Map.of("c", c)).write(w);
        String change = c.compare("c", C.results().get(0)).orElseThrow().message();
        assertThat(w.toString()).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="vfc" tests="5" failures="1" errors="0" skipped="2" time="1.522">
                  <testsuite name="java" tests="2" failures="0" errors="0" skipped="1" time="0.015">
                    <properties>
                      <property name="kind" value="java"/>
                      <property name="version" value="0.1"/>
                      <property name="suite" value="0.1+abc"/>
                      <property name="shard" value="2/4"/>
                    </properties>
                    <testcase name="read/eof/at-end" classname="java.read" time="0.012">
                      <system-out>PASS (conformance): 0 bytes
                rule: the rule
                shard: 2/4</system-out>
                    </testcase>
                    <testcase name="metadata/xattr/list" classname="java.metadata" time="0.003">
                      <skipped message="UNSUPPORTED: ENOSYS">UNSUPPORTED: ENOSYS</skipped>
                      <system-out>UNSUPPORTED (conformance): ENOSYS
                rule: the rule
                shard: 2/4</system-out>
                    </testcase>
                  </testsuite>
                  <testsuite name="c" tests="3" failures="1" errors="0" skipped="1" time="1.507">
                    <properties>
                      <property name="kind" value="c"/>
                      <property name="version" value="7.2"/>
                    </properties>
                    <testcase name="read/eof/at-end" classname="c.read" time="1.500">
                      <failure message="CHANGE" type="FAIL">expected: PASS (BASELINE:1: 0 bytes)
                actual: FAIL (expected 0 bytes, got 3 &amp; &lt;more&gt;)</failure>
                      <system-out>FAIL (conformance): expected 0 bytes, got 3 &amp; &lt;more&gt;
                rule: the rule</system-out>
                    </testcase>
                    <testcase name="ovmf/boot/grub" classname="c.ovmf" time="0.000">
                      <skipped message="no OVMF here">no OVMF here</skipped>
                      <system-out>SKIPPED (conformance): no OVMF here
                rule: the rule</system-out>
                    </testcase>
                    <testcase name="robustness/chain/loop" classname="c.robustness" time="0.007">
                      <system-out>CONTAINED (hardening): EIO
                rule: the rule</system-out>
                    </testcase>
                  </testsuite>
                </testsuites>
                """.replace("CHANGE", change.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"))
                .replace("BASELINE", c.file().toString()));
    }

    @Test
    void theDocumentParsesBackToOneSuitePerTargetAndOneCasePerScenario() throws Exception {
        Path file = dir.resolve("out/junit.xml");
        new JunitXml(List.of(JAVA, C), Map.of("c", baselineOfC())).write(file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element c = (Element) suites.item(1);
        assertThat(c.getAttribute("name")).isEqualTo("c");
        NodeList cases = c.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(Integer.parseInt(c.getAttribute("tests"))).isEqualTo(3);
        Element failed = (Element) cases.item(0);
        assertThat(failed.getAttribute("name")).isEqualTo("read/eof/at-end");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).contains("expected: PASS").contains("actual: FAIL (expected 0 bytes, got 3 & <more>)");
        assertThat(failure.getAttribute("message")).contains("was PASS, now FAIL");
        assertThat(((Element) cases.item(1)).getElementsByTagName("skipped").item(0).getTextContent()).isEqualTo("no OVMF here");
        assertThat(((Element) cases.item(2)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(root.getElementsByTagName("failure").getLength()).isEqualTo(Integer.parseInt(root.getAttribute("failures")));
    }

    @Test
    void withoutABaselineAVerdictAGuestCannotLiveWithFails() {
        JunitXml xml = new JunitXml(List.of(C), Map.of());
        assertThat(xml.outcome(C, C.results().get(0))).isInstanceOf(JunitXml.Failed.class);
        assertThat(xml.outcome(C, C.results().get(2))).isInstanceOf(JunitXml.Passed.class);
        assertThat(xml.outcome(C, result("x/y", Axis.HARDENING, new Verdict.FailStop("exit 1"), 1)))
                .isInstanceOf(JunitXml.Passed.class);
        assertThat(xml.outcome(C, result("x/y", Axis.HARDENING, new Verdict.Hang("silent"), 1)))
                .isInstanceOf(JunitXml.Failed.class);
    }
}
