package dev.vfc.passthrough;

import static dev.vfc.passthrough.SharedTree.errno;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;

/**
 * Extended attributes of {@link PassthroughFileSystem}: SETXATTR, GETXATTR, LISTXATTR and
 * REMOVEXATTR. They go through /proc/self/fd paths: the *xattr calls on such a path act on the
 * node's own inode (a symlink's too, without following it), and unlike the f*xattr calls they
 * work on O_PATH descriptors, so nothing is opened.
 */
final class PassthroughXattrs {

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
        tree.checkWritable("SETXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            PosixFiles.setxattr(inode.procPath(), name, value, flags);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        tree.checkXattr("GETXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            return PosixFiles.getxattr(inode.procPath(), name);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    byte[] listxattr(Context ctx, long node) throws FsException {
        tree.checkXattr("LISTXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            return PosixFiles.listxattr(inode.procPath());
        } catch (SyscallException e) {
            throw errno(e);
        }
    }

    void removexattr(Context ctx, long node, byte[] name) throws FsException {
        tree.checkXattr("REMOVEXATTR");
        tree.checkWritable("REMOVEXATTR");
        try (Inode inode = tree.inodes().use(node)) {
            PosixFiles.removexattr(inode.procPath(), name);
        } catch (SyscallException e) {
            throw errno(e);
        }
    }
}
