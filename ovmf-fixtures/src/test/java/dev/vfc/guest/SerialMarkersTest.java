package dev.vfc.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SerialMarkersTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void readsOkAndFailStepsWithTheirDetails() {
        SerialMarkers m = SerialMarkers.parse("VFC-START uptime=1.20\r\n"
                + "VFC-STEP mount OK (0.05 s)\r\n"
                + "VFC-STEP create-write OK sha256=" + SHA + " (1.10 s)\r\n"
                + "VFC-STEP chmod FAIL mode 644 after chmod 640 (0.02 s)\r\n");

        assertThat(m.reported().get("mount")).isEqualTo(new GuestStep("mount", true, "(0.05 s)"));
        assertThat(m.reported().get("chmod"))
                .isEqualTo(new GuestStep("chmod", false, "mode 644 after chmod 640 (0.02 s)"));
        assertThat(m.sha256Of("create-write")).contains(SHA);
        assertThat(m.done()).isFalse();
    }

    @Test
    void findsMarkersBehindKernelMessagesOnTheSameLine() {
        SerialMarkers m = SerialMarkers.parse("[   12.3] virtio_fs: something VFC-STEP rmdir OK\nfoo VFC-DONE\n");

        assertThat(m.reported()).containsKey("rmdir");
        assertThat(m.done()).isTrue();
    }

    @Test
    void aStepWithoutDetailHasAnEmptyOne() {
        assertThat(SerialMarkers.parse("VFC-STEP mkdir OK\n").reported().get("mkdir").detail()).isEmpty();
    }

    @Test
    void doneIsAWholeWordNotAPrefix() {
        assertThat(SerialMarkers.parse("VFC-DONEISH\n").done()).isFalse();
        assertThat(SerialMarkers.parse("VFC-DONE").done()).isTrue();
    }

    @Test
    void stepsNeverReportedAreNotReachedWithTheReason() {
        SerialMarkers m = SerialMarkers.parse("VFC-STEP mount OK\n");

        List<GuestStep> steps = m.steps(LinuxGuest.STEPS, "no VFC-DONE within 90 s");

        assertThat(steps).extracting(GuestStep::name).containsExactlyElementsOf(LinuxGuest.STEPS);
        assertThat(steps.get(0).ok()).isTrue();
        assertThat(steps.get(1)).isEqualTo(new GuestStep("create-write", false, "not reached: no VFC-DONE within 90 s"));
    }

    @Test
    void theFirstReportOfAStepWins() {
        SerialMarkers m = SerialMarkers.parse("VFC-STEP mount FAIL no\nVFC-STEP mount OK\n");

        assertThat(m.reported().get("mount").ok()).isFalse();
    }

    @Test
    void noSha256WhenTheDetailHasNone() {
        assertThat(SerialMarkers.parse("VFC-STEP create-write OK\n").sha256Of("create-write")).isEmpty();
        assertThat(SerialMarkers.parse("").sha256Of("create-write")).isEmpty();
    }
}
