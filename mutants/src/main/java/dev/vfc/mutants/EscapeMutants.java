package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.LOOKUP;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import dev.vfc.syscall.FileStat;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.util.List;
import java.util.Set;

/**
 * Bugs that reach outside the share through the host's own root, which the share's checks
 * never see and only a sandbox ({@code --sandbox=namespace|chroot}, where "/" is the share)
 * contains. These mutants run with {@code --sandbox=none} by default, so the kill matrix sees the
 * bug; the same mutant with {@code +--sandbox=namespace} shows what the sandbox is for.
 */
final class EscapeMutants {

    private EscapeMutants() {
    }

    static List<Mutant> all() {
        return List.of(Mutant.ofFileSystem("lookup-opens-absolute-names",
                "LOOKUP of a name that starts with '/' resolves it from the process's root (openat(AT_FDCWD, name))",
                "a slip in path handling: a guest name joined to nothing is an absolute path; Linux never sends a "
                        + "name with a '/', a hostile guest does (this suite's path-safety/lookup/absolute-etc)",
                Set.of(LOOKUP), fs -> new ForwardingFileSystem(fs) {
                    @Override
                    public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
                        if (name.length == 0 || name[0] != '/') {
                            return delegate.lookup(ctx, parent, name);
                        }
                        try {
                            FileStat st = PosixFiles.fstatat(PosixFiles.AT_FDCWD, name, PosixFiles.AT_SYMLINK_NOFOLLOW);
                            // A node id the real table never hands out, so the guest can only look.
                            return new EntryOut(Long.MAX_VALUE - st.ino(), 0, 0, 0, 0, 0, new Attr(st.ino(), st.size(),
                                    st.blocks(), st.atime(), st.mtime(), st.ctime(), 0, 0, 0, st.mode(),
                                    (int) st.nlink(), st.uid(), st.gid(), 0, (int) st.blksize(), 0));
                        } catch (SyscallException e) {
                            throw new FsException(e.errno() == 0 ? Errno.EIO.number() : e.errno(), e.getMessage());
                        }
                    }
                }).withDaemonArgs(List.of("--sandbox=none")));
    }
}
