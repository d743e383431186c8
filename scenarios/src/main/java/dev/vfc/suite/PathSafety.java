package dev.vfc.suite;

import dev.vfc.fuse.Attr;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.host.HostCommand;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The share's boundary. LOOKUP of names that are not one component ("a/b", absolute paths, a
 * ".." escape) and of "..", here; names that are not one component in every operation that
 * creates or moves an entry ({@link HostileNames}); symlinks in the share that point outside it
 * ({@link ShareLinks}); device nodes and FIFOs ({@link SpecialFiles}); creation in a setgid
 * directory ({@link SetgidCreation}).
 *
 * <p>Linux 6.1 never sends a name with a '/' or an absolute name: its VFS splits paths into
 * components and FUSE forwards one dentry name at a time (fs/namei.c link_path_walk, fs/fuse/dir.c
 * fuse_lookup_name), so such names are on the hardening axis. A hostile name the daemon resolved
 * to something inside the share is NON-STRICT (it should have refused the name); BREACH is kept
 * for what reaches outside the share: an entry of a file outside it, or anything created, read,
 * changed or renamed there. Every check that could escape looks at the host, not only at the
 * reply, in the scenario's own directories (the share and its parent), which a container target
 * mounts at the same paths.
 */
public final class PathSafety {

    /** A virtio-fs device exports one directory tree. */
    static final String INSIDE = "a virtio-fs device is a file system (virtio 1.3 §5.11), the directory tree the "
            + "daemon exports; nothing outside it may be reached, whatever the name";
    static final String ONE_COMPONENT = "Linux 6.1 sends one path component per name, never '/' nor an absolute "
            + "name (fs/namei.c link_path_walk splits the path; fs/fuse/dir.c fuse_lookup_name, fuse_mknod, "
            + "fuse_mkdir, fuse_symlink, fuse_link, fuse_rename2 send the dentry's name), and OVMF splits its paths "
            + "the same way (edk2-stable202211 OvmfPkg/VirtioFsDxe/Helpers.c VirtioFsLookupMostComponents), so a "
            + "name that is not one component is one no driver sends";
    static final String GRADES = "Hardening: refused with an errno and nothing made CONTAINED; the name resolved "
            + "inside the share NON-STRICT (the daemon should refuse it); anything outside the share reached, "
            + "created, changed or renamed BREACH";

    private PathSafety() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(lookups());
        all.addAll(HostileNames.scenarios());
        all.addAll(ShareLinks.scenarios());
        all.addAll(SpecialFiles.scenarios());
        all.addAll(SetgidCreation.scenarios());
        return all;
    }

    private static List<Scenario> lookups() {
        String rule = INSIDE + "; " + ONE_COMPONENT + ". " + GRADES;
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("path-safety/lookup/slash")
                .title("LOOKUP of \"a/b\" (a two-component name whose target exists in the share) is refused")
                .rule(rule)
                .hardening()
                .fixture(Fixtures.directory("a").and(Fixtures.file("a/b", 100)))
                .check(Containment.guarded(c -> lookupStaysInside(c, "a/b", null))));
        all.add(Scenario.builder("path-safety/lookup/absolute-etc")
                .title("LOOKUP of \"/etc\" is refused, never answered with the daemon's /etc")
                .rule(rule)
                .hardening()
                .check(Containment.guarded(c -> lookupStaysInside(c, "/etc", Path.of("/etc")))));
        all.add(Scenario.builder("path-safety/lookup/absolute-passwd")
                .title("LOOKUP of \"/etc/passwd\" is refused, never answered with the daemon's /etc/passwd")
                .rule(rule)
                .hardening()
                .check(Containment.guarded(c -> lookupStaysInside(c, "/etc/passwd", Path.of("/etc/passwd")))));
        all.add(Scenario.builder("path-safety/lookup/dotdot-escape")
                .title("LOOKUP of \"../../../../../../../../etc/passwd\" is refused, never answered with the daemon's "
                        + "/etc/passwd")
                .rule(rule)
                .hardening()
                .check(Containment.guarded(c -> lookupStaysInside(c, "../../../../../../../../etc/passwd",
                        Path.of("/etc/passwd")))));
        String dotDot = INSIDE + "; Linux 6.1 does send LOOKUP \"..\" to a daemon that granted "
                + "FUSE_EXPORT_SUPPORT in INIT: fs/fuse/inode.c fuse_get_parent (the export operations every "
                + "virtio-fs mount carries) looks up \"..\" of a directory and takes the entry as its parent, so "
                + "the answer must be the parent (path_resolution(7); \"..\" of the root is the root). Granted: "
                + "an errno NON-STRICT (the export lookup fails), another directory FAIL. Not granted, no driver "
                + "asks (fuse_get_parent answers -ESTALE itself): another directory in the share is NON-STRICT; "
                + "the share's "
                + "parent is FAIL either way";
        all.add(Scenario.builder("path-safety/lookup/dotdot-root")
                .title("LOOKUP of \"..\" in the root gives the root itself (nodeid 1 or the share root's inode), "
                        + "never the share's parent")
                .rule(dotDot)
                .check(c -> dotDot(c, null)));
        all.add(Scenario.builder("path-safety/lookup/dotdot-subdir")
                .title("LOOKUP of \"..\" in a subdirectory gives the share root")
                .rule(dotDot)
                .fixture(Fixtures.directory("sub"))
                .check(c -> dotDot(c, "sub")));
        return all;
    }

    /**
     * LOOKUP of {@code name} in the root: an errno is CONTAINED; an entry for a file in the share
     * NON-STRICT; an entry for anything else BREACH (named after {@code outside} when it is that).
     */
    static Verdict lookupStaysInside(ScenarioContext c, String name, Path outside) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<EntryOut> r = fuse.lookup(1, name);
        Verdict v = Containment.ofExchange(r.exchange());
        if (v.kind() == Verdict.Kind.BREACH || !r.isOk()) {
            return Serving.hardening(c, v);
        }
        Attr a = r.value().attr();
        Optional<Path> inside = inShare(c, a);
        if (inside.isPresent()) {
            return Serving.hardening(c, Verdict.nonStrict("resolved \"" + name + "\" to " + inside.get() + " inside "
                    + "the share (nodeid " + r.value().nodeid() + "); a FUSE name is one component"));
        }
        return Verdict.breach("LOOKUP of \"" + name + "\" answered with an entry outside the share (ino " + a.ino()
                + ", mode 0" + Integer.toOctalString(a.mode()) + (outside != null && sameFile(a, outside)
                        ? ", the host's " + outside : "") + ")");
    }

    /** LOOKUP ".." in the root ({@code dir} null) or in {@code dir}: the share root, or an errno. */
    static Verdict dotDot(ScenarioContext c, String dir) throws IOException {
        FuseSession fuse = c.fuse();
        boolean exported = (Steps.require(fuse.init(), "INIT").allFlags() & FuseInitFlags.EXPORT_SUPPORT) != 0;
        long parent = dir == null ? 1 : Steps.lookup(fuse, 1, dir);
        FuseReply<EntryOut> r = fuse.lookup(parent, "..");
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (!r.isOk()) {
            return Serving.conformance(c, Verdict.nonStrict("refused with " + Errno.describe(r.error())
                    + "; the share root is the rule's answer"));
        }
        EntryOut e = r.value();
        long rootIno = ino(c.shared());
        if (e.nodeid() == 1 || e.attr().ino() == rootIno) {
            return Verdict.pass("the share root (nodeid " + e.nodeid() + ", ino " + e.attr().ino() + ")");
        }
        boolean escaped = e.attr().ino() == ino(beside(c));
        String what = escaped ? "the share's parent directory on the host"
                : dir != null && e.attr().ino() == ino(c.shared().resolve(dir)) ? "\"" + dir + "\" itself (ino "
                        + e.attr().ino() + ")"
                : "ino " + e.attr().ino();
        if (!exported && !escaped) {
            return Verdict.nonStrict(what + " (nodeid " + e.nodeid() + ") for \"..\", where the share root (ino "
                    + rootIno + ") is its parent; the daemon did not grant FUSE_EXPORT_SUPPORT, so Linux 6.1 never "
                    + "asks");
        }
        return Verdict.fail("the share root (ino " + rootIno + "), as FUSE_EXPORT_SUPPORT was granted",
                what + " (nodeid " + e.nodeid() + ")");
    }

    // ---- the host side, in the scenario's own directories --------------------------------

    /** The scenario's directory: the share's parent, outside the share, where escapes land. */
    static Path beside(ScenarioContext c) {
        return c.shared().toAbsolutePath().getParent();
    }

    /** Where in the share (relative) an entry with {@code a}'s inode is, if anywhere. */
    static Optional<Path> inShare(ScenarioContext c, Attr a) throws IOException {
        Path shared = c.shared().toAbsolutePath();
        try (Stream<Path> all = Files.walk(shared)) {
            return all.filter(p -> {
                try {
                    return ino(p) == a.ino();
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().map(p -> p.equals(shared) ? Path.of(".") : shared.relativize(p));
        }
    }

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
