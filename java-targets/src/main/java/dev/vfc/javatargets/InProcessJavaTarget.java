package dev.vfc.javatargets;

import dev.vfc.daemon.DaemonOptions;
import dev.vfc.daemon.UsageException;
import dev.vfc.daemon.VirtioFsDaemon;
import dev.vfc.sandbox.SandboxMode;
import dev.vfc.sandbox.SeccompAction;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonExit;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonStartException;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bundled Java daemon inside the harness's own JVM: no process start, so the fastest way
 * to run the suite against it while developing the daemon. A crash of the daemon here is an
 * exception in its thread (exit 1), and signals cannot reach it alone; scenarios that kill or
 * stop daemons need the process target {@code java}. It does not drop the JVM's supplementary
 * groups (that would change the harness's own credentials).
 */
public final class InProcessJavaTarget implements DaemonTarget {

    public static final String NAME = "java-inprocess";

    @Override
    public String name() {
        return NAME;
    }

    /** None of its own: it runs in this JVM and shares the harness's environment, which is not recorded. */
    @Override
    public java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    @Override
    public String kind() {
        return "java";
    }

    @Override
    public Availability availability() {
        return Availability.available("in-process");
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        List<String> args = new ArrayList<>(List.of("--socket-path=" + launch.socketPath(),
                "--shared-dir=" + launch.sharedDir(), "--log-level=info", "--sandbox=none", "--seccomp=none"));
        args.addAll(launch.extraArgs());
        VirtioFsDaemon daemon;
        try {
            DaemonOptions options = DaemonOptions.parse(args);
            if (options.sandbox().mode() != SandboxMode.NONE || options.sandbox().seccomp() != SeccompAction.NONE) {
                // A sandbox or a seccomp filter would confine the suite's own JVM.
                throw new UsageException("the in-process daemon runs in the suite's JVM: it takes only"
                        + " --sandbox=none and --seccomp=none");
            }
            daemon = VirtioFsDaemon.fromOptions(options);
        } catch (UsageException e) {
            throw new DaemonStartException(NAME, e.getMessage(), String.join(" ", args), List.of(), Optional.of(
                    DaemonExit.exited(2)), e);
        }
        CompletableFuture<DaemonExit> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                daemon.run();
                exit.complete(DaemonExit.exited(0));
            } catch (IOException | RuntimeException e) {
                exit.complete(DaemonExit.exited(1));
            }
        }, "vfc-daemon-inprocess");
        thread.setDaemon(true);
        thread.start();
        try {
            org.awaitility.Awaitility.await("socket " + launch.socketPath()).atMost(launch.startTimeout())
                    .pollInterval(Duration.ofMillis(5)).failFast("the daemon thread ended", exit::isDone)
                    .until(() -> Files.exists(launch.socketPath()));
        } catch (RuntimeException e) {
            daemon.shutdown();
            throw new DaemonStartException(NAME, e.getMessage(), String.join(" ", args), List.of(),
                    Optional.ofNullable(exit.getNow(null)), e);
        }
        return new InProcessDaemon(daemon, thread, exit, launch, String.join(" ", args));
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** The daemon's thread, watched through the future its run completes. */
    private record InProcessDaemon(VirtioFsDaemon daemon, Thread thread, CompletableFuture<DaemonExit> exitFuture,
            DaemonLaunch launch, String command) implements RunningDaemon {

        @Override
        public String targetName() {
            return NAME;
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public boolean isAlive() {
            return !exitFuture.isDone();
        }

        @Override
        public Optional<DaemonExit> exit() {
            return Optional.ofNullable(exitFuture.getNow(null));
        }

        @Override
        public Optional<DaemonExit> awaitExit(Duration timeout) {
            try {
                return Optional.of(exitFuture.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return exit();
            } catch (java.util.concurrent.ExecutionException e) {
                return Optional.of(DaemonExit.exited(1));
            }
        }

        @Override
        public CompletableFuture<DaemonExit> onExit() {
            return exitFuture;
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public List<String> logTail(int lines) {
            return List.of("(in-process daemon: its log goes to the harness's own java.util.logging)");
        }

        @Override
        public void stop() {
            daemon.shutdown();
            awaitExit(Duration.ofSeconds(5));
        }

        @Override
        public void close() {
            stop();
        }
    }
}
