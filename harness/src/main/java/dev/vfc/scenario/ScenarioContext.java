package dev.vfc.scenario;

import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import java.nio.file.Path;

/** What a check works with: the session to the daemon, and the host side of its share. */
public record ScenarioContext(DaemonSession session, Path shared, Path work) {

    public FuseSession fuse() {
        return session.fuse();
    }

    /** Whether the daemon is still alive, for checks that end with "and it keeps serving". */
    public boolean daemonAlive() {
        return session.death().isEmpty();
    }
}
