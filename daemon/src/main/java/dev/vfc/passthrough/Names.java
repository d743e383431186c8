package dev.vfc.passthrough;

import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;

/**
 * The rule for names a guest sends: each is one path component. A name holding '/' could
 * reach outside its parent directory, and an absolute one outside the share: with no
 * sandbox, {@code symlinkat(target, dirfd, "/tmp/evil")} ignores dirfd and writes to the
 * host root, which is CVE-2026-47243 (Kata's virtiofsd ran with {@code --sandbox none}).
 * So every name is checked here before any syscall sees it, as the C virtiofsd's
 * {@code is_safe_path_component} does, answering EINVAL.
 */
final class Names {

    private Names() {
    }

    /**
     * LOOKUP names: one component, no NUL; "." and ".." are allowed (the filesystem resolves
     * them itself, never leaving the share).
     */
    static void checkLookup(byte[] name) throws FsException {
        if (name.length == 0) {
            throw new FsException(Errno.EINVAL, "empty name");
        }
        for (byte b : name) {
            if (b == '/') {
                throw new FsException(Errno.EINVAL, "name contains '/': " + show(name));
            }
            if (b == 0) {
                throw new FsException(Errno.EINVAL, "name contains a NUL byte");
            }
        }
    }

    /**
     * Names an operation creates, removes or renames (MKDIR, MKNOD, SYMLINK's name, LINK's
     * new name, CREATE, UNLINK, RMDIR, both RENAME names): as {@link #checkLookup} and also
     * never "." or "..".
     */
    static void checkEntry(byte[] name) throws FsException {
        checkLookup(name);
        if (isDot(name) || isDotDot(name)) {
            throw new FsException(Errno.EINVAL, "\"" + show(name) + "\" cannot be created, removed or renamed");
        }
    }

    static boolean isDot(byte[] name) {
        return name.length == 1 && name[0] == '.';
    }

    static boolean isDotDot(byte[] name) {
        return name.length == 2 && name[0] == '.' && name[1] == '.';
    }

    private static String show(byte[] name) {
        return new String(name, java.nio.charset.StandardCharsets.UTF_8);
    }
}
