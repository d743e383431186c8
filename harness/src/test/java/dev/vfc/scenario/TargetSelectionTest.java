package dev.vfc.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetSelectionTest {

    private static DaemonTarget target(String name, Availability availability) {
        return new DaemonTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Availability availability() {
                return availability;
            }

            @Override
            public RunningDaemon start(DaemonLaunch launch) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void theDefaultPeersAreTheCDaemonBothRustConfigurationsTheNextRustReleaseAndTheRustImage() {
        assertThat(TargetSelection.parse(String.join(",", TargetSelection.PEERS))).extracting(DaemonTarget::name)
                .containsExactly("c", "rust", "rust-sandbox-none", "rust-1.14", "container:vfc/rust-virtiofsd:1.13.2");
    }

    @Test
    void aRequiredTargetThatCannotRunFailsWithOneLineNamingItAndWhy() {
        List<DaemonTarget> targets = List.of(target("c", Availability.available("7.2")),
                target("rust", Availability.unavailable("no Rust virtiofsd:\napt-get failed")));

        assertThatThrownBy(() -> TargetSelection.checkRequired(targets, Set.of("c", "rust")))
                .isInstanceOf(TargetSelection.RequiredTargetUnavailable.class)
                .hasMessage("required target rust cannot run: no Rust virtiofsd: apt-get failed");
        assertThatThrownBy(() -> TargetSelection.checkRequired(targets, Set.of("all")))
                .hasMessageStartingWith("required target rust cannot run");
    }

    @Test
    void anUnavailableTargetThatIsNotRequiredIsLeftToBeSkipped() {
        TargetSelection.checkRequired(List.of(target("rust", Availability.unavailable("absent"))), Set.of());
        TargetSelection.checkRequired(List.of(target("rust", Availability.unavailable("absent")),
                target("c", Availability.available("7.2"))), Set.of("c"));
    }

    @Test
    void aRequiredNameThatIsNotATargetOfTheRunIsRefused() {
        assertThatThrownBy(() -> TargetSelection.checkRequired(List.of(target("c", Availability.available("7.2"))),
                TargetSelection.requiredNames("c, rust")))
                .hasMessage("required target rust not among the targets of this run (c)");
    }
}
