package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.Axis;
import dev.vfc.scenario.Scenario;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rules the suite's scenarios cite, and the axes they stand on. */
class SuiteRulesTest {

    private static final List<Scenario> ALL = Suite.all();

    @Test
    void noRuleCitesTheTeamsNotesALinuxPatchAfter61OrAnotherDaemonsChoice() {
        Pattern unbinding = Pattern.compile("reference/|daemons\\.md|ovmf-virtiofsdxe\\.md|virtio_fs_verify_response"
                + "|is_safe_path_component");
        assertThat(ALL).filteredOn(s -> s.area().matches("robustness|lifecycle|init|metadata|path-safety"))
                .allSatisfy(s -> assertThat(unbinding.matcher(s.rule()).find())
                        .as("%s cites %s", s.id(), s.rule()).isFalse());
    }

    @Test
    void everyMalformedChainAndHostileNameIsOnTheHardeningAxis() {
        assertThat(ALL).filteredOn(s -> s.id().matches("robustness/(chain|header|body|len)/.*"
                        + "|path-safety/[a-z0-9]+/name-.*|path-safety/lookup/(slash|absolute-.*|dotdot-escape)"
                        + "|lifecycle/forget/(excess|root|then-getattr)|robustness/opcode/unknown/4096-cuse-init"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.axis()).as(s.id()).isEqualTo(Axis.HARDENING));
    }

    @Test
    void anOpcodeFuseDoesNotDefineIsConformanceAsEnosysIsHowFuseGrows() {
        assertThat(ALL).filteredOn(s -> s.id().equals("robustness/opcode/unknown/9999"))
                .singleElement().extracting(Scenario::axis).isEqualTo(Axis.CONFORMANCE);
    }

    @Test
    void everyHardeningRuleSaysHowItIsGraded() {
        assertThat(ALL).filteredOn(s -> s.axis() == Axis.HARDENING)
                .allSatisfy(s -> assertThat(s.rule()).as(s.id()).containsIgnoringCase("hardening"));
    }
}
