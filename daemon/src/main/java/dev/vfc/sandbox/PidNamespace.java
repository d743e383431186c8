package dev.vfc.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pid namespace of {@code --sandbox=namespace}, as the Rust virtiofsd 1.13 takes it
 * (src/sandbox.rs: unshare of the pid namespace, then a fork whose parent waits outside): the
 * daemon becomes pid 1 of a namespace of its own, so it can neither see nor signal a host
 * process. A pid namespace is entered only by a new process, and util-linux 2.38's
 * {@code unshare --fork} cannot be that parent: it blocks SIGTERM and SIGINT while it waits
 * (unshare.c), so a frontend's SIGTERM would stop nothing. The parent here is a POSIX shell
 * ({@code pid-namespace-supervisor.sh}) that passes those signals on and ends as the daemon
 * does; the JVM becomes that shell by execve(2), keeping its pid for whoever started it. (The
 * JVM cannot unshare the namespace itself: afterwards clone(2) refuses it new threads, EINVAL,
 * and the execve path may still start one.)
 *
 * <p>The daemon's process is the shell's child; once its parent is gone the kernel sends it
 * SIGTERM ({@code setpriv --pdeathsig}), so a supervisor killed outright takes the daemon with it.
 */
final class PidNamespace {

    static final Path SHELL = Path.of("/bin/sh");
    private static final Path ENV = Path.of("/usr/bin/env");
    private static final String SCRIPT = script();

    private PidNamespace() {
    }

    /**
     * {@code unshare --pid -- sh -c SCRIPT vfc-daemon-supervisor env --default-signal=INT,QUIT
     * CHILD...}: without {@code --fork}, unshare(1) leaves itself outside the new namespace and
     * execs the shell, whose first child is then pid 1 there. The shell runs {@code child} in the
     * background, which POSIX shells do with SIGINT and SIGQUIT ignored (2.11, "Signals and Error
     * Handling"); env(1) gives them back their default, or the JVM would not install its SIGINT
     * handler.
     */
    static List<String> supervised(Path unshare, List<String> child) {
        List<String> argv = new ArrayList<>(List.of(unshare.toString(), "--pid", "--", SHELL.toString(), "-c",
                SCRIPT, "vfc-daemon-supervisor", ENV.toString(), "--default-signal=INT,QUIT"));
        argv.addAll(child);
        return argv;
    }

    private static String script() {
        try (InputStream in = PidNamespace.class.getResourceAsStream("pid-namespace-supervisor.sh")) {
            if (in == null) {
                throw new IllegalStateException("pid-namespace-supervisor.sh is missing from the daemon's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
