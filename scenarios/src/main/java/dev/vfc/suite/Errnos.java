package dev.vfc.suite;

import static dev.vfc.suite.HostFiles.describeHost;
import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.B;
import static dev.vfc.suite.Metadata.BOGUS_FH;
import static dev.vfc.suite.Metadata.DIR;
import static dev.vfc.suite.Steps.done;
import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_EXCL;
import static dev.vfc.syscall.PosixFiles.O_RDONLY;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The errnos the man pages name for the usual mistakes (a missing name, an existing one, the wrong
 * type), and file handles a driver never sends.
 */
final class Errnos {

    private Errnos() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        errnos(all);
        return all;
    }

    private static void errnos(List<Scenario> all) {
        all.add(Scenario.builder("metadata/errno/lookup-missing")
                .title("LOOKUP of a missing name is ENOENT")
                .rule("a missing name is ENOENT (path_resolution(7)); Linux also takes success with node id 0 as a "
                        + "negative entry (fs/fuse/dir.c fuse_lookup_name), which OVMF does not understand "
                        + "(OvmfPkg/VirtioFsDxe/FuseLookup.c maps only ENOENT to EFI_NOT_FOUND)")
                .check(c -> {
                    Steps.init(c.fuse());
                    return absent(c.fuse().lookup(1, "missing.txt"), "ENOENT");
                }));

        all.add(Scenario.builder("metadata/errno/unlink-missing")
                .title("UNLINK of a name the guest looked up and the host then removed is ENOENT")
                .rule("POSIX.1-2017 unlink(): \"These functions shall fail if: ... [ENOENT] A component of path "
                        + "does not name an existing file\"; Linux 6.1 sends UNLINK of a name its dentry cache still "
                        + "holds after the host removed it (fs/namei.c do_unlinkat, fs/fuse/dir.c fuse_unlink) and "
                        + "returns the daemon's errno to unlink(2) as it is, so the daemon's answer is the one "
                        + "POSIX binds")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, A);
                    HostFiles.remove(c.shared().resolve(A));
                    return Expect.errno(c.fuse().unlink(1, A), Errno.ENOENT);
                }));

        all.add(Scenario.builder("metadata/errno/rmdir-missing")
                .title("RMDIR of a directory the guest looked up and the host then removed is ENOENT")
                .rule("POSIX.1-2017 rmdir(): \"[ENOENT] A component of path does not name an existing file\"; Linux "
                        + "6.1 sends RMDIR of a name its dentry cache still holds after the host removed it "
                        + "(fs/namei.c do_rmdir, fs/fuse/dir.c fuse_rmdir) and returns the daemon's errno to rmdir(2)")
                .fixture(Fixtures.directory(DIR))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, DIR);
                    Files.delete(c.shared().resolve(DIR));
                    return Expect.errno(c.fuse().rmdir(1, DIR), Errno.ENOENT);
                }));

        all.add(Scenario.builder("metadata/errno/rename-missing")
                .title("RENAME of a name the guest looked up and the host then removed is ENOENT, and makes no "
                        + "new name")
                .rule("POSIX.1-2017 rename(): \"[ENOENT] ... The old argument names a file that does not exist\"; "
                        + "Linux 6.1 sends RENAME of a source its dentry cache still holds (fs/namei.c do_renameat2, "
                        + "fs/fuse/dir.c fuse_rename2) and returns the daemon's errno to rename(2)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, A);
                    HostFiles.remove(c.shared().resolve(A));
                    Verdict v = Expect.errno(Removals.rename(c.fuse(), 1, A, 1, B), Errno.ENOENT);
                    Path b = c.shared().resolve(B);
                    if (Files.exists(b, LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("no " + B + " on the host", describeHost(b));
                    }
                    return v;
                }));

        all.add(Scenario.builder("metadata/errno/mkdir-existing")
                .title("MKDIR over an existing file is EEXIST and leaves the file alone")
                .rule("mkdir(2): EEXIST when pathname already exists (not necessarily as a directory)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().mkdir(1, A, 0755), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/symlink-existing")
                .title("SYMLINK over an existing file is EEXIST and leaves the file alone")
                .rule("symlink(2): EEXIST when linkpath already exists")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().symlink(1, A, "elsewhere"), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/mknod-existing")
                .title("MKNOD S_IFREG over an existing file is EEXIST and leaves the file alone")
                .rule("mknod(2): EEXIST when pathname already exists")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().mknod(1, A, S_IFREG | 0644, 0), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/create-excl-existing")
                .title("CREATE with O_CREAT|O_EXCL over an existing file is EEXIST and does not truncate it")
                .rule("open(2): O_CREAT|O_EXCL fails with EEXIST if pathname exists; Linux passes O_EXCL in "
                        + "fuse_create_in.flags (fs/fuse/dir.c fuse_create_open)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().create(1, A, O_CREAT | O_EXCL | O_RDWR, S_IFREG | 0644),
                            Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/link-existing")
                .title("LINK onto an existing name is EEXIST")
                .rule("link(2): EEXIST when newpath already exists")
                .fixture(Fixtures.file(B, 200).and(Fixtures.file(A, 100)))
                .check(c -> {
                    Steps.init(c.fuse());
                    long node = Steps.lookup(c.fuse(), 1, B);
                    return keepsFile(c, c.fuse().link(node, 1, A), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/lookup-under-file")
                .title("LOOKUP of a name under a regular file is ENOTDIR")
                .rule("path_resolution(7) and openat(2): ENOTDIR when a non-directory is used as a directory")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    long node = Steps.lookup(c.fuse(), 1, A);
                    return Expect.errno(c.fuse().lookup(node, "x"), Errno.ENOTDIR);
                }));

        all.add(Scenario.builder("metadata/errno/rmdir-file")
                .title("RMDIR of a regular file is ENOTDIR and leaves it alone")
                .rule("rmdir(2): ENOTDIR when pathname is not a directory")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, A);
                    return keepsFile(c, c.fuse().rmdir(1, A), Errno.ENOTDIR);
                }));

        all.add(Scenario.builder("metadata/errno/unlink-dir")
                .title("UNLINK of a directory is EISDIR (EPERM is POSIX's answer) and leaves it alone")
                .rule("unlink(2): EISDIR is Linux's answer for a directory (unlinkat without AT_REMOVEDIR); "
                        + "POSIX says EPERM, which Linux documents as the non-Linux behaviour")
                .fixture(Fixtures.directory(DIR))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, DIR);
                    Verdict v = Expect.errno(c.fuse().unlink(1, DIR), Errno.EISDIR, Errno.EPERM);
                    if (!Files.isDirectory(c.shared().resolve(DIR), LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("the host directory kept", "it is gone");
                    }
                    return v;
                }));

        all.add(Scenario.builder("metadata/errno/rmdir-nonempty")
                .title("RMDIR of a non-empty directory is ENOTEMPTY (EEXIST allowed) and removes nothing")
                .rule("rmdir(2): ENOTEMPTY when the directory contains entries other than . and ..; EEXIST is "
                        + "allowed for the same case (POSIX)")
                .fixture(Fixtures.directory(DIR).and(Fixtures.file(DIR + "/" + A, 10)))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, DIR);
                    Verdict v = Expect.errno(c.fuse().rmdir(1, DIR), Errno.ENOTEMPTY, Errno.EEXIST);
                    if (!Files.isRegularFile(c.shared().resolve(DIR).resolve(A), LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("the directory and its file kept", "the file is gone");
                    }
                    return v;
                }));

        String handles = "Linux 6.1 sends only file handles OPEN or CREATE returned, and none after RELEASE "
                + "(fs/fuse/file.c: ff->fh comes from the OPEN reply; fuse_file_put sends RELEASE when the last "
                + "reference goes and frees ff), so another fh is one no driver sends. Hardening: an errno (EBADF, "
                + "as read(2) and close(2) name it, or another) CONTAINED, serving it NON-STRICT, a reply past the "
                + "writable buffers BREACH; the daemon must keep serving";
        all.add(Scenario.builder("metadata/errno/read-unknown-fh")
                .title("READ with a file handle never handed out is refused, and the daemon keeps serving")
                .rule(handles)
                .hardening()
                .fixture(Fixtures.file(A, 4096))
                .check(Containment.guarded(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    FuseReply<ByteBuffer> r = c.fuse().read(h.node(), BOGUS_FH, 0, 4096);
                    return Serving.hardening(c, Containment.ofExchange(r.exchange()));
                })));

        all.add(Scenario.builder("metadata/errno/read-released-fh")
                .title("READ with a handle already RELEASEd is refused, and the daemon keeps serving")
                .rule(handles)
                .hardening()
                .fixture(Fixtures.file(A, 4096))
                .check(Containment.guarded(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    done(c.fuse().release(h.node(), h.fh()), "RELEASE");
                    FuseReply<ByteBuffer> r = c.fuse().read(h.node(), h.fh(), 0, 4096);
                    return Serving.hardening(c, Containment.ofExchange(r.exchange()));
                })));

        all.add(Scenario.builder("metadata/errno/release-unknown-fh")
                .title("RELEASE of a file handle never handed out is refused, and the daemon keeps serving")
                .rule(handles + "; Linux ignores RELEASE's answer (fs/fuse/file.c fuse_release_end)")
                .hardening()
                .fixture(Fixtures.file(A, 4096))
                .check(Containment.guarded(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    FuseReply<Void> r = c.fuse().release(h.node(), BOGUS_FH);
                    return Serving.hardening(c, Containment.ofExchange(r.exchange()));
                })));
    }

    /** The error expected, and the fixture file {@link #A} of 100 bytes still there, unchanged. */
    static Verdict keepsFile(ScenarioContext c, FuseReply<?> r, Errno preferred) throws IOException {
        Verdict v = Expect.errno(r, preferred);
        Path host = c.shared().resolve(A);
        if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)
                || !Arrays.equals(Files.readAllBytes(host), Fixtures.content(100))) {
            return Verdict.fail("the existing host file left alone (" + preferred + ")", describeHost(host));
        }
        return v;
    }

    /** PASS for ENOENT; NON-STRICT for success with node id 0 (a negative entry); FAIL otherwise. */
    static Verdict absent(FuseReply<EntryOut> r, String passDetail) {
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.isOk()) {
            if (r.value().nodeid() == 0) {
                return Verdict.nonStrict("a negative entry (node id 0): Linux takes it as ENOENT, OVMF does not; "
                        + "ENOENT is preferred");
            }
            return Verdict.fail("ENOENT", "an entry with node " + r.value().nodeid());
        }
        Verdict v = Expect.errno(r, Errno.ENOENT);
        return v.kind() == Verdict.Kind.PASS ? Verdict.pass(passDetail) : v;
    }
}
