package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.report.ResultsDirectory;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The CI pipeline of docs/ci/ run here, on the Java daemon and a dozen scenarios: four shards of
 * {@code vfc compare}, {@code vfc merge}, the gate on the baseline, the JUnit XML; the merged
 * verdicts must be those of one unsharded run of the same scenarios.
 */
class ShardedCompareIT {

    /** The smoke set's three scenarios and nine more: INIT versions and EOF reads. */
    private static final List<String> SUBSET = List.of("--scenario", "init/**", "--scenario", "metadata/lookup/**",
            "--scenario", "metadata/getattr/**", "--scenario", "read/eof/*");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vfc(List<String> args) {
        return Vfc.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private int compare(String outDir, String... more) {
        List<String> args = new ArrayList<>(SUBSET);
        args.addAll(List.of(more));
        return compareOf(outDir, args);
    }

    private int compareOf(String outDir, List<String> more) {
        List<String> args = new ArrayList<>(List.of("compare", "--target", "java", "--out", dir.resolve(outDir).toString()));
        args.addAll(more);
        return vfc(args);
    }

    private Map<String, String> verdicts(String report) throws Exception {
        List<ResultsFile> targets = ResultsDirectory.read(dir.resolve(report).resolve("results.json"));
        assertThat(targets).hasSize(1);
        return targets.get(0).results().stream().collect(Collectors.toMap(ScenarioResult::scenario,
                r -> r.verdict().kind().label()));
    }

    @Test
    void fourShardsMergedGiveTheVerdictsOfOneRun() throws Exception {
        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int k = 1; k <= 4; k++) {
            assertThat(compare("shard" + k, "--shard", k + "/4")).as("shard %d: %s%s", k, out, err).isZero();
            merge.add(dir.resolve("shard" + k).toString());
        }
        merge.addAll(List.of("--out", dir.resolve("merged").toString()));
        assertThat(vfc(merge)).as(out.toString(StandardCharsets.UTF_8) + err).isZero();
        assertThat(compare("whole")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Map<String, String> whole = verdicts("whole");
        assertThat(whole).hasSize(12);
        assertThat(verdicts("merged")).isEqualTo(whole);
        List<ResultsFile> merged = ResultsDirectory.read(dir.resolve("merged/results.json"));
        assertThat(merged.get(0).results()).allSatisfy(r -> assertThat(r.shard()).isPresent());
        assertThat(merged.get(0).run().orElseThrow().shard()).isEmpty();

        assertThat(vfc(List.of("gate", "--baseline", "../baselines/java.txt", "--results", dir.resolve("merged").toString())))
                .as(out.toString(StandardCharsets.UTF_8)).isZero();
        Path xml = dir.resolve("merged.xml");
        assertThat(vfc(List.of("junit", "--results", dir.resolve("merged").toString(), "--out", xml.toString(),
                "--baselines", "../baselines"))).isZero();
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("12");
        assertThat(root.getAttribute("failures")).isEqualTo("0");
        assertThat(root.getElementsByTagName("testcase").getLength()).isEqualTo(12);
    }

    @Test
    void mergingAShardTwiceNamesItAndExitsOne() {
        assertThat(compareOf("shard1", List.of("--scenario", "init/minor/7.38", "--shard", "1/2"))).isZero();
        assertThat(vfc(List.of("merge", dir.resolve("shard1").toString(), dir.resolve("shard1").toString(), "--out",
                dir.resolve("m").toString()))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("vfc merge: shard 1/2 is in both "
                + dir.resolve("shard1") + " and " + dir.resolve("shard1"));
    }
}
