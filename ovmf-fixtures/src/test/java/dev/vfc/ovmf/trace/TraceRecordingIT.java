package dev.vfc.ovmf.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.ovmf.BootMode;
import dev.vfc.ovmf.Grub;
import dev.vfc.ovmf.OvmfMachine;
import dev.vfc.targets.Availability;
import dev.vfc.targets.CVirtiofsdTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shipped traces are what the real firmware sends today: each is recorded again from
 * Debian's OVMF against the C virtiofsd and must match request for request.
 */
class TraceRecordingIT {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @EnumSource(BootMode.class)
    void theShippedTraceIsWhatTheFirmwareSendsWhenRecordedAgain(BootMode mode) throws Exception {
        assumeThat(new CVirtiofsdTarget().availability()).isInstanceOf(Availability.Available.class);
        assumeThat(OvmfMachine.debian().availability()).isInstanceOf(Availability.Available.class);
        assumeThat(Files.isRegularFile(Grub.MONOLITHIC)).as("install grub-efi-amd64-bin").isTrue();

        Trace recorded = TraceRecording.record(mode, Grub.MONOLITHIC, work);
        Trace shipped = Trace.resource(TraceRecording.traceName(mode));

        assertThat(recorded.requests()).extracting(TraceRequest::render)
                .containsExactlyElementsOf(shipped.requests().stream().map(TraceRequest::render).toList());
        assertThat(recorded.share()).isEqualTo(shipped.share());
    }
}
