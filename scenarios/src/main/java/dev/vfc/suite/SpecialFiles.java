package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_RDONLY;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.O_WRONLY;
import static dev.vfc.syscall.PosixFiles.S_IFCHR;
import static dev.vfc.syscall.PosixFiles.S_IFIFO;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.OpenOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Device nodes and FIFOs in the share (CVE-2020-35517). Making them is legal; opening them through
 * the daemon is not what a driver does: Linux 6.1 gives a special file's inode to its own VFS
 * (fs/fuse/inode.c fuse_init_inode calls init_special_inode, so the guest's device drivers and
 * pipes serve it) and never sends OPEN for one, so the OPEN is hardening. A daemon that opens a
 * device node hands the guest the host's device, outside the share: BREACH. One that opens a FIFO
 * with nobody on the other end blocks a worker (fifo(7)): HANG.
 */
final class SpecialFiles {

    /** makedev(1, 3), /dev/null, as the kernel encodes rdev for FUSE (new_encode_dev). */
    static final int DEV_NULL = (1 << 8) | 3;

    private SpecialFiles() {
    }

    static List<Scenario> scenarios() {
        String why = "CVE-2020-35517: a daemon running as root that opens a device node or FIFO in the share hands "
                + "the guest the host's device; Linux 6.1 never sends OPEN for a special file (fs/fuse/inode.c "
                + "fuse_init_inode: init_special_inode). Hardening: OPEN refused CONTAINED (MKNOD refused too: "
                + "nothing to open)";
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("path-safety/device/mknod-open")
                .title("MKNOD of a character device (1,3, the host's /dev/null) as root, then OPEN of it: MKNOD may "
                        + "be refused, OPEN must be")
                .rule(why + "; an OPEN that succeeds BREACH (the host's device)")
                .hardening()
                .check(Containment.guarded(c -> makeThenOpen(c, S_IFCHR | 0666, DEV_NULL, O_RDWR, true))));
        all.add(Scenario.builder("path-safety/device/open-existing")
                .title("OPEN of a character device node (1,3) that the host put in the share is refused")
                .rule(why + "; an OPEN that succeeds BREACH (the host's device)")
                .hardening()
                .fixture(shared -> PathSafety.runQuietly("mknod", shared.resolve("null").toString(), "c", "1", "3"))
                .check(Containment.guarded(c -> openExisting(c, "null", O_RDWR))));
        all.add(Scenario.builder("path-safety/fifo/mknod-open")
                .title("MKNOD of a FIFO, then OPEN O_RDONLY of it: refused, and the daemon does not block")
                .rule(why + "; an OPEN that succeeds NON-STRICT (the FIFO is in the share); opening a FIFO with no "
                        + "writer blocks (fifo(7)): HANG")
                .hardening()
                .check(Containment.guarded(c -> makeThenOpen(c, S_IFIFO | 0666, 0, O_RDONLY, false))));
        all.add(Scenario.builder("path-safety/fifo/create-existing")
                .title("CREATE without O_EXCL, O_WRONLY, of a name that is a FIFO on the host: refused, and the "
                        + "daemon does not block")
                .rule("Linux 6.1 sends CREATE only for a name its LOOKUP did not find (fs/fuse/dir.c "
                        + "fuse_atomic_open: a positive dentry goes to finish_no_open and the VFS opens it), so "
                        + "CREATE of an existing FIFO is one no driver sends. The fix for CVE-2020-35517 made CREATE "
                        + "refuse the special files it finds. Hardening: refused CONTAINED; the FIFO opened "
                        + "NON-STRICT; opening it O_WRONLY with no reader blocks (fifo(7)): HANG")
                .hardening()
                .fixture(shared -> PathSafety.runQuietly("mkfifo", shared.resolve("fifo").toString()))
                .check(Containment.guarded(SpecialFiles::createOverFifo)));
        return all;
    }

    /** MKNOD {@code mode} in the root, then OPEN it with {@code flags}: OPEN must be refused (or MKNOD already). */
    private static Verdict makeThenOpen(ScenarioContext c, int mode, int rdev, int flags, boolean device) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<EntryOut> made = fuse.mknod(1, "special", mode, rdev);
        Verdict v = Containment.ofExchange(made.exchange());
        if (!made.isOk()) {
            return Serving.hardening(c, v.kind() == Verdict.Kind.CONTAINED ? Verdict.contained("MKNOD refused with "
                    + Errno.describe(made.error()) + ": nothing to open") : v);
        }
        return openRefused(c, made.value().nodeid(), flags, device, "MKNOD made it; ");
    }

    private static Verdict openExisting(ScenarioContext c, String name, int flags) {
        if (!Files.exists(c.shared().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return new Verdict.Skipped("the fixture could not create a character device on the host (needs root)");
        }
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        return openRefused(c, Steps.lookup(fuse, 1, name), flags, true, "");
    }

    private static Verdict openRefused(ScenarioContext c, long node, int flags, boolean device, String before) {
        FuseReply<OpenOut> r = c.fuse().open(node, flags);
        Verdict v = Containment.ofExchange(r.exchange());
        if (r.isOk()) {
            return device ? Verdict.breach(before + "OPEN of a character device succeeded (fh " + r.value().fh()
                    + "): the daemon opened the host's device")
                    : Serving.hardening(c, Verdict.nonStrict(before + "OPEN of a FIFO succeeded (fh "
                            + r.value().fh() + "): the daemon opened it"));
        }
        return Serving.hardening(c, v.kind() == Verdict.Kind.CONTAINED ? Verdict.contained(before + "OPEN "
                + v.detail()) : v);
    }

    private static Verdict createOverFifo(ScenarioContext c) {
        if (!Files.exists(c.shared().resolve("fifo"), LinkOption.NOFOLLOW_LINKS)) {
            return new Verdict.Skipped("the fixture could not create a FIFO on the host");
        }
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<FuseSession.Created> r = fuse.create(1, "fifo", O_CREAT | O_WRONLY, S_IFREG | 0644);
        Verdict v = Containment.ofExchange(r.exchange());
        if (r.isOk()) {
            return Serving.hardening(c, Verdict.nonStrict("CREATE over the FIFO succeeded (fh "
                    + r.value().open().fh() + "): the daemon opened it"));
        }
        return Serving.hardening(c, v);
    }
}
