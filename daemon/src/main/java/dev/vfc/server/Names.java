package dev.vfc.server;

import dev.vfc.fuse.Errno;
import java.nio.charset.StandardCharsets;

/**
 * The server's own checks on names, before the filesystem sees them. The passthrough checks again
 * (defence in depth): a name that reaches {@code mkdirat} or {@code symlinkat} with a '/' in it is
 * exactly how a guest escapes the shared directory (CVE-2026-47243, advisory GHSA-2gv2-cffp-j227:
 * Kata Containers 3.30 ran the Rust virtiofsd with --sandbox none). Linux's VFS never sends any
 * of these shapes (it resolves paths one component at a time and handles "." and ".." itself), so
 * only a broken or hostile driver trips them.
 */
final class Names {
    private Names() {
    }

    /**
     * A LOOKUP name. Empty gives ENOENT, the answer POSIX gives for an empty pathname (open(2),
     * path_resolution(7): "ENOENT ... pathname is an empty string"): no entry has that name, and the
     * request is otherwise well-formed. A '/' gives EINVAL, as the C virtiofsd's lo_lookup does: a
     * single component cannot contain one. "." and ".." pass: the kernel looks them up when the share
     * is NFS-exported, and the filesystem keeps them inside the shared directory.
     */
    static byte[] lookup(byte[] name) {
        if (name.length == 0) {
            throw new Rejected(Errno.ENOENT, "empty name in LOOKUP");
        }
        return noSlash(name, "LOOKUP");
    }

    /**
     * A name that creates, removes or renames an entry (MKNOD, MKDIR, SYMLINK, LINK, CREATE,
     * RENAME, RENAME2, UNLINK, RMDIR): non-empty, no '/', and not "." or "..", else EINVAL. The
     * same rule as the C virtiofsd's is_safe_path_component (QEMU 7.2
     * tools/virtiofsd/passthrough_ll.c) and as rmdir(2)'s EINVAL for a "." last component.
     */
    static byte[] component(byte[] name, String op) {
        if (name.length == 0) {
            throw new Rejected(Errno.EINVAL, "empty name in " + op);
        }
        noSlash(name, op);
        if (isDot(name) || isDotDot(name)) {
            throw new Rejected(Errno.EINVAL, "name \"" + printable(name) + "\" in " + op + " is not a plain entry");
        }
        return name;
    }

    /**
     * A SYMLINK target: its content, not a path resolved here, so '/' and ".." are fine. Empty gives
     * ENOENT, as symlink(2) does for an empty target.
     */
    static byte[] symlinkTarget(byte[] target) {
        if (target.length == 0) {
            throw new Rejected(Errno.ENOENT, "empty SYMLINK target");
        }
        return target;
    }

    /** An extended attribute name: non-empty, else EINVAL (fs/xattr.c refuses empty names too). */
    static byte[] xattr(byte[] name, String op) {
        if (name.length == 0) {
            throw new Rejected(Errno.EINVAL, "empty attribute name in " + op);
        }
        return name;
    }

    private static byte[] noSlash(byte[] name, String op) {
        for (byte b : name) {
            if (b == '/') {
                throw new Rejected(Errno.EINVAL, "name \"" + printable(name) + "\" in " + op + " contains '/'");
            }
        }
        return name;
    }

    private static boolean isDot(byte[] n) {
        return n.length == 1 && n[0] == '.';
    }

    private static boolean isDotDot(byte[] n) {
        return n.length == 2 && n[0] == '.' && n[1] == '.';
    }

    /** For logs only: the name as UTF-8, shortened. */
    static String printable(byte[] name) {
        String s = new String(name, 0, Math.min(name.length, 80), StandardCharsets.UTF_8);
        return name.length > 80 ? s + "..." : s;
    }
}
