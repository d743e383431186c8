package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_EXCL;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFREG;
import static dev.vfc.syscall.PosixFiles.S_ISGID;

import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creation in a setgid directory by a guest user outside the directory's group (CVE-2022-0358):
 * a legal request, on the conformance axis, checked on the host.
 */
final class SetgidCreation {

    /** A guest user with no business in the setgid directory's group. */
    static final int GUEST_UID = 1000;
    static final int GUEST_GID = 1000;
    static final int OTHER_GROUP = 4242;

    private SetgidCreation() {
    }

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
    static List<Scenario> scenarios() {
        int daemonGroup = PathSafety.daemonGroup();
        String rule = "Linux 6.1 fs/inode.c inode_init_owner and mode_strip_sgid (open(2), mkdir(2)): in a setgid "
                + "directory a new entry takes the directory's group, and a new non-directory keeps a requested "
                + "S_ISGID only when the creator is in that group or has CAP_FSETID; a passthrough daemon creates as "
                + "the caller (fuse_in_header uid/gid, which Linux 6.1 fills from the caller's fsuid/fsgid, "
                + "fs/fuse/dev.c fuse_get_req), so the guest's open(2) and mkdir(2) get these semantics only if "
                + "the daemon creates with them. CVE-2022-0358: a root daemon's supplementary groups counted as the "
                + "guest user's and "
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
}
