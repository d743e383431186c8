package dev.vfc.suite;

import static dev.vfc.suite.Errnos.absent;
import static dev.vfc.suite.HostFiles.describeHost;
import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.B;
import static dev.vfc.suite.Metadata.DIR;
import static dev.vfc.suite.Metadata.FUSE_H;
import static dev.vfc.suite.Steps.done;
import static dev.vfc.suite.Steps.unimplemented;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.RenameFlags;
import dev.vfc.fuse.RenameIn;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * UNLINK, RMDIR, RENAME and RENAME2, checked on the host. As Linux does (a dentry is looked up
 * before it is removed or renamed, fs/namei.c), checks LOOKUP a name before removing or renaming
 * it.
 */
final class Removals {

    private Removals() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        removalAndRename(all);
        return all;
    }

    /** LOOKUP {@code name}, remove it with UNLINK or RMDIR, then find it gone on the host and to LOOKUP. */
    private static Verdict removes(ScenarioContext c, String name, FuseOpcode op, String what) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Steps.lookup(fuse, 1, name);
        done(op == FuseOpcode.RMDIR ? fuse.rmdir(1, name) : fuse.unlink(1, name), op.name());
        Path host = c.shared().resolve(name);
        if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            return Verdict.fail("the " + what + " gone", describeHost(host));
        }
        return absent(fuse.lookup(1, name), what + " removed");
    }

    private static void removalAndRename(List<Scenario> all) {
        all.add(Scenario.builder("metadata/unlink/file")
                .title("UNLINK removes the host file; LOOKUP then answers ENOENT")
                .rule("FUSE_UNLINK removes the name as unlink(2) (" + FUSE_H + "; fs/fuse/dir.c fuse_unlink)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> removes(c, A, FuseOpcode.UNLINK, "host file")));

        all.add(Scenario.builder("metadata/unlink/replaced-on-host")
                .title("UNLINK of a name the guest looked up, after the host replaced the file under it (a new "
                        + "inode), removes the host's file")
                .rule("FUSE_UNLINK names the entry by parent node and name, not by the node the name once led to ("
                        + FUSE_H + "; fs/fuse/dir.c fuse_unlink sends the dentry's name); Linux 6.1 keeps a "
                        + "looked-up dentry for the entry timeout the daemon gave (fs/fuse/dir.c "
                        + "fuse_dentry_revalidate) and sends UNLINK of it without a new LOOKUP, so this is the "
                        + "sequence a guest sends when the host replaced the file meanwhile; Linux returns the "
                        + "daemon's errno to unlink(2), and POSIX.1-2017 unlink() binds the answer: \"The unlink() "
                        + "function shall remove a link to a file\" (EIO is for \"a physical I/O error\", of which "
                        + "there is none)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, A);
                    HostFiles.replace(c.shared().resolve(A), 200);
                    done(c.fuse().unlink(1, A), "UNLINK");
                    Path host = c.shared().resolve(A);
                    return Files.exists(host, LinkOption.NOFOLLOW_LINKS)
                            ? Verdict.fail("the host file gone", describeHost(host))
                            : Verdict.pass("host file removed");
                }));

        all.add(Scenario.builder("metadata/rmdir/empty")
                .title("RMDIR removes an empty host directory")
                .rule("FUSE_RMDIR removes an empty directory as rmdir(2) (" + FUSE_H + "; fs/fuse/dir.c fuse_rmdir)")
                .fixture(Fixtures.directory(DIR))
                .check(c -> removes(c, DIR, FuseOpcode.RMDIR, "host directory")));

        all.add(Scenario.builder("metadata/rename/plain")
                .title("RENAME (opcode 12) moves a file to a free name on the host")
                .rule("FUSE_RENAME renames as rename(2): the old name is gone, the new one holds the file (" + FUSE_H
                        + " fuse_rename_in; fs/fuse/dir.c fuse_rename_common)")
                .fixture(Fixtures.file(A, 1000))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    Steps.lookup(fuse, 1, A);
                    done(rename(fuse, 1, A, 1, B), "RENAME");
                    return moved(c.shared().resolve(A), c.shared().resolve(B), Fixtures.content(1000));
                }));

        all.add(Scenario.builder("metadata/rename2/noreplace-other-dir")
                .title("RENAME2 RENAME_NOREPLACE moves a file into another directory under a free name")
                .rule("RENAME2 with RENAME_NOREPLACE renames when the new name is free (rename(2)); OVMF renames "
                        + "only this way (OvmfPkg/VirtioFsDxe/SimpleFsSetInfo.c, FuseRename.c)")
                .fixture(Fixtures.directory("src").and(Fixtures.file("src/" + A, 1000))
                        .and(Fixtures.directory("dst")))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long src = Steps.lookup(fuse, 1, "src");
                    long dst = Steps.lookup(fuse, 1, "dst");
                    Steps.lookup(fuse, src, A);
                    done(fuse.rename2(src, A, dst, B, RenameFlags.NOREPLACE), "RENAME2 NOREPLACE", Errno.ENOSYS);
                    return moved(c.shared().resolve("src").resolve(A), c.shared().resolve("dst").resolve(B),
                            Fixtures.content(1000));
                }));

        all.add(Scenario.builder("metadata/rename2/noreplace-existing")
                .title("RENAME2 RENAME_NOREPLACE onto an existing name is EEXIST and changes nothing")
                .rule("rename(2): RENAME_NOREPLACE with an existing newpath fails with EEXIST")
                .fixture(Fixtures.file(A, 1000).and(Fixtures.file(B, 2000)))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    Steps.lookup(fuse, 1, A);
                    FuseReply<Void> r = fuse.rename2(1, A, 1, B, RenameFlags.NOREPLACE);
                    Verdict u = unimplemented(r, "RENAME2", Errno.ENOSYS);
                    if (u != null) {
                        return u;
                    }
                    Verdict v = Expect.errno(r, Errno.EEXIST);
                    return Expect.firstOf(unchanged(c, A, 1000, B, 2000), () -> v);
                }));

        all.add(Scenario.builder("metadata/rename2/exchange")
                .title("RENAME2 RENAME_EXCHANGE swaps two files on the host")
                .rule("rename(2): RENAME_EXCHANGE atomically exchanges oldpath and newpath; EINVAL where the file "
                        + "system does not support it, ENOSYS from the daemon makes Linux stop sending RENAME2 "
                        + "(fs/fuse/dir.c fuse_rename2)")
                .fixture(Fixtures.file(A, 1000).and(Fixtures.file(B, 2000)))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    Steps.lookup(fuse, 1, A);
                    Steps.lookup(fuse, 1, B);
                    done(fuse.rename2(1, A, 1, B, RenameFlags.EXCHANGE), "RENAME2 EXCHANGE", Errno.ENOSYS,
                            Errno.EINVAL);
                    byte[] a = Files.readAllBytes(c.shared().resolve(A));
                    byte[] b = Files.readAllBytes(c.shared().resolve(B));
                    if (!Arrays.equals(a, Fixtures.content(2000)) || !Arrays.equals(b, Fixtures.content(1000))) {
                        return Verdict.fail(A + " holding the 2000 bytes and " + B + " the 1000",
                                A + " " + a.length + " bytes, " + B + " " + b.length + " bytes");
                    }
                    return Verdict.pass("host contents swapped");
                }));
    }

    /** The old host path is gone and the new one holds {@code content}. */
    static Verdict moved(Path from, Path to, byte[] content) throws IOException {
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return Verdict.fail(from.getFileName() + " gone from the host", "it is still there");
        }
        if (!Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)
                || !Arrays.equals(Files.readAllBytes(to), content)) {
            return Verdict.fail("the file's bytes under " + to.getFileName(), describeHost(to));
        }
        return Verdict.pass("host: " + from.getFileName() + " gone, " + to.getFileName() + " holds the file");
    }

    /** Null when both host files still hold their fixture bytes; else the FAIL. */
    static Verdict unchanged(ScenarioContext c, String a, int aSize, String b, int bSize) throws IOException {
        Path pa = c.shared().resolve(a);
        Path pb = c.shared().resolve(b);
        if (!Files.isRegularFile(pa, LinkOption.NOFOLLOW_LINKS)
                || !Arrays.equals(Files.readAllBytes(pa), Fixtures.content(aSize))
                || !Files.isRegularFile(pb, LinkOption.NOFOLLOW_LINKS)
                || !Arrays.equals(Files.readAllBytes(pb), Fixtures.content(bSize))) {
            return Verdict.fail("both host files unchanged", a + ": " + describeHost(pa) + "; " + b + ": "
                    + describeHost(pb));
        }
        return null;
    }

    static FuseReply<Void> rename(FuseSession fuse, long parent, String name, long newParent, String newName) {
        RenameIn in = new RenameIn(newParent);
        return fuse.call(FuseOpcode.RENAME, parent, List.of(FuseSession.encode(in), FuseSession.names(name, newName)),
                false, List.of(), x -> null, in + " \"" + name + "\" -> \"" + newName + "\"");
    }
}
