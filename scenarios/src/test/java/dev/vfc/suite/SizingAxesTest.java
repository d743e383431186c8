package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.Axis;
import dev.vfc.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The axes and rules of the large-read and sizing scenarios, checked without running a daemon. */
class SizingAxesTest {

    private static final Pattern VERSIONED = Pattern.compile("virtio 1\\.3|Linux 6\\.1|fuse\\.h 7\\.38|edk2-stable202211");

    private static List<Scenario> ours() {
        List<Scenario> all = new ArrayList<>(LargeReads.scenarios());
        all.addAll(Sizing.scenarios());
        return all;
    }

    @Test
    void theRequestsThatBreakADriverRuleAreExactlyTheHardeningOnes() {
        assertThat(ours().stream().filter(s -> s.axis() == Axis.HARDENING).map(Scenario::id)).containsExactlyInAnyOrder(
                "robustness/chain/longer-than-queue/8388608", "robustness/chain/longer-than-queue/33554432",
                "sizing/read/under-16/8-bytes", "sizing/read/under-16/no-writable",
                "sizing/readdirplus/under-16/8-bytes", "sizing/write/payload-longer-than-size/in-pages",
                "sizing/write/payload-longer-than-size/one-buffer", "sizing/write/payload-shorter-than-size/in-pages",
                "sizing/write/above-max-write/plus-8192", "sizing/write/above-max-write/plus-1048576");
    }

    @Test
    void everyRuleCitesAVersionedText() {
        assertThat(ours()).allSatisfy(s -> assertThat(s.rule()).as(s.id()).containsPattern(VERSIONED));
    }

    @Test
    void everyHardeningRuleSaysWhichRuleTheDriverBroke() {
        assertThat(ours().stream().filter(s -> s.axis() == Axis.HARDENING))
                .allSatisfy(s -> assertThat(s.rule()).as(s.id()).contains("the driver"));
    }

    @Test
    void aScenarioNamedAfterADriverIsPlayedByThatDriver() {
        assertThat(Suite.all()).allSatisfy(s -> DriverNamedScenariosIT.namedDriver(s)
                .ifPresent(named -> assertThat(s.driver().name()).as(s.id()).isEqualTo(named)));
    }
}
