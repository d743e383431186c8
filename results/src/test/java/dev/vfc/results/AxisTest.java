package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void aHardeningScenarioWhoseDaemonDiedIsAFailStopNotACrash() {
        Verdict graded = Axis.HARDENING.grade(new Verdict.Crash("killed by SIGABRT (6)"));

        assertThat(graded.kind()).isEqualTo(Verdict.Kind.FAIL_STOP);
        assertThat(graded.detail()).isEqualTo("killed by SIGABRT (6)");
    }

    @Test
    void aHardeningScenarioWhoseDaemonFellSilentIsAHang() {
        assertThat(Axis.HARDENING.grade(new Verdict.Timeout("no used element")).kind()).isEqualTo(Verdict.Kind.HANG);
    }

    @Test
    void anAcceptedAnswerToAHostileRequestIsContained() {
        assertThat(Axis.HARDENING.grade(Verdict.pass("EINVAL")).kind()).isEqualTo(Verdict.Kind.CONTAINED);
        assertThat(Axis.HARDENING.grade(Verdict.unsupported("ENOSYS")).kind()).isEqualTo(Verdict.Kind.CONTAINED);
    }

    @Test
    void aHardeningCheckMayNotGradeFail() {
        assertThatThrownBy(() -> Axis.HARDENING.grade(Verdict.fail("x", "y")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hardening check graded FAIL");
    }

    @Test
    void aConformanceCheckMayNotUseTheHardeningScale() {
        assertThatThrownBy(() -> Axis.CONFORMANCE.grade(Verdict.breach("wrote past the buffer")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void conformanceVerdictsPassThroughUnchanged() {
        Verdict crash = new Verdict.Crash("exit 1");
        assertThat(Axis.CONFORMANCE.grade(crash)).isSameAs(crash);
    }

    @Test
    void axesAndHardeningGradesRoundTripThroughTheirLabels() {
        assertThat(Axis.parse("hardening")).isEqualTo(Axis.HARDENING);
        assertThat(Verdict.Kind.parse("FAIL-STOP")).isEqualTo(Verdict.Kind.FAIL_STOP);
        assertThat(Verdict.Kind.FAIL_STOP.label()).isEqualTo("FAIL-STOP");
        assertThatThrownBy(() -> Axis.parse("robustness")).hasMessageContaining("known: conformance, hardening");
    }
}
