package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_EXCL;
import static dev.vfc.syscall.PosixFiles.O_RDONLY;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.O_WRONLY;
import static dev.vfc.syscall.PosixFiles.S_IFCHR;
import static dev.vfc.syscall.PosixFiles.S_IFDIR;
import static dev.vfc.syscall.PosixFiles.S_IFIFO;
import static dev.vfc.syscall.PosixFiles.S_IFLNK;
import static dev.vfc.syscall.PosixFiles.S_IFMT;
import static dev.vfc.syscall.PosixFiles.S_IFREG;
import static dev.vfc.syscall.PosixFiles.S_ISGID;

import dev.vfc.host.HostCommand;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.OpenOut;
import dev.vfc.scenario.Fixture;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The share's boundary: names that are not one plain component ("a/b", "..", ".", absolute
 * paths) in LOOKUP and in every operation that creates or moves an entry; a symlink in the
 * share that points outside it; device nodes and FIFOs (CVE-2020-35517); SYMLINK with an
 * absolute name (CVE-2026-47243); and creation in a setgid directory by a guest user outside
 * the directory's group (CVE-2022-0358). Every check that could escape looks at the host, not
 * only at the reply: a wrongly created entry is searched for where it would have landed.
 */
public final class PathSafety {

    /** makedev(1, 3), /dev/null, as the kernel encodes rdev for FUSE (new_encode_dev). */
    static final int DEV_NULL = (1 << 8) | 3;
    /** A guest user with no business in the setgid directory's group. */
    static final int GUEST_UID = 1000;
    static final int GUEST_GID = 1000;
    static final int OTHER_GROUP = 4242;

    static final String SAFE_COMPONENT = "a name in a request that creates, links or renames an entry must be one "
            + "plain component: the C virtiofsd's is_safe_path_component (passthrough_ll.c) answers EINVAL for a '/', "
            + "\".\" or \"..\" (reference/daemons.md §3.2); Linux's VFS only ever sends single components "
            + "(fs/fuse/dir.c); EINVAL is PASS, another refusal NON-STRICT, success FAIL";
    static final String INSIDE = "a virtio-fs daemon exports one host directory (virtio 1.3 §5.11: the device is a "
            + "file system, the share); nothing outside it may be reached, whatever the name";

    private PathSafety() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(lookups());
        all.addAll(badNames());
        all.addAll(symlinks());
        all.addAll(specialFiles());
        all.addAll(setgid());
        return all;
    }

    // ---- LOOKUP ------------------------------------------------------------------------

    private static List<Scenario> lookups() {
        String lookupRule = INSIDE + "; FUSE_LOOKUP carries one name (fs/fuse/dir.c fuse_lookup_name); for a name "
                + "with '/' ENOENT and EINVAL (the C virtiofsd's lo_lookup) are both PASS, another errno NON-STRICT, "
                + "an entry for a host file outside the share FAIL";
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("path-safety/lookup/slash")
                .title("LOOKUP of \"a/b\" (a two-component name whose target exists in the share) gets ENOENT or "
                        + "EINVAL")
                .rule(lookupRule + "; resolving it to a/b inside the share is NON-STRICT")
                .fixture(Fixtures.directory("a").and(Fixtures.file("a/b", 100)))
                .check(c -> lookupStaysInside(c, "a/b", null, c.shared().resolve("a/b"))));
        all.add(Scenario.builder("path-safety/lookup/absolute-etc")
                .title("LOOKUP of \"/etc\" gets ENOENT or EINVAL, never the host's /etc")
                .rule(lookupRule)
                .check(c -> lookupStaysInside(c, "/etc", Path.of("/etc"), null)));
        all.add(Scenario.builder("path-safety/lookup/absolute-passwd")
                .title("LOOKUP of \"/etc/passwd\" gets ENOENT or EINVAL, never the host's /etc/passwd")
                .rule(lookupRule)
                .check(c -> lookupStaysInside(c, "/etc/passwd", Path.of("/etc/passwd"), null)));
        all.add(Scenario.builder("path-safety/lookup/dotdot-escape")
                .title("LOOKUP of \"../../../../../../../../etc/passwd\" gets ENOENT or EINVAL, never the host's "
                        + "/etc/passwd")
                .rule(lookupRule)
                .check(c -> lookupStaysInside(c, "../../../../../../../../etc/passwd", Path.of("/etc/passwd"), null)));
        all.add(Scenario.builder("path-safety/lookup/dotdot-root")
                .title("LOOKUP of \"..\" in the root gives the root itself (nodeid 1 or the share root's inode), "
                        + "never the share's parent")
                .rule(INSIDE + "; \"..\" of a mount's root is the root (path_resolution(7)); the kernel looks \"..\" "
                        + "up only for NFS export (fs/fuse/inode.c fuse_get_parent); an errno is NON-STRICT, the "
                        + "share's parent FAIL")
                .check(c -> dotDot(c, null)));
        all.add(Scenario.builder("path-safety/lookup/dotdot-subdir")
                .title("LOOKUP of \"..\" in a subdirectory gives the share root")
                .rule(INSIDE + "; \"..\" names the parent directory (path_resolution(7)); an errno is NON-STRICT, "
                        + "any other directory FAIL")
                .fixture(Fixtures.directory("sub"))
                .check(c -> dotDot(c, "sub")));
        return all;
    }

    /**
     * LOOKUP of {@code name} in the root: an errno, never the host file {@code outside}; the
     * file {@code inside} (a legitimate in-share target of a multi-component name) is NON-STRICT.
     */
    static Verdict lookupStaysInside(ScenarioContext c, String name, Path outside, Path inside) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<EntryOut> r = fuse.lookup(1, name);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        Verdict v;
        if (!r.isOk()) {
            v = r.error() == -Errno.ENOENT.number() || r.error() == -Errno.EINVAL.number()
                    ? Verdict.pass(Errno.describe(r.error()))
                    : Verdict.nonStrict("refused with " + Errno.describe(r.error()) + "; ENOENT or EINVAL is the rule's "
                            + "answer");
        } else {
            Attr a = r.value().attr();
            if (outside != null && sameFile(a, outside)) {
                return Verdict.fail("ENOENT or EINVAL", "the entry of the host's " + outside + " (ino " + a.ino()
                        + "), outside the share");
            }
            if (inside != null && sameFile(a, inside)) {
                v = Verdict.nonStrict("resolved \"" + name + "\" to " + c.shared().relativize(inside) + " inside the "
                        + "share; a FUSE name is one component, ENOENT or EINVAL is the rule's answer");
            } else {
                return Verdict.fail("ENOENT or EINVAL", "an entry (ino " + a.ino() + ", mode 0" + Integer.toOctalString(
                        a.mode()) + ") for a name the share does not hold");
            }
        }
        return Expect.firstOf(Expect.stillServing(c), () -> v);
    }

    /** LOOKUP ".." in the root ({@code dir} null) or in {@code dir}: the share root, or an errno. */
    static Verdict dotDot(ScenarioContext c, String dir) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long parent = dir == null ? 1 : Steps.lookup(fuse, 1, dir);
        FuseReply<EntryOut> r = fuse.lookup(parent, "..");
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (!r.isOk()) {
            return Expect.firstOf(Expect.stillServing(c), () -> Verdict.nonStrict("refused with "
                    + Errno.describe(r.error()) + "; the share root is the rule's answer"));
        }
        EntryOut e = r.value();
        long rootIno = ino(c.shared());
        if (e.nodeid() == 1 || e.attr().ino() == rootIno) {
            return Verdict.pass("the share root (nodeid " + e.nodeid() + ", ino " + e.attr().ino() + ")");
        }
        String what = e.attr().ino() == ino(c.shared().getParent()) ? "the share's parent directory on the host"
                : dir != null && e.attr().ino() == ino(c.shared().resolve(dir)) ? "\"" + dir + "\" itself (ino "
                        + e.attr().ino() + ")"
                : "ino " + e.attr().ino();
        return Verdict.fail("the share root (ino " + rootIno + ")", what + " (nodeid " + e.nodeid() + ")");
    }

    // ---- names that are not one component in creating operations -------------------------

    /** How a name goes wrong, and where on the host a daemon that took it would have put the entry. */
    private enum BadName {
        ABSOLUTE("absolute", "an absolute host path outside the share"),
        DOTDOT_ESCAPE("dotdot-escape", "\"../NAME\", the share's parent"),
        DOTDOT("dotdot", "\"..\""),
        SLASH("slash", "\"a/NAME\", a subdirectory");

        final String id;
        final String what;

        BadName(String id, String what) {
            this.id = id;
            this.what = what;
        }

        String name(ScenarioContext c, String leaf) {
            return switch (this) {
                case ABSOLUTE -> landings(c, leaf).get(0).toString();
                case DOTDOT_ESCAPE -> "../" + leaf;
                case DOTDOT -> "..";
                case SLASH -> "a/" + leaf;
            };
        }

        /**
         * Where the entry lands if the daemon takes the name as a path: outside the share first,
         * then inside it, where a daemon resolving the name beneath the share (RESOLVE_IN_ROOT)
         * puts it; empty when nothing can land.
         */
        List<Path> landings(ScenarioContext c, String leaf) {
            Path shared = c.shared().toAbsolutePath();
            return switch (this) {
                case ABSOLUTE -> List.of(c.work().toAbsolutePath().resolve(leaf),
                        shared.resolve(c.work().toAbsolutePath().resolve(leaf).toString().substring(1)));
                case DOTDOT_ESCAPE -> List.of(shared.getParent().resolve(leaf), shared.resolve(leaf));
                case DOTDOT -> List.of();
                case SLASH -> List.of(shared.resolve("a").resolve(leaf));
            };
        }
    }

    /** One creating operation, sent with {@code name}; {@code file} is the fixture file's node. */
    private interface Attempt {
        FuseReply<?> send(FuseSession fuse, long file, String name);
    }

    private record Op(String id, String title, Attempt attempt) {
    }

    private static List<Scenario> badNames() {
        Op mkdir = new Op("mkdir", "MKDIR", (f, file, n) -> f.mkdir(1, n, 0755));
        Op create = new Op("create", "CREATE", (f, file, n) -> f.create(1, n, O_CREAT | O_EXCL | O_RDWR, S_IFREG | 0644));
        Op mknod = new Op("mknod", "MKNOD of a regular file", (f, file, n) -> f.mknod(1, n, S_IFREG | 0644, 0));
        Op symlink = new Op("symlink", "SYMLINK (as the link's name)", (f, file, n) -> f.symlink(1, n, "target"));
        Op link = new Op("link", "LINK (as the new name)", (f, file, n) -> f.link(file, 1, n));
        Op rename2 = new Op("rename2", "RENAME2 of \"file\" (as the new name)", (f, file, n) -> f.rename2(1, "file", 1,
                n, 0));
        List<Scenario> all = new ArrayList<>();
        all.add(badName(mkdir, BadName.ABSOLUTE, ""));
        all.add(badName(mkdir, BadName.DOTDOT_ESCAPE, ""));
        all.add(badName(mkdir, BadName.DOTDOT, ""));
        all.add(badName(mkdir, BadName.SLASH, ""));
        all.add(badName(create, BadName.ABSOLUTE, ""));
        all.add(badName(create, BadName.DOTDOT_ESCAPE, ""));
        all.add(badName(mknod, BadName.DOTDOT_ESCAPE, ""));
        all.add(badName(symlink, BadName.ABSOLUTE, "; CVE-2026-47243: the Rust virtiofsd under --sandbox none "
                + "created a symlink at an absolute host path given as the name (reference/daemons.md §5)"));
        all.add(badName(symlink, BadName.DOTDOT_ESCAPE, ""));
        all.add(badName(link, BadName.ABSOLUTE, ""));
        all.add(badName(rename2, BadName.ABSOLUTE, ""));
        all.add(badName(rename2, BadName.DOTDOT_ESCAPE, ""));
        all.add(Scenario.builder("path-safety/rename/oldname-dotdot-escape")
                .title("RENAME (opcode 12) of \"../victim\", a host file beside the share, to \"stolen\" is refused "
                        + "and the host file stays where it is")
                .rule(INSIDE + "; " + SAFE_COMPONENT)
                .fixture(shared -> Files.writeString(shared.toAbsolutePath().getParent().resolve("victim"), "host"))
                .check(PathSafety::renameFromOutside));
        return all;
    }

    private static Scenario badName(Op op, BadName bad, String cve) {
        String leaf = "escaped-" + op.id;
        return Scenario.builder("path-safety/" + op.id + "/name-" + bad.id)
                .title(op.title + " with the name " + bad.what + " is refused with EINVAL and nothing appears on the "
                        + "host")
                .rule(SAFE_COMPONENT + "; " + INSIDE + cve)
                .fixture(Fixtures.file("file", 100).and(Fixtures.directory("a")))
                .check(c -> refused(c, op, bad.name(c, leaf), bad.landings(c, leaf),
                        cve.isEmpty() ? " (the CVE-2026-47243 class: a name taken as a host path)"
                                : " (CVE-2026-47243)"));
    }

    /** Sends the attempt and judges it: EINVAL PASS, another errno NON-STRICT, success or a host entry FAIL. */
    static Verdict refused(ScenarioContext c, Op op, String name, List<Path> landings, String cve) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long file = Steps.lookup(fuse, 1, "file");
        FuseReply<?> r = op.attempt.send(fuse, file, name);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        Path landing = landings.stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).findFirst()
                .orElse(null);
        boolean landed = landing != null;
        String where = !landed ? "" : ", and " + landing + " now exists on the host" + (landing.startsWith(
                c.shared().toAbsolutePath()) ? " (inside the share: the name was resolved as a path)"
                : ", outside the share" + cve);
        if (r.error() == 0) {
            return Verdict.fail("EINVAL for \"" + name + "\"", "success" + where);
        }
        if (landed) {
            return Verdict.fail("nothing created for \"" + name + "\"", Errno.describe(r.error()) + where);
        }
        Verdict v = r.error() == -Errno.EINVAL.number() ? Verdict.pass(Errno.describe(r.error()))
                : Verdict.nonStrict("refused with " + Errno.describe(r.error()) + "; EINVAL is the rule's answer "
                        + "(is_safe_path_component)");
        return Expect.firstOf(Expect.stillServing(c), () -> v);
    }

    private static Verdict renameFromOutside(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Path victim = c.shared().toAbsolutePath().getParent().resolve("victim");
        FuseReply<Void> r = Metadata.rename(fuse, 1, "../victim", 1, "stolen");
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        boolean moved = !Files.exists(victim) || Files.exists(c.shared().resolve("stolen"), LinkOption.NOFOLLOW_LINKS);
        if (r.error() == 0 || moved) {
            return Verdict.fail("EINVAL, the host file left alone", Errno.describe(r.error())
                    + (moved ? "; " + victim + " was moved into the share as \"stolen\"" : ""));
        }
        Verdict v = r.error() == -Errno.EINVAL.number() ? Verdict.pass(Errno.describe(r.error()))
                : Verdict.nonStrict("refused with " + Errno.describe(r.error()) + "; EINVAL is the rule's answer");
        return Expect.firstOf(Expect.stillServing(c), () -> v);
    }

    // ---- symlinks ----------------------------------------------------------------------

    private static List<Scenario> symlinks() {
        String followRule = INSIDE + "; a symlink is an entry of its own: LOOKUP answers for the link itself "
                + "(as lstat(2)), and the guest's VFS resolves targets on its side (fs/fuse/dir.c fuse_get_link), so "
                + "the daemon never follows one on the host; refusing with any errno is PASS";
        Fixture escape = Fixtures.symlink("escape", "/etc");
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("path-safety/symlink/target-outside")
                .title("SYMLINK with an absolute target and with a \"../..\" target (both outside the share) is "
                        + "created as given, and READLINK returns the targets unchanged")
                .rule("symlink(2): the target is stored as is and need not exist or lie inside the file system; only "
                        + "the link's name is checked (is_safe_path_component checks the name, not the target); "
                        + "the guest resolves the target on its side")
                .check(PathSafety::symlinkTargets));
        all.add(Scenario.builder("path-safety/escape-symlink/lookup")
                .title("LOOKUP of \"escape\", a symlink in the share to /etc, gives the symlink's own entry, not /etc")
                .rule(followRule.replace("; refusing with any errno is PASS", "; the link exists, so LOOKUP must "
                        + "succeed"))
                .fixture(escape)
                .check(PathSafety::escapeLookup));
        all.add(Scenario.builder("path-safety/escape-symlink/lookup-through")
                .title("LOOKUP of \"passwd\" inside \"escape\" (a symlink to /etc) never reaches the host's "
                        + "/etc/passwd")
                .rule(followRule)
                .fixture(escape)
                .check(c -> throughEscape(c, false)));
        all.add(Scenario.builder("path-safety/escape-symlink/opendir")
                .title("OPENDIR of \"escape\" (a symlink to /etc) is refused: it would list the host's /etc")
                .rule(followRule)
                .fixture(escape)
                .check(c -> throughEscape(c, true)));
        all.add(Scenario.builder("path-safety/escape-symlink/open-file")
                .title("OPEN of \"escape-file\" (a symlink in the share to /etc/passwd) is refused and never reads "
                        + "the host's /etc/passwd")
                .rule(followRule + "; Linux never sends OPEN for a symlink (fs/fuse/file.c), OVMF cannot open one "
                        + "(ovmf-virtiofsdxe.md §7.6)")
                .fixture(Fixtures.symlink("escape-file", "/etc/passwd"))
                .check(PathSafety::openEscapeFile));
        return all;
    }

    private static Verdict symlinkTargets(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        for (String[] link : new String[][] {{"abs-link", "/etc/passwd"}, {"rel-link", "../../outside"}}) {
            EntryOut e = Steps.require(fuse.symlink(1, link[0], link[1]), "SYMLINK \"" + link[0] + "\" -> \""
                    + link[1] + "\"");
            if ((e.attr().mode() & S_IFMT) != S_IFLNK) {
                return Verdict.fail("a symlink entry for " + link[0], "mode 0" + Integer.toOctalString(e.attr().mode()));
            }
            Path host = c.shared().resolve(link[0]);
            if (!Files.isSymbolicLink(host) || !Files.readSymbolicLink(host).toString().equals(link[1])) {
                return Verdict.fail("a host symlink " + link[0] + " -> " + link[1], Files.isSymbolicLink(host)
                        ? "-> " + Files.readSymbolicLink(host) : "no symlink");
            }
            ByteBuffer target = Steps.require(fuse.readlink(e.nodeid()), "READLINK of " + link[0]);
            String got = StandardCharsets.UTF_8.decode(target).toString();
            if (!got.equals(link[1])) {
                return Verdict.fail("READLINK \"" + link[1] + "\"", "\"" + got + "\"");
            }
        }
        return Verdict.pass("both links created with their targets unchanged");
    }

    private static Verdict escapeLookup(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Attr a = Steps.entry(fuse, 1, "escape").attr();
        if (sameFile(a, Path.of("/etc")) || (a.mode() & S_IFMT) == S_IFDIR) {
            return Verdict.fail("the symlink's own entry", "a directory (ino " + a.ino() + (sameFile(a, Path.of("/etc"))
                    ? ", the host's /etc" : "") + "): the daemon followed the link");
        }
        if ((a.mode() & S_IFMT) != S_IFLNK) {
            return Verdict.fail("a symlink entry", "mode 0" + Integer.toOctalString(a.mode()));
        }
        return Verdict.pass("a symlink entry, size " + a.size());
    }

    /** LOOKUP "passwd" in, or OPENDIR of, the "escape" symlink: any errno, never the host's /etc. */
    private static Verdict throughEscape(ScenarioContext c, boolean opendir) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long link = Steps.lookup(fuse, 1, "escape");
        if (opendir) {
            FuseReply<OpenOut> r = fuse.opendir(link);
            Verdict broken = Expect.transport(r.exchange());
            if (broken != null) {
                return broken;
            }
            if (r.isOk()) {
                return Verdict.fail("an errno", "OPENDIR succeeded: the handle lists the host's /etc");
            }
            return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass(Errno.describe(r.error())));
        }
        FuseReply<EntryOut> r = fuse.lookup(link, "passwd");
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.isOk()) {
            Attr a = r.value().attr();
            return Verdict.fail("an errno", sameFile(a, Path.of("/etc/passwd")) ? "the entry of the host's /etc/passwd"
                    : "an entry (ino " + a.ino() + ") through a symlink");
        }
        return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass(Errno.describe(r.error())));
    }

    private static Verdict openEscapeFile(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long link = Steps.lookup(fuse, 1, "escape-file");
        FuseReply<OpenOut> r = fuse.open(link, O_RDONLY);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (!r.isOk()) {
            return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass(Errno.describe(r.error())));
        }
        FuseReply<ByteBuffer> data = fuse.read(link, r.value().fh(), 0, 65536);
        byte[] host = Files.readAllBytes(Path.of("/etc/passwd"));
        if (data.isOk()) {
            byte[] got = new byte[data.value().remaining()];
            data.value().get(got);
            if (got.length > 0 && Arrays.equals(got, Arrays.copyOf(host, Math.min(host.length, got.length)))) {
                return Verdict.fail("an errno", "OPEN succeeded and READ returned the host's /etc/passwd ("
                        + got.length + " bytes)");
            }
        }
        return Verdict.fail("an errno", "OPEN of a symlink to /etc/passwd succeeded (fh " + r.value().fh() + ")");
    }

    // ---- device nodes and FIFOs (CVE-2020-35517) ---------------------------------------

    private static List<Scenario> specialFiles() {
        String cve = "CVE-2020-35517 (reference/daemons.md §5): a daemon running as root that opens a device node "
                + "or FIFO in the share hands the guest the host's device; both reference daemons now refuse to "
                + "open special files (Linux never sends OPEN for them: the guest's VFS serves them with "
                + "init_special_inode, fs/fuse/inode.c)";
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("path-safety/device/mknod-open")
                .title("MKNOD of a character device (1,3, the host's /dev/null) as root, then OPEN of it: MKNOD may "
                        + "be refused, OPEN must be")
                .rule(cve + "; refusing MKNOD (EPERM) is PASS too, an OPEN that succeeds FAIL")
                .check(c -> makeThenOpen(c, S_IFCHR | 0666, DEV_NULL, O_RDWR, "a character device")));
        all.add(Scenario.builder("path-safety/device/open-existing")
                .title("OPEN of a character device node (1,3) that the host put in the share is refused")
                .rule(cve + "; an OPEN that succeeds is FAIL")
                .fixture(shared -> runQuietly("mknod", shared.resolve("null").toString(), "c", "1", "3"))
                .check(c -> openExisting(c, "null", O_RDWR, "a character device")));
        all.add(Scenario.builder("path-safety/fifo/mknod-open")
                .title("MKNOD of a FIFO, then OPEN O_RDONLY of it: refused, and the daemon does not block")
                .rule(cve + "; opening a FIFO with no writer blocks (fifo(7)), so a daemon that opens it hangs a "
                        + "worker: TIMEOUT; refusing MKNOD is PASS too, an OPEN that succeeds FAIL")
                .check(c -> makeThenOpen(c, S_IFIFO | 0666, 0, O_RDONLY, "a FIFO")));
        all.add(Scenario.builder("path-safety/fifo/create-existing")
                .title("CREATE without O_EXCL, O_WRONLY, of a name that is a FIFO on the host: refused, and the "
                        + "daemon does not block")
                .rule(cve + "; the fix for it made CREATE use O_EXCL and refuse special files it finds instead of "
                        + "opening them; opening a FIFO O_WRONLY with no reader blocks (fifo(7)): TIMEOUT; "
                        + "a CREATE that succeeds is FAIL")
                .fixture(shared -> runQuietly("mkfifo", shared.resolve("fifo").toString()))
                .check(PathSafety::createOverFifo));
        return all;
    }

    /** MKNOD {@code mode} in the root, then OPEN it with {@code flags}: OPEN must fail (or MKNOD already). */
    private static Verdict makeThenOpen(ScenarioContext c, int mode, int rdev, int flags, String what) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<EntryOut> made = fuse.mknod(1, "special", mode, rdev);
        Verdict broken = Expect.transport(made.exchange());
        if (broken != null) {
            return broken;
        }
        if (!made.isOk()) {
            return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass("MKNOD refused with "
                    + Errno.describe(made.error()) + ": no " + what + " to open"));
        }
        return openMustFail(c, made.value().nodeid(), flags, what, "MKNOD made it; ");
    }

    private static Verdict openExisting(ScenarioContext c, String name, int flags, String what) {
        if (!Files.exists(c.shared().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return new Verdict.Skipped("the fixture could not create " + what + " on the host (needs root)");
        }
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        return openMustFail(c, Steps.lookup(fuse, 1, name), flags, what, "");
    }

    private static Verdict openMustFail(ScenarioContext c, long node, int flags, String what, String before) {
        FuseReply<OpenOut> r = c.fuse().open(node, flags);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.isOk()) {
            return Verdict.fail("OPEN of " + what + " refused (CVE-2020-35517)", "OPEN succeeded (fh " + r.value().fh()
                    + "): the daemon opened the host's " + what);
        }
        return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass(before + "OPEN refused with "
                + Errno.describe(r.error())));
    }

    private static Verdict createOverFifo(ScenarioContext c) {
        if (!Files.exists(c.shared().resolve("fifo"), LinkOption.NOFOLLOW_LINKS)) {
            return new Verdict.Skipped("the fixture could not create a FIFO on the host");
        }
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<FuseSession.Created> r = fuse.create(1, "fifo", O_CREAT | O_WRONLY, S_IFREG | 0644);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.isOk()) {
            return Verdict.fail("CREATE over a FIFO refused", "success (fh " + r.value().open().fh()
                    + "): the daemon opened the host's FIFO");
        }
        return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass("refused with " + Errno.describe(r.error())));
    }

    // ---- setgid directories (CVE-2022-0358) --------------------------------------------

    /**
     * A guest user creates in a setgid directory whose group it is not in. The rule (Linux
     * fs/inode.c inode_init_owner and mode_strip_sgid, as open(2) and mkdir(2) describe it):
     * the new entry takes the directory's group; a new directory also takes S_ISGID; a new
     * non-directory keeps a requested S_ISGID only if the creator is in that group or has
     * CAP_FSETID. A daemon that creates as the caller (fsuid/fsgid switched, so the kernel drops
     * CAP_FSETID) and holds no supplementary groups gets exactly that. CVE-2022-0358 was the
     * daemon's own supplementary groups deciding "in that group": the file kept S_ISGID. The
     * check can only catch that when the directory's group is one the daemon holds, so one
     * variant uses the group the daemon runs as (root's, which root usually also holds as a
     * supplementary group, and which a daemon that never switches fsgid keeps); the other a
     * group (4242) nobody holds, which catches a daemon that creates as root (CAP_FSETID kept).
     */
    private static List<Scenario> setgid() {
        int daemonGroup = daemonGroup();
        String rule = "Linux fs/inode.c inode_init_owner and mode_strip_sgid (open(2), mkdir(2)): in a setgid "
                + "directory a new entry takes the directory's group, and a new non-directory keeps a requested "
                + "S_ISGID only when the creator is in that group or has CAP_FSETID; a passthrough daemon creates as "
                + "the caller (fuse_in_header uid/gid, as both reference daemons switch fsuid/fsgid). CVE-2022-0358 "
                + "(reference/daemons.md §5): a root daemon's supplementary groups counted as the guest user's and "
                + "the file kept S_ISGID; fix: drop them";
        List<Scenario> all = new ArrayList<>();
        all.add(setgidScenario("create/group-4242", "CREATE", OTHER_GROUP, rule));
        all.add(setgidScenario("create/daemon-group", "CREATE", daemonGroup, rule + "; the directory's group is the "
                + "one the daemon runs as (" + daemonGroup + "), so a daemon that keeps it as a supplementary group "
                + "or never switches fsgid is caught"));
        all.add(setgidScenario("mknod/daemon-group", "MKNOD", daemonGroup, rule + "; the directory's group is the "
                + "one the daemon runs as (" + daemonGroup + ")"));
        all.add(setgidScenario("mkdir/group-4242", "MKDIR", OTHER_GROUP, rule + "; a new directory inherits "
                + "S_ISGID as well as the group (mkdir(2))"));
        return all;
    }

    private static Scenario setgidScenario(String id, String op, int group, String rule) {
        boolean dir = op.equals("MKDIR");
        return Scenario.builder("path-safety/setgid/" + id)
                .title(op + " as uid " + GUEST_UID + "/gid " + GUEST_GID + " in a setgid directory of group " + group
                        + (dir ? ": the new directory gets group " + group + " and S_ISGID"
                                : " with mode 02755: the new file gets group " + group + " and loses S_ISGID"))
                .rule(rule)
                .fixture(shared -> {
                    Path d = Files.createDirectory(shared.resolve("sgid"));
                    Files.setAttribute(d, "unix:gid", group);
                    Files.setAttribute(d, "unix:mode", 02777);
                })
                .check(c -> createInSetgid(c, op, group));
    }

    private static Verdict createInSetgid(ScenarioContext c, String op, int group) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long dir = Steps.lookup(fuse, 1, "sgid");
        fuse.as(GUEST_UID, GUEST_GID);
        String what = op + " as uid " + GUEST_UID + " in the setgid directory";
        String name = op.equals("MKDIR") ? "d" : "f";
        switch (op) {
            case "CREATE" -> {
                FuseSession.Created made = Steps.require(fuse.create(dir, name, O_CREAT | O_EXCL | O_RDWR,
                        S_IFREG | 02755), what);
                fuse.release(made.entry().nodeid(), made.open().fh());
            }
            case "MKNOD" -> Steps.require(fuse.mknod(dir, name, S_IFREG | 02755, 0), what);
            default -> Steps.require(fuse.mkdir(dir, name, 0777), what);
        }
        Map<String, Object> host = Files.readAttributes(c.shared().resolve("sgid").resolve(name),
                "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) host.get("uid");
        int gid = (Integer) host.get("gid");
        int mode = (Integer) host.get("mode");
        String got = "uid " + uid + ", gid " + gid + ", mode 0" + Integer.toOctalString(mode);
        if (op.equals("MKDIR")) {
            if (gid != group || (mode & S_ISGID) == 0) {
                return Verdict.fail("a directory of group " + group + " with S_ISGID (inherited)", got);
            }
        } else {
            if ((mode & S_ISGID) != 0) {
                return Verdict.fail("S_ISGID dropped: uid " + GUEST_UID + " is not in group " + group,
                        got + ", S_ISGID kept (CVE-2022-0358)");
            }
            if (gid != group) {
                return Verdict.fail("group " + group + " (the setgid directory's)", got);
            }
        }
        if (uid != GUEST_UID) {
            return Verdict.fail("owner uid " + GUEST_UID + " (the caller)", got);
        }
        return Verdict.pass(got);
    }

    // ---- host-side helpers -------------------------------------------------------------

    /** The group the daemons run as: the harness's own, which they inherit. */
    static int daemonGroup() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).intValue();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long ino(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    /** Whether {@code a} describes the host file {@code p} (same inode number and size). */
    static boolean sameFile(Attr a, Path p) throws IOException {
        if (!Files.exists(p)) {
            return false;
        }
        Map<String, Object> s = Files.readAttributes(p, "unix:ino,size");
        return ((Number) s.get("ino")).longValue() == a.ino() && ((Number) s.get("size")).longValue() == a.size();
    }

    /** Runs a host command for a fixture; a failure only shows as a missing file (the check then SKIPs). */
    static void runQuietly(String... command) {
        try {
            HostCommand.run(List.of(command), Path.of("/"), Duration.ofSeconds(10));
        } catch (IOException e) {
            // the file the command should have made is missing, and the check says so
        }
    }
}
