package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results file records which run, and which shard of it, produced its verdicts. */
class RunInfoTest {

    @TempDir
    Path dir;

    private static final ResultsFile.TargetInfo JAVA = new ResultsFile.TargetInfo("java", "java", "0.1", "java -jar d.jar");

    @Test
    void theRunAndEachResultsShardSurviveAWriteAndARead() throws IOException {
        RunInfo run = new RunInfo("0.1.0-SNAPSHOT+abc", Optional.of(new Shard(2, 4)), Instant.parse("2026-12-04T21:00:00Z"),
                Instant.parse("2026-12-04T21:05:00Z"));
        ResultsFile file = new ResultsFile(JAVA, List.of(new ScenarioResult("init/minor/7.38", "t", "r",
                Verdict.of(Verdict.Kind.PASS, "7.38"), 3, "", ""))).withRun(run);
        file.write(dir.resolve("java.json"));
        ResultsFile back = ResultsFile.read(dir.resolve("java.json"));
        assertThat(back.run()).contains(run);
        assertThat(back.results().get(0).shard()).contains(new Shard(2, 4));
        assertThat(Files.readString(dir.resolve("java.json"))).contains("\"shard\" : \"2/4\"");
    }

    @Test
    void anUnshardedRunIsRecordedAsShardAll() throws IOException {
        RunInfo run = new RunInfo("s", Optional.empty(), Instant.EPOCH, Instant.EPOCH);
        new ResultsFile(JAVA, List.of()).withRun(run).write(dir.resolve("java.json"));
        assertThat(Files.readString(dir.resolve("java.json"))).contains("\"shard\" : \"all\"");
        assertThat(ResultsFile.read(dir.resolve("java.json")).run()).contains(run);
    }

    @Test
    void aFileWithoutARunReadsWithNone() throws IOException {
        new ResultsFile(JAVA, List.of()).write(dir.resolve("java.json"));
        assertThat(ResultsFile.read(dir.resolve("java.json")).run()).isEmpty();
    }

    @Test
    void aMalformedShardNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("java.json"), "{\"target\": {\"name\": \"java\"}, \"run\": {\"suite\": \"s\","
                + " \"shard\": \"5/4\", \"started\": \"2026-12-04T21:00:00Z\", \"ended\": \"2026-12-04T21:00:00Z\"},"
                + " \"results\": []}");
        assertThatThrownBy(() -> ResultsFile.read(dir.resolve("java.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("java.json").hasMessageContaining("5/4");
    }
}
