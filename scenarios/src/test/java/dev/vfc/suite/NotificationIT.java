package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.targets.Availability;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply the guest is never told about is a conformance FAIL (virtio 1.3 §2.7.7.2): the Java
 * daemon, told to drop its used buffer notifications, fails where the ring required them and
 * passes where the driver suppressed them; the plain daemon passes.
 */
class NotificationIT {

    @TempDir
    Path scratch;

    private ScenarioResult run(List<String> daemonArgs, String id) throws Exception {
        JavaDaemonTarget target = new JavaDaemonTarget(daemonArgs);
        assumeThat(target.availability()).as("%s", target.availability()).isInstanceOf(Availability.Available.class);
        List<Scenario> matched = Suite.matching(id);
        assertThat(matched).as(id).hasSize(1);
        ScenarioResult r = new ScenarioRunner(target, scratch).run(matched.get(0));
        System.out.printf("[java %s] %-32s %-5s %s%n", daemonArgs, id, r.verdict().kind().label(),
                r.verdict().detail());
        return r;
    }

    @Test
    void aDaemonThatKeepsSignallingTheReplacedCallNotifierFailsCallRenewNamingTheRequestAndTheRule()
            throws Exception {
        ScenarioResult r = run(List.of("--inject-fault=no-call-after-renew"), "lifecycle/call-renew");

        assertThat(r.verdict()).isInstanceOf(Verdict.Fail.class);
        assertThat(r.verdict().detail()).contains("expected a used buffer notification for #2 GETATTR",
                "virtio 1.3 §2.7.7.2 with VIRTIO_F_EVENT_IDX", "the call eventfd did not fire");
        assertThat(r.describeTranscript()).contains("notified: yes").contains("notified: no (required)");
    }

    @Test
    void aDaemonThatKeepsSignallingTheReplacedCallNotifierStillPassesWhereNoRenewalHappens() throws Exception {
        assertThat(run(List.of("--inject-fault=no-call-after-renew"), "metadata/getattr/file").verdict())
                .isInstanceOf(Verdict.Pass.class);
    }

    @Test
    void aDaemonThatNeverNotifiesFailsALinuxScenarioFromItsFirstRequest() throws Exception {
        ScenarioResult r = run(List.of("--inject-fault=no-call-notification"), "metadata/getattr/file");

        assertThat(r.verdict()).isInstanceOf(Verdict.Fail.class);
        assertThat(r.verdict().detail()).contains("#1 INIT (unique 1) on queue 1", "VIRTIO_F_EVENT_IDX was negotiated");
    }

    @Test
    void aDaemonThatNeverNotifiesPassesAnOvmfScenarioBecauseOvmfPollsWithNoInterrupt() throws Exception {
        ScenarioResult r = run(List.of("--inject-fault=no-call-notification"), "init/minor/7.31/ovmf");

        assertThat(r.verdict()).isInstanceOf(Verdict.Pass.class);
        assertThat(r.describeTranscript()).contains("notified: no (not required: VRING_AVAIL_F_NO_INTERRUPT)");
    }

    @Test
    void thePlainJavaDaemonPassesCallRenewWithEveryReplyNotified() throws Exception {
        ScenarioResult r = run(List.of(), "lifecycle/call-renew");

        assertThat(r.verdict()).isInstanceOf(Verdict.Pass.class);
        assertThat(r.describeTranscript()).doesNotContain("notified: no");
    }

    @Test
    void thePlainJavaDaemonNotifiesAcrossTheIndexWrapAndWithoutAnEventIndex() throws Exception {
        assertThat(run(List.of(), "lifecycle/notify/event-idx/index-wrap").verdict()).isInstanceOf(Verdict.Pass.class);
        assertThat(run(List.of(), "lifecycle/notify/flags-clear/any-driver").verdict()).isInstanceOf(Verdict.Pass.class);
    }

    @Test
    void aDaemonThatNeverNotifiesFailsTheFlagsClearScenarioCitingTheFlagsRule() throws Exception {
        ScenarioResult r = run(List.of("--inject-fault=no-call-notification"), "lifecycle/notify/flags-clear/any-driver");

        assertThat(r.verdict()).isInstanceOf(Verdict.Fail.class);
        assertThat(r.verdict().detail()).contains("\"If flags is 0, the device MUST send a notification\"");
    }
}
