package dev.vfc.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.frontend.DaemonFailure;
import dev.vfc.frontend.DaemonWatch;
import dev.vfc.results.Axis;
import dev.vfc.results.Verdict;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A worker that died while its daemon lives on: the watch's failure, and the verdict each axis gives it. */
class WorkerDeathVerdictTest {

    private static final String PANIC = "thread 'vring_worker' panicked at src/server.rs:1045:44: SplitOutOfBounds(16)";

    private static Scenario scenario(Axis axis) {
        return Scenario.builder("x/y").title("t").rule("r").axis(axis).check(c -> Verdict.pass("ok"));
    }

    @Test
    void aDeadWorkerOnTheConformanceAxisIsACrashThatSaysTheProcessLivesOn() {
        Verdict v = ScenarioRunner.verdictOf(scenario(Axis.CONFORMANCE), new DaemonFailure.WorkerDied("a request", PANIC),
                "the check");

        assertThat(v.kind()).isEqualTo(Verdict.Kind.CRASH);
        assertThat(v.detail()).startsWith("a worker died: " + PANIC + "; the process lives on");
        assertThat(Axis.CONFORMANCE.grade(v).kind()).isEqualTo(Verdict.Kind.CRASH);
    }

    @Test
    void aDeadWorkerOnTheHardeningAxisIsAHangNotAFailStop() {
        Verdict v = ScenarioRunner.verdictOf(scenario(Axis.HARDENING), new DaemonFailure.WorkerDied("a request", PANIC),
                "the check");

        assertThat(v.kind()).isEqualTo(Verdict.Kind.HANG);
        assertThat(Axis.HARDENING.grade(v).kind()).isEqualTo(Verdict.Kind.HANG);
        assertThat(v.detail()).contains(PANIC);
    }

    @Test
    void aDaemonThatDiedIsStillACrashAndOnTheHardeningAxisAFailStop() {
        Verdict v = ScenarioRunner.verdictOf(scenario(Axis.HARDENING), new DaemonFailure.Crashed("a request", "SIGSYS"),
                "the check");

        assertThat(Axis.HARDENING.grade(v).kind()).isEqualTo(Verdict.Kind.FAIL_STOP);
    }

    @Test
    void aWatchWithAFaultLineAndALivingProcessFailsTheWaitWithWorkerDied() {
        DaemonWatch watch = new DaemonWatch() {
            @Override
            public Optional<String> death() {
                return Optional.empty();
            }

            @Override
            public Optional<String> faultLine() {
                return Optional.of(PANIC);
            }
        };

        assertThatThrownBy(() -> watch.check("a request on queue 1")).isInstanceOf(DaemonFailure.WorkerDied.class)
                .hasMessage("a worker died during a request on queue 1: " + PANIC + "; the process lives on");
    }

    @Test
    void aFaultLineFollowedByTheProcesssDeathWithinTheGraceIsACrash() {
        AtomicReference<String> death = new AtomicReference<>();
        long t0 = System.nanoTime();
        DaemonWatch watch = new DaemonWatch() {
            @Override
            public Optional<String> death() {
                if (System.nanoTime() - t0 > 100_000_000L) {
                    death.set("killed by SIGSYS (31)");
                }
                return Optional.ofNullable(death.get());
            }

            @Override
            public Optional<String> faultLine() {
                return Optional.of(PANIC);
            }
        };

        assertThatThrownBy(() -> watch.check("a request on queue 1")).isInstanceOf(DaemonFailure.Crashed.class)
                .hasMessageContaining("SIGSYS");
    }

    @Test
    void aWatchWithoutAFaultLineLetsTheWaitGoOn() {
        DaemonWatch.UNMANAGED.check("anything");
    }
}
