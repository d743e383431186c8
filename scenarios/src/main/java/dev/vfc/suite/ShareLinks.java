package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_RDONLY;
import static dev.vfc.syscall.PosixFiles.S_IFDIR;
import static dev.vfc.syscall.PosixFiles.S_IFLNK;
import static dev.vfc.syscall.PosixFiles.S_IFMT;

import dev.vfc.fuse.Attr;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.OpenOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Fixture;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Symlinks and the share's boundary. Creating a link whose target lies outside the share and
 * looking a link up are legal (conformance); using a link's node as a directory or a file (LOOKUP
 * in it, OPENDIR, OPEN) is what Linux 6.1 never does, as its VFS resolves symlinks itself
 * (fs/fuse/dir.c fuse_get_link; a symlink inode has no lookup or open), so those are hardening.
 * The links point at a directory and a file beside the share, in the scenario's own directory, so
 * the checks see what the daemon would have reached, on the host or in a container.
 */
final class ShareLinks {

    /** The directory beside the share that the "escape" link names, and its one file. */
    static final String OUTSIDE = "outside";
    static final String SECRET = "passwd";
    static final String SECRET_TEXT = "root:x:0:0:a file outside the share:/root:/bin/sh\n";

    private ShareLinks() {
    }

    /** A directory beside the share holding {@link #SECRET}, and a link {@code name} in the share to it or it. */
    static Fixture escape(String name, boolean toFile) {
        return shared -> {
            Path outside = Files.createDirectories(shared.toAbsolutePath().getParent().resolve(OUTSIDE));
            Path secret = Files.writeString(outside.resolve(SECRET), SECRET_TEXT);
            Files.createSymbolicLink(shared.resolve(name), toFile ? secret : outside);
        };
    }

    static List<Scenario> scenarios() {
        String followRule = PathSafety.INSIDE + "; a symlink is an entry of its own: LOOKUP answers for the link "
                + "itself (as lstat(2)), and Linux 6.1 resolves targets on its side (fs/fuse/dir.c fuse_get_link "
                + "reads the target with READLINK), so it never sends LOOKUP with a symlink as the parent, OPENDIR or "
                + "OPEN of one. Hardening: any errno CONTAINED; reaching the target beside the share BREACH";
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("path-safety/symlink/target-outside")
                .title("SYMLINK with an absolute target and with a \"../..\" target (both outside the share) is "
                        + "created as given, and READLINK returns the targets unchanged")
                .rule("symlink(2) (POSIX.1-2017 symlink(): \"the string pointed to by path1 shall be treated "
                        + "only as a character string and shall not be validated as a pathname\"): the target is "
                        + "stored as is and need "
                        + "not exist or lie inside the file system; the guest resolves it on its side")
                .check(ShareLinks::symlinkTargets));
        all.add(Scenario.builder("path-safety/escape-symlink/lookup")
                .title("LOOKUP of \"escape\", a symlink in the share to a directory beside it, gives the symlink's own "
                        + "entry, not the directory's")
                .rule(PathSafety.INSIDE + "; LOOKUP answers for the entry itself, as lstat(2): Linux 6.1 makes a "
                        + "symlink inode of a S_IFLNK entry and reads its target with READLINK (fs/fuse/dir.c "
                        + "fuse_lookup_name, fuse_get_link); the link exists, so LOOKUP must succeed with it")
                .fixture(escape("escape", false))
                .check(ShareLinks::escapeLookup));
        all.add(Scenario.builder("path-safety/escape-symlink/lookup-through")
                .title("LOOKUP of \"passwd\" inside \"escape\" (a symlink to a directory beside the share) never "
                        + "reaches the file there")
                .rule(followRule)
                .hardening()
                .fixture(escape("escape", false))
                .check(Containment.guarded(c -> throughEscape(c, false))));
        all.add(Scenario.builder("path-safety/escape-symlink/opendir")
                .title("OPENDIR of \"escape\" (a symlink to a directory beside the share) is refused: it would list "
                        + "that directory")
                .rule(followRule)
                .hardening()
                .fixture(escape("escape", false))
                .check(Containment.guarded(c -> throughEscape(c, true))));
        all.add(Scenario.builder("path-safety/escape-symlink/open-file")
                .title("OPEN of \"escape-file\" (a symlink in the share to a file beside it) is refused and never "
                        + "reads that file")
                .rule(followRule)
                .hardening()
                .fixture(escape("escape-file", true))
                .check(Containment.guarded(ShareLinks::openEscapeFile)));
        return all;
    }

    private static Verdict symlinkTargets(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        for (String[] link : new String[][] {{"abs-link", "/etc/passwd"}, {"rel-link", "../../outside"}}) {
            EntryOut e = Steps.require(fuse.symlink(1, link[0], link[1]), "SYMLINK \"" + link[0] + "\" -> \""
                    + link[1] + "\"");
            if ((e.attr().mode() & S_IFMT) != S_IFLNK) {
                return Verdict.fail("a symlink entry for " + link[0], "mode 0"
                        + Integer.toOctalString(e.attr().mode()));
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
        Path outside = PathSafety.beside(c).resolve(OUTSIDE);
        if (a.ino() == PathSafety.ino(outside) || (a.mode() & S_IFMT) == S_IFDIR) {
            return Verdict.fail("the symlink's own entry", "a directory (ino " + a.ino() + (a.ino() == PathSafety.ino(
                    outside) ? ", the one beside the share" : "") + "): the daemon followed the link");
        }
        if ((a.mode() & S_IFMT) != S_IFLNK) {
            return Verdict.fail("a symlink entry", "mode 0" + Integer.toOctalString(a.mode()));
        }
        return Verdict.pass("a symlink entry, size " + a.size());
    }

    /** LOOKUP "passwd" in, or OPENDIR of, the "escape" symlink: any errno, never the directory beside the share. */
    private static Verdict throughEscape(ScenarioContext c, boolean opendir) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long link = Steps.lookup(fuse, 1, "escape");
        Path outside = PathSafety.beside(c).resolve(OUTSIDE);
        if (opendir) {
            FuseReply<OpenOut> r = fuse.opendir(link);
            Verdict v = Containment.ofExchange(r.exchange());
            if (r.isOk()) {
                return Verdict.breach("OPENDIR of the link succeeded (fh " + r.value().fh() + "): the handle lists "
                        + outside + ", outside the share");
            }
            return Serving.hardening(c, v);
        }
        FuseReply<EntryOut> r = fuse.lookup(link, SECRET);
        Verdict v = Containment.ofExchange(r.exchange());
        if (r.isOk()) {
            Attr a = r.value().attr();
            return Verdict.breach("LOOKUP through the link answered with an entry (ino " + a.ino() + ")"
                    + (a.ino() == PathSafety.ino(outside.resolve(SECRET)) ? ": " + outside.resolve(SECRET)
                            + ", outside the share" : " that the share does not hold"));
        }
        return Serving.hardening(c, v);
    }

    private static Verdict openEscapeFile(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long link = Steps.lookup(fuse, 1, "escape-file");
        FuseReply<OpenOut> r = fuse.open(link, O_RDONLY);
        Verdict v = Containment.ofExchange(r.exchange());
        if (!r.isOk()) {
            return Serving.hardening(c, v);
        }
        Path secret = PathSafety.beside(c).resolve(OUTSIDE).resolve(SECRET);
        FuseReply<ByteBuffer> data = fuse.read(link, r.value().fh(), 0, 65536);
        if (data.isOk()) {
            byte[] got = new byte[data.value().remaining()];
            data.value().get(got);
            if (got.length > 0 && Arrays.equals(got, SECRET_TEXT.getBytes(StandardCharsets.UTF_8))) {
                return Verdict.breach("OPEN of the link succeeded and READ returned " + secret + ", outside the "
                        + "share (" + got.length + " bytes)");
            }
        }
        return Verdict.breach("OPEN of the link to " + secret + " succeeded (fh " + r.value().fh() + "): the daemon "
                + "opened a file outside the share");
    }
}
