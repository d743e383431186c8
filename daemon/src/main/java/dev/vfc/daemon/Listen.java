package dev.vfc.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the daemon waits for its frontend: a socket it binds at a path ({@code --socket-path},
 * with the group of {@code --socket-group}), or a socket already bound and listening that it was
 * handed as a file descriptor ({@code --fd}), as Rust virtiofsd 1.13 (src/main.rs: the two
 * exclude each other, and {@code --socket-group} needs a path).
 */
public sealed interface Listen {

    /** {@code --socket-path PATH [--socket-group GROUP]}. */
    record AtPath(Path path, Optional<String> group) implements Listen {
    }

    /** {@code --fd N}: an inherited listening socket. */
    record OnFd(int fd) implements Listen {
    }

    /**
     * {@code --socket-path PATH} under {@code --sandbox=namespace}: the launcher step bound and
     * listened at {@code path} before leaving the host's namespaces, as the Rust virtiofsd makes
     * its listener before its sandbox (src/main.rs), and the daemon it became inherited the socket
     * as {@code fd}. The socket belongs to the host's network namespace, so the host sees it
     * listening (/proc/net/unix) before the daemon's JVM has started; the daemon removes
     * {@code path} once a frontend is connected, as for {@link AtPath}. The pid namespace's
     * supervising shell holds a copy of the descriptor it cannot close (dash redirects only
     * descriptors 0 to 9); the daemon's shutdown(2) of the socket once connected makes any later
     * connect through that copy ECONNREFUSED (net/unix/af_unix.c, unix_stream_connect).
     */
    record BoundAtPath(Path path, int fd) implements Listen {
    }
}
