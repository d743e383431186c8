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
}
