package dev.vfc.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code --socket-group GROUP}: after binding, the socket gets the group GROUP, and group read and
 * write, so members of that group (QEMU's user) may connect. Rust virtiofsd 1.13 (src/main.rs)
 * binds with umask 0007 instead of 0077 and then chowns the path to getgrnam(GROUP); here the
 * permissions are set explicitly to rw for user and group, which is what that umask gives a
 * socket.
 */
final class SocketGroup {

    private SocketGroup() {
    }

    static void apply(Path socket, String group) throws IOException {
        GroupPrincipal principal;
        try {
            principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (IOException e) {
            throw new IOException("--socket-group " + group + ": no such group");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class);
        view.setGroup(principal);
        Set<PosixFilePermission> rw = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
        Files.setPosixFilePermissions(socket, rw);
    }
}
