package dev.vfc.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.daemon.Assembly;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.mutants.Mutant;
import dev.vfc.results.Axis;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KillMatrixTest {

    private static ScenarioResult result(String id, Verdict v, FuseOpcode... sent) {
        return new ScenarioResult(id, "t", "r", Axis.CONFORMANCE, v, 1, "", "", List.of(sent));
    }

    private static Mutant mutant(String name, FuseOpcode... reach) {
        return new Mutant(name, "a bug", "", Set.of(reach), Assembly.STOCK);
    }

    private final Map<String, ScenarioResult> stock = Map.of(
            "read/a", result("read/a", Verdict.pass("ok"), FuseOpcode.INIT, FuseOpcode.READ),
            "init/b", result("init/b", Verdict.pass("ok"), FuseOpcode.INIT),
            "skip/c", result("skip/c", Verdict.of(Verdict.Kind.SKIPPED, "no engine"), FuseOpcode.READ));

    @Test
    void aScenarioKillsAMutantWhoseVerdictDiffersAndSkippedKillsNothing() {
        KillMatrix m = new KillMatrix(new java.util.LinkedHashMap<>(stock), List.of(mutant("short-read", FuseOpcode.READ),
                mutant("harmless", FuseOpcode.READ)), Map.of(
                "short-read", Map.of("read/a", result("read/a", Verdict.fail("4096 bytes", "4095 bytes")),
                        "skip/c", result("skip/c", Verdict.fail("x", "y"))),
                "harmless", Map.of("read/a", result("read/a", Verdict.pass("ok")))));

        assertThat(m.killersOf("short-read")).containsExactly("read/a");
        assertThat(m.killedBy("read/a")).containsExactly("short-read");
        assertThat(m.survivors()).containsExactly("harmless");
        assertThat(m.scenariosKillingNone()).containsExactlyInAnyOrder("init/b", "skip/c");
        assertThat(m.scenarioScore()).isEqualTo("scenarios that kill a mutant: 1 of 3");
        assertThat(m.mutantScore()).isEqualTo("mutants killed: 1 of 2");
        assertThat(m.toFile("java").scenarios()).hasSize(3);
    }

    @Test
    void aMutantRunsOnlyWhereTheScenarioSentAnOpcodeItsBugCanChangeOrWhereTheOpcodesAreUnknown() {
        assertThat(MutationRun.reaches(mutant("r", FuseOpcode.READ), stock.get("read/a"))).isTrue();
        assertThat(MutationRun.reaches(mutant("r", FuseOpcode.READ), stock.get("init/b"))).isFalse();
        assertThat(MutationRun.reaches(mutant("any"), stock.get("init/b"))).isTrue();
        assertThat(MutationRun.reaches(mutant("r", FuseOpcode.READ), result("linux/guest/x", Verdict.pass("ok"))))
                .isTrue();
    }
}
