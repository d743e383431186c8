package dev.vfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.Shard;
import dev.vfc.scenario.Scenario;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shards of the real suite: together all of it, each with the smoke set, none overlapping elsewhere. */
class ShardSelectionTest {

    private static final List<Scenario> SUITE = CompareCommand.all();

    @Test
    void theSmokeSetNamesScenariosOfTheSuite() {
        assertThat(SUITE.stream().map(Scenario::id)).containsAll(ShardSelection.SMOKE);
    }

    @Test
    void fourShardsCoverTheSuiteOnceApartFromTheSmokeSetEveryShardRuns() {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int k = 1; k <= 4; k++) {
            List<String> ids = ShardSelection.of(SUITE, Optional.of(new Shard(k, 4))).stream().map(Scenario::id).toList();
            assertThat(ids).containsAll(ShardSelection.SMOKE);
            ids.stream().filter(id -> !ShardSelection.SMOKE.contains(id)).forEach(id -> assertThat(seen.add(id)).as(id).isTrue());
            total += ids.size();
        }
        seen.addAll(ShardSelection.SMOKE);
        assertThat(seen).hasSize(SUITE.size());
        assertThat(total).isEqualTo(SUITE.size() + 3 * ShardSelection.SMOKE.size());
    }

    @Test
    void aShardKeepsItsScenariosWhenAnotherIsAdded() {
        Shard two = new Shard(2, 4);
        List<String> before = ShardSelection.of(SUITE, Optional.of(two)).stream().map(Scenario::id).toList();
        List<Scenario> grown = new java.util.ArrayList<>(SUITE);
        grown.add(0, Scenario.builder("zz/new/scenario").title("t").rule("r").check(c -> null));
        List<String> after = ShardSelection.of(grown, Optional.of(two)).stream().map(Scenario::id)
                .filter(id -> !id.equals("zz/new/scenario")).toList();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anUnshardedRunRunsEverything() {
        assertThat(ShardSelection.of(SUITE, Optional.empty())).isEqualTo(SUITE);
    }
}
