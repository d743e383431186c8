package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.results.ResultsFile;
import dev.vfc.results.RunInfo;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Shard;
import dev.vfc.results.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@code vfc merge} joins, and each way shards can fail to be one run's. */
class ShardMergeTest {

    private static final String SMOKE = "init/minor/7.38";
    private static final Instant T0 = Instant.parse("2026-12-04T21:00:00Z");

    private static ResultsFile.TargetInfo java(String version) {
        return new ResultsFile.TargetInfo("java", "java", version, "java -jar d.jar --socket-path=/tmp/" + version);
    }

    private static ScenarioResult pass(String id) {
        return new ScenarioResult(id, "t", "r", Verdict.of(Verdict.Kind.PASS, "ok"), 1, "", "");
    }

    private static ShardMerge.ShardRun shard(int k, String suite, ResultsFile.TargetInfo target, Instant start, Instant end,
            ScenarioResult... results) {
        RunInfo run = new RunInfo(suite, Optional.of(new Shard(k, 2)), start, end);
        return new ShardMerge.ShardRun(Path.of("shard" + k), List.of(new ResultsFile(target, List.of(results)).withRun(run)));
    }

    private static ShardMerge.ShardRun one() {
        return shard(1, "v+abc", java("1"), T0.plusSeconds(10), T0.plusSeconds(100), pass(SMOKE), pass("read/eof/at-end"));
    }

    private static ShardMerge.ShardRun two() {
        return shard(2, "v+abc", java("1"), T0, T0.plusSeconds(50), pass(SMOKE), pass("read/eof/past-end"));
    }

    @Test
    void shardsJoinIntoOneRunFromTheEarliestStartToTheLatestEnd() throws Exception {
        List<ResultsFile> merged = ShardMerge.merge(List.of(two(), one()));
        assertThat(merged).hasSize(1);
        ResultsFile java = merged.get(0);
        Map<String, String> shardOf = java.results().stream().collect(Collectors.toMap(ScenarioResult::scenario,
                r -> r.shard().map(Shard::label).orElse("all")));
        assertThat(shardOf).containsExactlyInAnyOrderEntriesOf(Map.of(SMOKE, "1/2", "read/eof/at-end", "1/2",
                "read/eof/past-end", "2/2"));
        assertThat(java.run()).contains(new RunInfo("v+abc", Optional.empty(), T0, T0.plusSeconds(100)));
    }

    @Test
    void aScenarioReportedTwiceIsAnError() {
        ShardMerge.ShardRun twice = shard(2, "v+abc", java("1"), T0, T0, pass(SMOKE), pass("read/eof/at-end"));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one(), twice))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessage("read/eof/at-end on java is reported twice: by shard1 (shard 1/2) and shard2 (shard 2/2)");
    }

    @Test
    void smokeCopiesThatDisagreeAreAnError() {
        ScenarioResult failed = new ScenarioResult(SMOKE, "t", "r", Verdict.of(Verdict.Kind.FAIL, "7.36"), 1, "", "");
        ShardMerge.ShardRun other = shard(2, "v+abc", java("1"), T0, T0, failed);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one(), other))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessageStartingWith("smoke scenario init/minor/7.38 on java disagrees between shards: PASS in shard1, FAIL in shard2");
    }

    @Test
    void shardsOfDifferentSuitesDoNotJoin() {
        ShardMerge.ShardRun other = shard(2, "v+def", java("1"), T0, T0, pass(SMOKE));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one(), other))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessage("suite revisions differ: shard1 ran v+abc, shard2 ran v+def");
    }

    @Test
    void shardsOfDifferentDaemonVersionsDoNotJoinButTheirCommandLinesMayDiffer() {
        ShardMerge.ShardRun other = shard(2, "v+abc", java("2"), T0, T0, pass(SMOKE));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one(), other))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessageStartingWith("target java differs: shard1 ran java 1");
    }

    @Test
    void aMissingShardIsAnError() {
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one()))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessage("shard 2/2 is missing (given: 1/2)");
    }

    @Test
    void differentTargetsDoNotJoin() {
        ResultsFile.TargetInfo c = new ResultsFile.TargetInfo("c", "c", "7.2", "virtiofsd");
        ShardMerge.ShardRun other = shard(2, "v+abc", c, T0, T0, pass(SMOKE));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one(), other))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessage("targets differ: shard1 has [java], shard2 has [c]");
    }

    @Test
    void anUnshardedRunIsNotAShard() {
        ShardMerge.ShardRun whole = new ShardMerge.ShardRun(Path.of("whole"), List.of(new ResultsFile(java("1"),
                List.of(pass(SMOKE))).withRun(new RunInfo("v+abc", Optional.empty(), T0, T0))));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one(), whole))).isInstanceOf(ShardMerge.Conflict.class)
                .hasMessageStartingWith("whole: an unsharded run");
    }
}
