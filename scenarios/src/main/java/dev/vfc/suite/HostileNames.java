package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_EXCL;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names that are not one component (absolute, "../NAME", "..", "a/NAME") in every operation that
 * creates or moves an entry, and a RENAME whose old name leaves the share. All hardening (see
 * {@link PathSafety#ONE_COMPONENT}); each check looks for the entry where a daemon that took the
 * name as a path would have put it: outside the share (in the scenario's directory beside it)
 * first, then inside it.
 */
final class HostileNames {

    private HostileNames() {
    }

    /** How a name goes wrong, and where a daemon that took it as a path would have put the entry. */
    private enum BadName {
        ABSOLUTE("absolute", "an absolute path outside the share"),
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
                case DOTDOT_ESCAPE -> List.of(PathSafety.beside(c).resolve(leaf), shared.resolve(leaf));
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

    static List<Scenario> scenarios() {
        Op mkdir = new Op("mkdir", "MKDIR", (f, file, n) -> f.mkdir(1, n, 0755));
        Op create = new Op("create", "CREATE", (f, file, n) -> f.create(1, n, O_CREAT | O_EXCL | O_RDWR,
                S_IFREG | 0644));
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
        all.add(badName(symlink, BadName.ABSOLUTE, "; GHSA-2gv2-cffp-j227: the Rust virtiofsd under --sandbox none "
                + "created a symlink at an absolute host path given as the name"));
        all.add(badName(symlink, BadName.DOTDOT_ESCAPE, ""));
        all.add(badName(link, BadName.ABSOLUTE, ""));
        all.add(badName(rename2, BadName.ABSOLUTE, ""));
        all.add(badName(rename2, BadName.DOTDOT_ESCAPE, ""));
        all.add(Scenario.builder("path-safety/rename/oldname-dotdot-escape")
                .title("RENAME (opcode 12) of \"../victim\", a file beside the share, to \"stolen\" is refused and "
                        + "the file stays where it is")
                .rule(PathSafety.INSIDE + "; " + PathSafety.ONE_COMPONENT + ". " + PathSafety.GRADES)
                .hardening()
                .fixture(shared -> Files.writeString(shared.toAbsolutePath().getParent().resolve("victim"), "host"))
                .check(Containment.guarded(HostileNames::renameFromOutside)));
        return all;
    }

    private static Scenario badName(Op op, BadName bad, String advisory) {
        String leaf = "escaped-" + op.id;
        return Scenario.builder("path-safety/" + op.id + "/name-" + bad.id)
                .title(op.title + " with the name " + bad.what + " is refused and nothing appears on the host")
                .rule(PathSafety.INSIDE + "; " + PathSafety.ONE_COMPONENT + ". " + PathSafety.GRADES + advisory)
                .hardening()
                .fixture(Fixtures.file("file", 100).and(Fixtures.directory("a")))
                .check(Containment.guarded(c -> refused(c, op, bad.name(c, leaf), bad.landings(c, leaf))));
    }

    /**
     * Sends the attempt and grades it: refused with nothing made CONTAINED; made inside the share
     * (or success with nothing found) NON-STRICT; made outside the share BREACH.
     */
    static Verdict refused(ScenarioContext c, Op op, String name, List<Path> landings) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long file = Steps.lookup(fuse, 1, "file");
        FuseReply<?> r = op.attempt.send(fuse, file, name);
        Verdict reply = Containment.ofExchange(r.exchange());
        Path landing = landings.stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).findFirst()
                .orElse(null);
        String answered = r.error() == 0 ? "success" : Errno.describe(r.error());
        if (landing != null && !landing.startsWith(c.shared().toAbsolutePath())) {
            return Verdict.breach(op.title + " of \"" + name + "\" answered " + answered + ", and " + landing
                    + " now exists outside the share");
        }
        if (reply.kind() == Verdict.Kind.BREACH) {
            return reply;
        }
        if (landing != null) {
            return Serving.hardening(c, Verdict.nonStrict(op.title + " of \"" + name + "\" answered " + answered
                    + ", and " + c.shared().toAbsolutePath().relativize(landing) + " now exists inside the share: the "
                    + "name was resolved as a path"));
        }
        return Serving.hardening(c, reply);
    }

    private static Verdict renameFromOutside(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Path victim = PathSafety.beside(c).resolve("victim");
        FuseReply<Void> r = Removals.rename(fuse, 1, "../victim", 1, "stolen");
        Verdict reply = Containment.ofExchange(r.exchange());
        boolean moved = !Files.exists(victim, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(c.shared().resolve("stolen"), LinkOption.NOFOLLOW_LINKS);
        if (moved) {
            return Verdict.breach("RENAME of \"../victim\" answered " + (r.error() == 0 ? "success"
                    : Errno.describe(r.error())) + ", and " + victim + ", beside the share, was moved"
                    + (Files.exists(c.shared().resolve("stolen"), LinkOption.NOFOLLOW_LINKS)
                            ? " into the share as \"stolen\"" : ""));
        }
        return Serving.hardening(c, reply);
    }
}
