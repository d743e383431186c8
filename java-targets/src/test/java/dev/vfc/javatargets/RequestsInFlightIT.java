package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.frontend.VirtQueue;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen requests published together on one request queue, as a Linux guest keeps it full
 * under parallel I/O: the daemon uses every chain once, and each reply carries its own
 * request's unique.
 */
class RequestsInFlightIT {

    @TempDir
    Path work;
    @TempDir
    Path shared;

    @Test
    void sixteenGetattrsInFlightEachComeBackOnceWithTheirOwnUnique() throws Exception {
        JavaDaemonTarget target = new JavaDaemonTarget();
        ServingALargeFileIT.requireAvailable(target);
        try (DaemonSession s = DaemonSession.start(target, work, shared, DriverProfile.byName("linux"),
                FrontendOptions.defaults())) {
            FuseSession fuse = s.fuse();
            fuse.init().value();
            List<ChainLayout> chains = new ArrayList<>();
            List<Long> uniques = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                uniques.add(fuse.peekUnique());
                chains.add(fuse.driver().layout(fuse.getattrRequest(1), s.frontend().indirectNegotiated()));
            }

            List<Completion> done = s.frontend().requestQueue().submitAll(chains,
                    s.frontend().options().requestTimeout(), VirtQueue.Capture.HEADER);

            assertThat(done).hasSize(16);
            assertThat(done.stream().map(Completion::usedId).distinct()).hasSize(16);
            for (int i = 0; i < 16; i++) {
                FuseOutHeader out = FuseOutHeader.decode(done.get(i).writable().get(0).duplicate()
                        .order(ByteOrder.LITTLE_ENDIAN));
                assertThat(out.error()).isZero();
                assertThat(out.unique()).isEqualTo(uniques.get(i));
                assertThat(Integer.toUnsignedLong(done.get(i).usedLen())).isEqualTo(FuseOutHeader.SIZE + AttrOut.SIZE);
            }
        }
    }
}
