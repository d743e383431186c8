package dev.vfc.passthrough;

import static dev.vfc.passthrough.SharedTree.errno;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Extended attributes of {@link PassthroughFileSystem}: SETXATTR, GETXATTR, LISTXATTR and
 * REMOVEXATTR. They go through /proc/self/fd paths: the *xattr calls on such a path act on the
 * node's own inode (a symlink's too, without following it), and unlike the f*xattr calls they
 * work on O_PATH descriptors, so nothing is opened.
 */
final class PassthroughXattrs {

    private static final byte[] ACL_ACCESS = "system.posix_acl_access".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACL_DEFAULT = "system.posix_acl_default".getBytes(StandardCharsets.US_ASCII);

    private final SharedTree tree;

    PassthroughXattrs(SharedTree tree) {
        this.tree = tree;
    }

    /**
     * Extended attributes go through /proc/self/fd paths: the *xattr calls on such a path
     * act on the node's own inode (a symlink's too, without following it), and unlike the
     * f*xattr calls they work on O_PATH descriptors, so nothing is opened.
     */
    void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        tree.checkXattr("SETXATTR");
        checkAcl(name);
        tree.checkWritable("SETXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            PosixFiles.setxattr(inode.procPath(), hostName(name), value, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        tree.checkXattr("GETXATTR");
        checkAcl(name);
        try (Inode inode = tree.inodes().use(node)) {
            return PosixFiles.getxattr(inode.procPath(), hostName(name));
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    byte[] listxattr(Context ctx, long node) throws FsException {
        tree.checkXattr("LISTXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            byte[] list = PosixFiles.listxattr(inode.procPath());
            return tree.options().features().xattrmap().map(m -> m.mapHostList(list)).orElse(list);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    void removexattr(Context ctx, long node, byte[] name) throws FsException {
        tree.checkXattr("REMOVEXATTR");
        checkAcl(name);
        tree.checkWritable("REMOVEXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            PosixFiles.removexattr(inode.procPath(), hostName(name));
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    /**
     * Without POSIX ACLs granted ({@code --posix-acl}), the ACL names are ENOTSUP, as Rust
     * virtiofsd 1.13's {@code block_xattr} (src/passthrough/mod.rs): a guest that set one would
     * see host permissions change that its kernel does not enforce. Like Rust, any name that is a
     * prefix of an ACL name is refused ({@code acl_access.starts_with(name)}).
     */
    private void checkAcl(byte[] name) throws FsException {
        if (tree.aclGranted()) {
            return;
        }
        if (isPrefix(name, ACL_ACCESS) || isPrefix(name, ACL_DEFAULT)) {
            throw new FsException(Errno.EOPNOTSUPP, "POSIX ACLs are off (see --posix-acl)");
        }
    }

    private static boolean isPrefix(byte[] name, byte[] of) {
        return name.length <= of.length && Arrays.equals(name, 0, name.length, of, 0, name.length);
    }

    /** The host's name for the guest's, through {@code --xattrmap} when given: EPERM for bad, ENOTSUP for unsupported. */
    private byte[] hostName(byte[] name) throws FsException {
        if (tree.options().features().xattrmap().isEmpty()) {
            return name;
        }
        XattrMap.Applied applied = tree.options().features().xattrmap().get().mapGuestName(name);
        if (applied instanceof XattrMap.Applied.Pass p) {
            return p.hostName();
        }
        if (applied instanceof XattrMap.Applied.Unsupported) {
            throw new FsException(Errno.EOPNOTSUPP, "xattrmap: unsupported name");
        }
        throw new FsException(Errno.EPERM, "xattrmap: bad name");
    }
}
