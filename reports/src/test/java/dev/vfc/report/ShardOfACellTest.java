package dev.vfc.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Shard;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A merged run's page says which shard ran each verdict (the drill-down shows it beside the time). */
class ShardOfACellTest {

    @Test
    void aCellOfAShardedRunNamesItsShardAndAnUnshardedOneNone() {
        ScenarioResult sharded = new ScenarioResult("read/a", "t", "r", Verdict.of(Verdict.Kind.PASS, "ok"), 1, "", "")
                .withShard(Optional.of(new Shard(3, 4)));
        ScenarioResult whole = new ScenarioResult("read/b", "t", "r", Verdict.of(Verdict.Kind.PASS, "ok"), 1, "", "");
        ObjectNode data = HtmlPage.data(ComparisonReport.of(List.of(new ResultsFile(
                new ResultsFile.TargetInfo("java", "java", "1", "java"), List.of(sharded, whole)))));

        assertThat(data.at("/rows/0/cells/0/shard").asText()).isEqualTo("3/4");
        assertThat(data.at("/rows/1/cells/0").has("shard")).isFalse();
    }
}
