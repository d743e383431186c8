package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.targets.DaemonExit;
import dev.vfc.targets.RunningDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The frontend going away with requests in flight, as a QEMU that crashes or is killed does,
 * and a second frontend coming to the same socket afterwards. Neither the C virtiofsd of QEMU
 * 7.2 nor the Rust virtiofsd 1.13 serves a second frontend: both exit when theirs goes (the
 * Rust daemon's {@code --socket-path} is bound once, src/main.rs). A daemon may also wait for
 * a new frontend on its socket and serve it. What it must not do is live on serving nobody.
 */
final class Disconnects {

    static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final int IN_FLIGHT = 8;
    private static final String RULE = "the vhost-user socket closes whenever QEMU exits or is killed, with requests "
            + "still on the rings; QEMU 7.2's docs/interop/vhost-user.rst says nothing of what a back-end does then, so "
            + "no rule binds the daemon and it is graded by its reaction alone. hardening: exits 0, or serves a new "
            + "front-end on its socket, CONTAINED; dies otherwise FAIL-STOP; lives on serving nobody HANG";

    private Disconnects() {
    }

    static List<Scenario> scenarios() {
        return List.of(Scenario.builder("robustness/vhost-user/disconnect/mid-request")
                .title(IN_FLIGHT + " GETATTRs published and kicked, then the frontend's socket shut down before any "
                        + "reply is read; afterwards a second frontend connects to the same socket")
                .rule(RULE)
                .hardening()
                .check(Disconnects::midRequest));
    }

    private static Verdict midRequest(ScenarioContext c) throws Exception {
        DaemonSession session = c.session();
        FuseSession fuse = session.fuse();
        fuse.init().value();
        List<ChainLayout> chains = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            chains.add(fuse.driver().layout(fuse.getattrRequest(1), session.frontend().indirectNegotiated()));
        }
        session.frontend().requestQueue().publishAndLeave(chains);
        session.frontend().disconnect();
        long start = System.nanoTime();
        RunningDaemon daemon = session.daemon();
        Optional<DaemonExit> exit = daemon.awaitExit(EXIT_GRACE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit.isPresent()) {
            String after = "after the disconnect with " + IN_FLIGHT + " requests in flight: " + exit.get().describe()
                    + " within " + millis + " ms; a second frontend's connect " + secondConnect(daemon.socketPath());
            return exit.get().equals(DaemonExit.exited(0)) ? Verdict.contained("stopped " + after)
                    : Verdict.failStop("died " + after);
        }
        return servesANewFrontend(c, daemon)
                ? Verdict.contained("kept running after the disconnect and served a second frontend on its socket")
                : Verdict.hang("still running " + EXIT_GRACE.toSeconds() + " s after the disconnect, and a second "
                        + "frontend was not served (" + secondConnect(daemon.socketPath()) + ")");
    }

    /** What a second frontend's connect(2) to the socket met, in words. */
    private static String secondConnect(Path socket) {
        try (UnixSocket s = UnixSocket.connect(socket)) {
            return "was accepted";
        } catch (SyscallException e) {
            return "was refused (" + e.getMessage() + ")";
        }
    }

    private static boolean servesANewFrontend(ScenarioContext c, RunningDaemon daemon) {
        try (Frontend second = Frontend.connect(daemon.socketPath(), c.session().frontend().driver(),
                FrontendOptions.defaults(), DaemonSession.watch(daemon))) {
            new FuseSession(second).init().value();
            return true;
        } catch (RuntimeException | SyscallException e) {
            return false;
        }
    }
}
