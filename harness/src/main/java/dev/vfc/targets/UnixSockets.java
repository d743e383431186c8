package dev.vfc.targets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells whether a unix socket file is listening, without connecting to it: the C virtiofsd
 * accepts a single connection, so a probe connect would use up the frontend's only chance.
 *
 * <p>Linux lists the unix sockets of this network namespace in {@code /proc/net/unix}; a
 * listening socket has the {@code __SO_ACCEPTCON} flag (0x10000). Between the daemon's
 * {@code bind} and its {@code listen} the file exists but a connect would be refused; this
 * probe sees the difference. A daemon in another network namespace (a container) is not
 * listed: then the socket file existing is the best we can know.
 */
final class UnixSockets {

    static final Path PROC_NET_UNIX = Path.of("/proc/net/unix");
    private static final int SO_ACCEPTCON = 0x10000;

    enum State {
        /** No socket file at the path. */
        ABSENT,
        /** The path exists but is not a socket (a regular file, a directory, ...). */
        NOT_A_SOCKET,
        /** A socket file that is bound but not yet listening. */
        BOUND,
        /** Listed as listening. */
        LISTENING,
        /** A socket file not listed in this namespace (or /proc unreadable): probably listening elsewhere. */
        UNKNOWN
    }

    private UnixSockets() {
    }

    static boolean isSocketFile(Path path) {
        try {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).isOther();
            } catch (IOException e2) {
                return false;
            }
        }
    }

    static State state(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return State.ABSENT;
        }
        if (!isSocketFile(path)) {
            return State.NOT_A_SOCKET;
        }
        String wanted = path.toAbsolutePath().normalize().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC_NET_UNIX, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return State.UNKNOWN;
        }
        boolean bound = false;
        // "Num RefCount Protocol Flags Type St Inode Path"
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+", 8);
            if (f.length < 8 || !f[7].equals(wanted)) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[3], 16);
                if ((flags & SO_ACCEPTCON) != 0) {
                    return State.LISTENING;
                }
                bound = true;
            } catch (NumberFormatException e) {
                return State.UNKNOWN;
            }
        }
        return bound ? State.BOUND : State.UNKNOWN;
    }

    /** The default readiness test: a socket file that is listening, or that we cannot see into. */
    static boolean isReady(Path path) {
        State s = state(path);
        return s == State.LISTENING || s == State.UNKNOWN;
    }
}
