package dev.vfc.daemon;

import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/** The vhost-user socket the daemon waits on, opened as its {@link Listen} says. */
final class ListeningSocket {

    private static final Logger LOG = Logger.getLogger(ListeningSocket.class.getName());

    private ListeningSocket() {
    }

    /** Binds and listens at a path (replacing a stale socket file there), or takes an inherited socket. */
    static UnixSocket open(Listen listen) throws IOException {
        if (listen instanceof Listen.AtPath p) {
            UnixSocket listener = bind(p);
            LOG.info("listening on " + p.path());
            return listener;
        }
        if (listen instanceof Listen.BoundAtPath b) {
            return inherited(b.fd(), b.path() + " (bound by the launcher step, fd " + b.fd() + ")");
        }
        int fd = ((Listen.OnFd) listen).fd();
        return inherited(fd, "inherited fd " + fd);
    }

    /**
     * Binds and listens at a path, replacing a stale socket file there, for the daemon this
     * process is about to become ({@link Listen.BoundAtPath}): "listening on" is the daemon's
     * word once it waits for a frontend, not the launcher's.
     */
    static UnixSocket bind(Listen.AtPath p) throws IOException {
        Files.deleteIfExists(p.path());
        UnixSocket listener = UnixSocket.listen(p.path());
        if (p.group().isPresent()) {
            SocketGroup.apply(p.path(), p.group().get());
        }
        return listener;
    }

    /** The socket file the daemon removes once connected, if it names one. */
    static Optional<Path> path(Listen listen) {
        if (listen instanceof Listen.AtPath p) {
            return Optional.of(p.path());
        }
        return listen instanceof Listen.BoundAtPath b ? Optional.of(b.path()) : Optional.empty();
    }

    private static UnixSocket inherited(int fd, String what) throws SyscallException {
        UnixSocket listener = UnixSocket.ofListening(fd);
        LOG.info("listening on " + what);
        return listener;
    }
}
