package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.javatargets.InProcessJavaTarget;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonExit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java daemon can also run inside the harness's JVM, for fast runs while developing it. */
class InProcessTargetIT {

    @TempDir
    Path work;
    @TempDir
    Path shared;

    @Test
    void theInProcessDaemonServesTheWholeFileAndEndsWhenTheFrontendGoes() throws Exception {
        byte[] expected = LargeFile.writeInto(shared);
        DaemonSession s = DaemonSession.start(new InProcessJavaTarget(), work, shared, DriverProfile.byName("ovmf"),
                FrontendOptions.defaults());
        try (s) {
            FuseSession fuse = s.fuse();
            fuse.init().value();
            long node = fuse.lookup(1, LargeFile.NAME).value().nodeid();
            long fh = fuse.open(node, 0).value().fh();
            assertThat(FuseSession.data(fuse.readWhole(node, fh, LargeFile.SIZE))).isEqualTo(expected);
            assertThat(s.daemon().pid()).isEqualTo(-1);
        }
        assertThat(s.daemon().awaitExit(Duration.ofSeconds(5))).contains(DaemonExit.exited(0));
    }
}
