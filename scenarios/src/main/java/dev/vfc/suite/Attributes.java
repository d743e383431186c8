package dev.vfc.suite;

import static dev.vfc.suite.Fixtures.perms;
import static dev.vfc.suite.Fixtures.times;
import static dev.vfc.suite.HostFiles.hostMode;
import static dev.vfc.suite.HostFiles.octal;
import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.FUSE_H;
import static dev.vfc.suite.Steps.need;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFMT;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LOOKUP, GETATTR and SETATTR of files, and STATFS: the attributes a node and the file system report,
 * held to the host file (lstat, statfs) through the share.
 */
final class Attributes {

    private Attributes() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        lookupAndAttributes(all);
        statfs(all);
        return all;
    }

    private static void lookupAndAttributes(List<Scenario> all) {
        all.add(Scenario.builder("metadata/lookup/file-attributes")
                .title("LOOKUP of a file returns a node and the host file's type, mode, size, link count and owner")
                .rule("fuse_entry_out carries the node id (never 0 for a found entry, 1 is the root) and the "
                        + "entry's stat attributes (" + FUSE_H + "; fs/fuse/dir.c fuse_lookup_name; stat(2))")
                .fixture(Fixtures.file(A, 12345).and(perms(A, "rw-r-----")))
                .check(Attributes::lookupFileAttributes));

        all.add(Scenario.builder("metadata/getattr/file")
                .title("GETATTR of a looked-up file returns the host file's attributes")
                .rule("FUSE_GETATTR answers fuse_attr_out with the node's stat attributes (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_do_getattr; stat(2))")
                .fixture(Fixtures.file(A, 4321).and(times(A, 1_200_000_000L, 1_300_000_000L)))
                .check(Attributes::getattrFile));

        all.add(Scenario.builder("metadata/setattr/mode")
                .title("SETATTR FATTR_MODE 0751 changes the host file's permission bits")
                .rule("FATTR_MODE sets the mode as chmod(2) does; the reply carries the new attributes (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_do_setattr)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long node = Steps.lookup(fuse, 1, A);
                    Attr attr = need(setattr(fuse, node, setattrIn(FattrFlags.MODE, 0, 0, 0, 0, 0, 0, S_IFREG | 0751)),
                            "SETATTR mode").attr();
                    int host = hostMode(c.shared().resolve(A));
                    if ((host & 07777) != 0751) {
                        return Verdict.fail("mode 0751 on the host", octal(host & 07777));
                    }
                    if ((attr.mode() & 07777) != 0751 || (attr.mode() & S_IFMT) != S_IFREG) {
                        return Verdict.fail("reply mode 0100751", octal(attr.mode()));
                    }
                    return Verdict.pass("host and reply mode 0751");
                }));

        all.add(Scenario.builder("metadata/setattr/size-truncate")
                .title("SETATTR FATTR_SIZE 1234 truncates a 10000-byte file and keeps its first 1234 bytes")
                .rule("FATTR_SIZE truncates as truncate(2) does: the bytes before the new size are kept (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_do_setattr)")
                .fixture(Fixtures.file(A, 10000))
                .check(c -> resize(c, 10000, 1234, false)));

        all.add(Scenario.builder("metadata/setattr/size-grow")
                .title("SETATTR FATTR_SIZE 50000 grows a 1000-byte file with zeros")
                .rule("FATTR_SIZE beyond the end extends the file, the new bytes read as zeros (truncate(2); "
                        + FUSE_H + ")")
                .fixture(Fixtures.file(A, 1000))
                .check(c -> resize(c, 1000, 50000, false)));

        all.add(Scenario.builder("metadata/setattr/size-by-fh")
                .title("SETATTR FATTR_SIZE|FATTR_FH (ftruncate) through an open handle truncates the host file")
                .rule("with FATTR_FH the size change goes through the open file, as ftruncate(2) (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_do_setattr sets FATTR_FH for an open file)")
                .fixture(Fixtures.file(A, 8192))
                .check(c -> resize(c, 8192, 100, true)));

        all.add(Scenario.builder("metadata/setattr/times-explicit")
                .title("SETATTR FATTR_ATIME|FATTR_MTIME sets the host file's times to the nanosecond")
                .rule("FATTR_ATIME/FATTR_MTIME set atime and mtime to the given seconds and nanoseconds, as "
                        + "utimensat(2) (" + FUSE_H + "; fs/fuse/dir.c iattr_to_fattr)")
                .fixture(Fixtures.file(A, 100))
                .check(Attributes::timesExplicit));

        all.add(Scenario.builder("metadata/setattr/times-now")
                .title("SETATTR with FATTR_ATIME_NOW|FATTR_MTIME_NOW sets both times to the current time")
                .rule("FATTR_*_NOW means the daemon's current time, not the atime/mtime fields (which Linux fills "
                        + "anyway; here they are 0) (" + FUSE_H + "; fs/fuse/dir.c iattr_to_fattr; utimensat(2) "
                        + "UTIME_NOW)")
                .fixture(Fixtures.file(A, 100).and(times(A, 1_000_000_000L, 1_000_000_000L)))
                .check(Attributes::timesNow));
    }

    static Verdict lookupFileAttributes(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        EntryOut e = Steps.entry(fuse, 1, A);
        if (e.nodeid() == 0 || e.nodeid() == 1) {
            return Verdict.fail("a node id other than 0 (negative) and 1 (the root)", "node " + e.nodeid());
        }
        return compareWithHost(e.attr(), c.shared().resolve(A), "LOOKUP");
    }

    static Verdict getattrFile(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, A);
        Attr attr = Steps.require(fuse.getattr(node), "GETATTR").attr();
        Path host = c.shared().resolve(A);
        Verdict v = compareWithHost(attr, host, "GETATTR");
        if (v.kind() != Verdict.Kind.PASS) {
            return v;
        }
        Instant mtime = Files.getLastModifiedTime(host, LinkOption.NOFOLLOW_LINKS).toInstant();
        if (attr.mtime() != mtime.getEpochSecond() || attr.mtimensec() != mtime.getNano()) {
            return Verdict.fail("mtime " + mtime, attr.mtime() + "." + attr.mtimensec());
        }
        return Verdict.pass(v.detail() + ", mtime " + mtime);
    }

    /** Type and permission bits, size, link count, uid and gid against lstat of the host path. */
    static Verdict compareWithHost(Attr attr, Path host, String op) throws IOException {
        int mode = hostMode(host);
        long size = Files.size(host);
        int nlink = (Integer) Files.getAttribute(host, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) Files.getAttribute(host, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(host, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        List<String> wrong = new ArrayList<>();
        if (attr.mode() != mode) {
            wrong.add("mode " + octal(attr.mode()) + " (host " + octal(mode) + ")");
        }
        if (attr.size() != size) {
            wrong.add("size " + attr.size() + " (host " + size + ")");
        }
        if (attr.nlink() != nlink) {
            wrong.add("nlink " + attr.nlink() + " (host " + nlink + ")");
        }
        if (attr.uid() != uid || attr.gid() != gid) {
            wrong.add("owner " + attr.uid() + ":" + attr.gid() + " (host " + uid + ":" + gid + ")");
        }
        if (!wrong.isEmpty()) {
            return Verdict.fail(op + " attributes equal to the host's", String.join(", ", wrong));
        }
        return Verdict.pass("mode " + octal(mode) + ", size " + size + ", nlink " + nlink + ", owner " + uid + ":"
                + gid + " as on the host");
    }

    /** Truncates or grows the fixture file from {@code from} to {@code to} bytes, by path or by handle. */
    static Verdict resize(ScenarioContext c, long from, long to, boolean byHandle) throws IOException {
        FuseSession fuse = c.fuse();
        long node;
        long fh = 0;
        int valid = FattrFlags.SIZE;
        if (byHandle) {
            Steps.Handle h = Steps.open(fuse, A, O_RDWR);
            node = h.node();
            fh = h.fh();
            valid |= FattrFlags.FH;
        } else {
            Steps.init(fuse);
            node = Steps.lookup(fuse, 1, A);
        }
        Attr attr = need(setattr(fuse, node, setattrIn(valid, fh, to, 0, 0, 0, 0, 0)), "SETATTR size " + to).attr();
        byte[] host = Files.readAllBytes(c.shared().resolve(A));
        byte[] want = Arrays.copyOf(Fixtures.content(from), (int) to);
        if (host.length != to) {
            return Verdict.fail("host file of " + to + " bytes", host.length + " bytes");
        }
        if (!Arrays.equals(host, want)) {
            return Verdict.fail("the first " + Math.min(from, to) + " bytes kept"
                    + (to > from ? " and zeros after" : ""),
                    "different bytes on the host");
        }
        if (attr.size() != to) {
            return Verdict.fail("reply size " + to, String.valueOf(attr.size()));
        }
        return Verdict.pass("host file and reply are " + to + " bytes, content as expected");
    }

    static Verdict timesExplicit(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, A);
        long atime = 1_000_000_000L;
        int atimeNs = 123_456_789;
        long mtime = 1_100_000_000L;
        int mtimeNs = 987_654_321;
        SetattrIn in = new SetattrIn(FattrFlags.ATIME | FattrFlags.MTIME, 0, 0, 0, atime, mtime, 0, atimeNs, mtimeNs,
                0, 0, 0, 0);
        Attr attr = need(setattr(fuse, node, in), "SETATTR times").attr();
        BasicFileAttributes host = Files.readAttributes(c.shared().resolve(A), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Instant wantA = Instant.ofEpochSecond(atime, atimeNs);
        Instant wantM = Instant.ofEpochSecond(mtime, mtimeNs);
        Instant gotA = host.lastAccessTime().toInstant();
        Instant gotM = host.lastModifiedTime().toInstant();
        if (!gotA.equals(wantA) || !gotM.equals(wantM)) {
            return Verdict.fail("host atime " + wantA + ", mtime " + wantM, "atime " + gotA + ", mtime " + gotM);
        }
        if (attr.atime() != atime || attr.atimensec() != atimeNs || attr.mtime() != mtime
                || attr.mtimensec() != mtimeNs) {
            return Verdict.fail("reply atime " + atime + "." + atimeNs + ", mtime " + mtime + "." + mtimeNs,
                    "atime " + attr.atime() + "." + attr.atimensec() + ", mtime " + attr.mtime() + "."
                            + attr.mtimensec());
        }
        return Verdict.pass("host and reply atime " + wantA + ", mtime " + wantM);
    }

    static Verdict timesNow(ScenarioContext c) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, A);
        Instant before = Instant.now().minusSeconds(5);
        int valid = FattrFlags.ATIME | FattrFlags.ATIME_NOW | FattrFlags.MTIME | FattrFlags.MTIME_NOW;
        Attr attr = need(setattr(fuse, node, new SetattrIn(valid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                "SETATTR times to now").attr();
        Instant after = Instant.now().plusSeconds(5);
        BasicFileAttributes host = Files.readAttributes(c.shared().resolve(A), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Instant a = host.lastAccessTime().toInstant();
        Instant m = host.lastModifiedTime().toInstant();
        if (a.isBefore(before) || a.isAfter(after) || m.isBefore(before) || m.isAfter(after)) {
            return Verdict.fail("host atime and mtime within 5 s of now (" + before.plusSeconds(5) + ")",
                    "atime " + a + ", mtime " + m);
        }
        if (attr.atime() < before.getEpochSecond() || attr.mtime() < before.getEpochSecond()) {
            return Verdict.fail("reply times of now", "atime " + attr.atime() + ", mtime " + attr.mtime());
        }
        return Verdict.pass("host atime " + a + ", mtime " + m);
    }

    private static void statfs(List<Scenario> all) {
        String rule = "fuse_kstatfs carries statfs(2) fields: bsize > 0, frsize > 0, 0 < namelen; OVMF needs "
                + "namelen 1..4096 and frsize == bsize (OvmfPkg/VirtioFsDxe/SimpleFsRead.c, SimpleFsGetInfo.c); "
                + "Linux sends STATFS for any node (fs/fuse/inode.c fuse_statfs)";
        all.add(Scenario.builder("metadata/statfs/root")
                .title("STATFS of the root has sane fields and the host file system's size")
                .rule(rule)
                .check(c -> statfsCheck(c, false)));
        all.add(Scenario.builder("metadata/statfs/file")
                .title("STATFS of a regular file's node answers as for the root")
                .rule(rule)
                .fixture(Fixtures.file(A, 100))
                .check(c -> statfsCheck(c, true)));
    }

    static Verdict statfsCheck(ScenarioContext c, boolean ofFile) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = ofFile ? Steps.lookup(fuse, 1, A) : 1;
        Kstatfs st = Steps.require(fuse.statfs(node), "STATFS").st();
        List<String> wrong = new ArrayList<>();
        if (st.bsize() <= 0) {
            wrong.add("bsize " + st.bsize());
        }
        if (st.frsize() <= 0) {
            wrong.add("frsize " + st.frsize());
        }
        if (st.namelen() < 1 || st.namelen() > 4096) {
            wrong.add("namelen " + st.namelen());
        }
        if (Long.compareUnsigned(st.bfree(), st.blocks()) > 0 || Long.compareUnsigned(st.bavail(), st.blocks()) > 0) {
            wrong.add("bfree " + st.bfree() + "/bavail " + st.bavail() + " above blocks " + st.blocks());
        }
        if (Long.compareUnsigned(st.ffree(), st.files()) > 0) {
            wrong.add("ffree " + st.ffree() + " above files " + st.files());
        }
        if (!wrong.isEmpty()) {
            return Verdict.fail("sane statfs fields", String.join(", ", wrong));
        }
        FileStore store = Files.getFileStore(c.shared());
        long total = store.getTotalSpace();
        int unit = st.frsize() > 0 ? st.frsize() : st.bsize();
        if (st.blocks() * unit != total) {
            return Verdict.fail("blocks * frsize = " + total + " (the host file system)",
                    st.blocks() + " * " + unit + " = " + st.blocks() * unit);
        }
        String fields = "bsize " + st.bsize() + ", frsize " + st.frsize() + ", namelen " + st.namelen() + ", "
                + st.blocks() + " blocks as on the host";
        if (st.frsize() != st.bsize()) {
            return Verdict.nonStrict(fields + "; frsize != bsize, which OVMF's GetInfo refuses");
        }
        return Verdict.pass(fields);
    }

    static FuseReply<AttrOut> setattr(FuseSession fuse, long node, SetattrIn in) {
        return fuse.call(FuseOpcode.SETATTR, node, List.of(FuseSession.encode(in)), false,
                List.of(new ReplyArg(ReplyArg.Kind.ATTR_OUT, AttrOut.SIZE)), AttrOut::decode,
                "valid=" + FattrFlags.describe(in.valid()) + " " + in);
    }

    static SetattrIn setattrIn(int valid, long fh, long size, long atime, long mtime, int atimeNs, int mtimeNs,
            int mode) {
        return new SetattrIn(valid, fh, size, 0, atime, mtime, 0, atimeNs, mtimeNs, 0, mode, 0, 0);
    }
}
