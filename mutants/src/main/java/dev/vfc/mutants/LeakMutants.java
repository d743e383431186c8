package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.RELEASE;

import dev.vfc.fs.Context;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.util.List;
import java.util.Set;

/**
 * Bugs that keep what a request took: each answer is right, so no single exchange shows them, and
 * a daemon with one runs out of fds only after enough of them (the soak, SoakIT in java-targets,
 * catches it by its fd count).
 */
final class LeakMutants {

    private LeakMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                Mutant.ofFileSystem("release-keeps-the-file-open", "RELEASE is answered but the handle and its fd stay",
                        "include/uapi/linux/fuse.h (Linux 6.1): RELEASE ends the open file; the daemon's fd goes with it",
                        Set.of(RELEASE), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void release(Context ctx, long node, long fh, int flags) {
                                // Answered, never released.
                            }
                        }));
    }
}
