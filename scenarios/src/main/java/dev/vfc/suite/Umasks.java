package dev.vfc.suite;

import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.DIR;
import static dev.vfc.suite.Steps.need;
import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFDIR;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.InitOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The umask Linux passes in MKDIR, MKNOD and CREATE. A FUSE superblock is always SB_POSIXACL, so
 * the VFS never masks a new entry's mode (Linux 6.1 fs/fuse/inode.c fuse_fill_super_common:
 * "Handle umasking inside the fuse code"); fs/fuse/dir.c then masks it itself unless the daemon
 * granted FUSE_DONT_MASK, and sends the caller's umask either way. A daemon that grants
 * DONT_MASK therefore receives the unmasked mode and must apply the umask as mkdir(2) and open(2)
 * do; one that does not receives a mode already masked, and these scenarios have nothing to test.
 */
final class Umasks {

    /** A umask no daemon's own process umask (022 by default) covers: a daemon ignoring it shows. */
    static final int UMASK = 027;

    private static final String RULE = "with FUSE_DONT_MASK granted Linux 6.1 sends the mode unmasked and the "
            + "caller's umask beside it (fs/fuse/dir.c fuse_mkdir, fuse_mknod, fuse_create_open: \"if "
            + "(!fm->fc->dont_mask) mode &= ~current_umask()\"; fs/fuse/inode.c fuse_fill_super_common), so the "
            + "entry must be made as mkdir(2)/open(2) make it under that umask: mode & ~umask";

    /** One entry-making request, sent with {@code mode} and {@link #UMASK}; returns its entry. */
    private interface Make {
        EntryOut send(FuseSession fuse, int mode);
    }

    private Umasks() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("metadata/mkdir/umask")
                .title("MKDIR 0777 with umask 027, as Linux sends it to a daemon that granted FUSE_DONT_MASK, makes "
                        + "a 0750 directory")
                .rule(RULE)
                .check(c -> applied(c, DIR, S_IFDIR, 0777,
                        (fuse, mode) -> need(fuse.mkdir(1, DIR, mode, UMASK), "MKDIR"))));
        all.add(Scenario.builder("metadata/mknod/umask")
                .title("MKNOD S_IFREG|0666 with umask 027, as Linux sends it to a daemon that granted "
                        + "FUSE_DONT_MASK, makes a 0640 file")
                .rule(RULE)
                .check(c -> applied(c, A, S_IFREG, 0666,
                        (fuse, mode) -> need(fuse.mknod(1, A, S_IFREG | mode, 0, UMASK), "MKNOD"))));
        all.add(Scenario.builder("metadata/create/umask")
                .title("CREATE 0666 with umask 027, as Linux sends it to a daemon that granted FUSE_DONT_MASK, makes "
                        + "a 0640 file")
                .rule(RULE)
                .check(c -> applied(c, A, S_IFREG, 0666, (fuse, mode) -> need(
                        fuse.create(1, A, O_CREAT | O_RDWR, S_IFREG | mode, UMASK), "CREATE").entry())));
        return all;
    }

    /**
     * INIT; with DONT_MASK granted, {@code make} the entry with {@code mode} and the umask, and
     * hold host and reply to {@code type | mode & ~umask}; without it, UNSUPPORTED.
     */
    private static Verdict applied(ScenarioContext c, String name, int type, int mode, Make make) throws IOException {
        FuseSession fuse = c.fuse();
        InitOut init = Steps.require(fuse.init(), "INIT");
        if ((init.allFlags() & FuseInitFlags.DONT_MASK) == 0) {
            return Verdict.unsupported("the daemon did not grant FUSE_DONT_MASK, so Linux 6.1 applies the umask "
                    + "itself and sends the mode already masked");
        }
        EntryOut e = make.send(fuse, mode);
        Verdict v = Entries.entryMatches(e, c.shared().resolve(name), type | (mode & ~UMASK));
        return v.kind() == Verdict.Kind.PASS ? Verdict.pass("umask " + HostFiles.octal(UMASK) + " applied: "
                + v.detail()) : v;
    }
}
