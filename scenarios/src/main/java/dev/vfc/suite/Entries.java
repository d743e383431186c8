package dev.vfc.suite;

import static dev.vfc.suite.HostFiles.describeHost;
import static dev.vfc.suite.HostFiles.hostMode;
import static dev.vfc.suite.HostFiles.octal;
import static dev.vfc.suite.HostFiles.string;
import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.B;
import static dev.vfc.suite.Metadata.DIR;
import static dev.vfc.suite.Metadata.FUSE_H;
import static dev.vfc.suite.Steps.done;
import static dev.vfc.suite.Steps.need;
import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFDIR;
import static dev.vfc.syscall.PosixFiles.S_IFIFO;
import static dev.vfc.syscall.PosixFiles.S_IFLNK;
import static dev.vfc.syscall.PosixFiles.S_IFMT;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.WriteOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operations that make entries (CREATE, MKDIR, MKNOD, SYMLINK, LINK) and READLINK: each is
 * checked on the host, where the entry must appear with the mode, target or link count asked for.
 */
final class Entries {

    private Entries() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        entries(all);
        return all;
    }

    private static void entries(List<Scenario> all) {
        all.add(Scenario.builder("metadata/create/new-file")
                .title("CREATE makes a regular 0640 file and returns a handle that writes to it")
                .rule("FUSE_CREATE is atomic create-and-open: entry_out then open_out whose fh serves WRITE "
                        + "(" + FUSE_H + "; fs/fuse/dir.c fuse_create_open; open(2) O_CREAT)")
                .check(Entries::createNewFile));

        all.add(Scenario.builder("metadata/mkdir/new")
                .title("MKDIR makes a 0750 directory on the host and returns its entry")
                .rule("FUSE_MKDIR creates the directory as mkdir(2) and answers fuse_entry_out (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_mkdir)")
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    EntryOut e = need(fuse.mkdir(1, DIR, 0750), "MKDIR");
                    Path host = c.shared().resolve(DIR);
                    if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("a directory on the host", describeHost(host));
                    }
                    return entryMatches(e, host, S_IFDIR | 0750);
                }));

        all.add(Scenario.builder("metadata/mknod/regular")
                .title("MKNOD S_IFREG|0640 makes an empty regular file on the host")
                .rule("FUSE_MKNOD creates the node as mknod(2) (S_IFREG allowed) and answers fuse_entry_out ("
                        + FUSE_H + "; fs/fuse/dir.c fuse_mknod)")
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    EntryOut e = need(fuse.mknod(1, A, S_IFREG | 0640, 0), "MKNOD");
                    Path host = c.shared().resolve(A);
                    if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS) || Files.size(host) != 0) {
                        return Verdict.fail("an empty regular file on the host", describeHost(host));
                    }
                    return entryMatches(e, host, S_IFREG | 0640);
                }));

        all.add(Scenario.builder("metadata/mknod/fifo")
                .title("MKNOD S_IFIFO|0640 makes a FIFO on the host")
                .rule("FUSE_MKNOD creates the node as mknod(2) (S_IFIFO needs no privilege) and answers "
                        + "fuse_entry_out (" + FUSE_H + "; fs/fuse/dir.c fuse_mknod, mkfifo(3))")
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    EntryOut e = need(fuse.mknod(1, "fifo", S_IFIFO | 0640, 0), "MKNOD fifo");
                    Path host = c.shared().resolve("fifo");
                    if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS) || (hostMode(host) & S_IFMT) != S_IFIFO) {
                        return Verdict.fail("a FIFO on the host", describeHost(host));
                    }
                    return entryMatches(e, host, S_IFIFO | 0640);
                }));

        all.add(Scenario.builder("metadata/symlink/new")
                .title("SYMLINK makes a host symlink with exactly the given target")
                .rule("FUSE_SYMLINK's body is the new name then the target; the link holds the target verbatim, "
                        + "dangling or not (" + FUSE_H + "; fs/fuse/dir.c fuse_symlink; symlink(2))")
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    String target = "some/where/target.txt";
                    EntryOut e = need(fuse.symlink(1, "link", target), "SYMLINK");
                    Path host = c.shared().resolve("link");
                    if (!Files.isSymbolicLink(host)) {
                        return Verdict.fail("a symlink on the host", describeHost(host));
                    }
                    String got = Files.readSymbolicLink(host).toString();
                    if (!got.equals(target)) {
                        return Verdict.fail("target \"" + target + "\"", "\"" + got + "\"");
                    }
                    if ((e.attr().mode() & S_IFMT) != S_IFLNK || e.attr().size() != target.length()) {
                        return Verdict.fail("reply S_IFLNK of size " + target.length(),
                                "mode " + octal(e.attr().mode()) + ", size " + e.attr().size());
                    }
                    return Verdict.pass("host symlink -> " + target);
                }));

        all.add(Scenario.builder("metadata/readlink/target")
                .title("READLINK returns the host symlink's target, without a NUL")
                .rule("the FUSE_READLINK reply is the target's bytes; Linux adds the terminator itself "
                        + "(fs/fuse/dir.c fuse_readlink_page; readlink(2) does not append a NUL)")
                .fixture(Fixtures.symlink("link", "../elsewhere/target.bin"))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long node = Steps.lookup(fuse, 1, "link");
                    String got = string(need(fuse.readlink(node), "READLINK"));
                    String want = "../elsewhere/target.bin";
                    if (got.equals(want)) {
                        return Verdict.pass("\"" + want + "\"");
                    }
                    if (got.equals(want + "\0")) {
                        return Verdict.nonStrict("the target with a trailing NUL: Linux keeps the NUL in the "
                                + "length it reports; the bare target is the rule's answer");
                    }
                    return Verdict.fail("\"" + want + "\"", "\"" + got + "\"");
                }));

        all.add(Scenario.builder("metadata/readlink/not-a-symlink")
                .title("READLINK of a regular file is refused")
                .rule("Linux 6.1 sends READLINK only for a symlink's inode (fs/fuse/dir.c: fuse_get_link is in "
                        + "fuse_symlink_inode_operations alone), so READLINK of a regular file is one Linux does not "
                        + "send. Hardening: an errno "
                        + "CONTAINED (readlink(2)'s EINVAL, or the ENOENT Linux's readlinkat(fd, \"\") gives), a "
                        + "target returned NON-STRICT")
                .hardening()
                .fixture(Fixtures.file(A, 10))
                .check(Containment.guarded(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long node = Steps.lookup(fuse, 1, A);
                    FuseReply<ByteBuffer> r = fuse.readlink(node);
                    return Serving.hardening(c, Containment.ofExchange(r.exchange()));
                })));

        all.add(Scenario.builder("metadata/link/new-name")
                .title("LINK gives a file a second name: same host inode, link count 2")
                .rule("FUSE_LINK makes a hard link as link(2); the entry's attributes show nlink 2 (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_link)")
                .fixture(Fixtures.file(A, 1000))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long node = Steps.lookup(fuse, 1, A);
                    EntryOut e = need(fuse.link(node, 1, B), "LINK");
                    Path a = c.shared().resolve(A);
                    Path b = c.shared().resolve(B);
                    if (!Files.exists(b, LinkOption.NOFOLLOW_LINKS) || !Files.isSameFile(a, b)) {
                        return Verdict.fail(B + " the same host file as " + A, describeHost(b));
                    }
                    int nlink = (Integer) Files.getAttribute(a, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
                    if (nlink != 2) {
                        return Verdict.fail("host link count 2", String.valueOf(nlink));
                    }
                    if (e.attr().nlink() != 2) {
                        return Verdict.fail("reply nlink 2", String.valueOf(e.attr().nlink()));
                    }
                    return Verdict.pass("host: one inode, two names, nlink 2");
                }));
    }

    static Verdict createNewFile(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseSession.Created created = need(fuse.create(1, A, O_CREAT | O_RDWR, S_IFREG | 0640), "CREATE");
        Path host = c.shared().resolve(A);
        if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
            return Verdict.fail("a regular file on the host", describeHost(host));
        }
        Verdict entry = entryMatches(created.entry(), host, S_IFREG | 0640);
        if (entry.kind() != Verdict.Kind.PASS) {
            return entry;
        }
        byte[] data = Fixtures.content(777);
        WriteOut w = need(fuse.write(created.entry().nodeid(), created.open().fh(), 0, ByteBuffer.wrap(data)),
                "WRITE through the CREATE handle");
        if (w.size() != data.length || !Arrays.equals(Files.readAllBytes(host), data)) {
            return Verdict.fail("the 777 written bytes in the host file", w.size() + " reported, "
                    + Files.size(host) + " bytes on the host");
        }
        done(fuse.release(created.entry().nodeid(), created.open().fh()), "RELEASE");
        return Verdict.pass("regular 0640 file created; its handle wrote 777 bytes to the host");
    }

    /** The entry's node is real and its attributes show {@code mode}, as the host does. */
    static Verdict entryMatches(EntryOut e, Path host, int mode) throws IOException {
        if (e.nodeid() == 0 || e.nodeid() == 1) {
            return Verdict.fail("a new node id (not 0 or 1)", "node " + e.nodeid());
        }
        int hostMode = hostMode(host);
        if (hostMode != mode) {
            return Verdict.fail("host mode " + octal(mode), octal(hostMode));
        }
        if (e.attr().mode() != mode) {
            return Verdict.fail("reply mode " + octal(mode), octal(e.attr().mode()));
        }
        return Verdict.pass("host and reply mode " + octal(mode) + ", node " + e.nodeid());
    }
}
