package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_CREAT;
import static dev.vfc.syscall.PosixFiles.O_EXCL;
import static dev.vfc.syscall.PosixFiles.O_RDONLY;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.S_IFDIR;
import static dev.vfc.syscall.PosixFiles.S_IFIFO;
import static dev.vfc.syscall.PosixFiles.S_IFLNK;
import static dev.vfc.syscall.PosixFiles.S_IFMT;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.AccessIn;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.CopyFileRangeIn;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FallocateIn;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.FlushIn;
import dev.vfc.fuse.FsyncFlags;
import dev.vfc.fuse.FsyncIn;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetxattrIn;
import dev.vfc.fuse.GetxattrOut;
import dev.vfc.fuse.InitOut;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.LseekIn;
import dev.vfc.fuse.LseekOut;
import dev.vfc.fuse.RenameFlags;
import dev.vfc.fuse.RenameIn;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.fuse.SetxattrIn;
import dev.vfc.fuse.WriteOut;
import dev.vfc.scenario.Fixture;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Metadata operations and their errors: LOOKUP, GETATTR, SETATTR, the entry-making operations
 * (CREATE, MKDIR, MKNOD, SYMLINK, LINK), READLINK, UNLINK, RMDIR, RENAME and RENAME2, STATFS,
 * extended attributes, LSEEK, FALLOCATE, FLUSH/FSYNC/FSYNCDIR, COPY_FILE_RANGE and ACCESS, plus the
 * errnos the man pages name for the usual mistakes. Where the host file system is the real proof
 * (the file exists, has the size, the mode, the link target, the link count) the check looks there
 * through {@link ScenarioContext#shared()}, not only at what the daemon says.
 *
 * <p>Operations the kernel lets a daemon leave unimplemented (it remembers ENOSYS in
 * {@code fc->no_xattr}, {@code no_lseek}, {@code no_fallocate}, {@code no_copy_file_range},
 * {@code no_flush}, {@code no_fsync}, {@code no_fsyncdir}, {@code no_access}, {@code no_rename2};
 * fs/fuse/*.c) are UNSUPPORTED when they answer ENOSYS; everything else must work.
 *
 * <p>As Linux does (a dentry is looked up before it is removed or renamed, fs/namei.c), checks
 * LOOKUP a name before UNLINK, RMDIR or RENAME of it; {@code metadata/unlink/not-looked-up} is the
 * one that deliberately does not (the C virtiofsd answers EIO for a name missing from its inode
 * table, passthrough_ll.c lookup_name).
 */
public final class Metadata {

    static final String A = "a.txt";
    static final String B = "b.txt";
    static final String DIR = "dir";
    static final long MIB = 1 << 20;



    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;
    static final int FALLOC_FL_KEEP_SIZE = 1;
    static final int FALLOC_FL_PUNCH_HOLE = 2;
    static final int XATTR_CREATE = 1;
    static final int R_OK = 4;
    static final int W_OK = 2;
    static final int X_OK = 1;

    /** A file handle no daemon hands out in a fresh session. */
    static final long BOGUS_FH = 0x7ead_beef_0bad_f00dL;

    static final String FUSE_H = "include/uapi/linux/fuse.h 7.38";

    private Metadata() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        lookupAndAttributes(all);
        entries(all);
        removalAndRename(all);
        statfs(all);
        xattrs(all);
        fileOperations(all);
        errnos(all);
        return all;
    }

    // ------------------------------------------------------------------------------------------
    // LOOKUP, GETATTR, SETATTR

    private static void lookupAndAttributes(List<Scenario> all) {
        all.add(Scenario.builder("metadata/lookup/file-attributes")
                .title("LOOKUP of a file returns a node and the host file's type, mode, size, link count and owner")
                .rule("fuse_entry_out carries the node id (never 0 for a found entry, 1 is the root) and the "
                        + "entry's stat attributes (" + FUSE_H + "; fs/fuse/dir.c fuse_lookup_name; stat(2))")
                .fixture(Fixtures.file(A, 12345).and(perms(A, "rw-r-----")))
                .check(Metadata::lookupFileAttributes));

        all.add(Scenario.builder("metadata/getattr/file")
                .title("GETATTR of a looked-up file returns the host file's attributes")
                .rule("FUSE_GETATTR answers fuse_attr_out with the node's stat attributes (" + FUSE_H
                        + "; fs/fuse/dir.c fuse_do_getattr; stat(2))")
                .fixture(Fixtures.file(A, 4321).and(times(A, 1_200_000_000L, 1_300_000_000L)))
                .check(Metadata::getattrFile));

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
                .check(Metadata::timesExplicit));

        all.add(Scenario.builder("metadata/setattr/times-now")
                .title("SETATTR with FATTR_ATIME_NOW|FATTR_MTIME_NOW sets both times to the current time")
                .rule("FATTR_*_NOW means the daemon's current time, not the atime/mtime fields (which Linux fills "
                        + "anyway; here they are 0) (" + FUSE_H + "; fs/fuse/dir.c iattr_to_fattr; utimensat(2) "
                        + "UTIME_NOW)")
                .fixture(Fixtures.file(A, 100).and(times(A, 1_000_000_000L, 1_000_000_000L)))
                .check(Metadata::timesNow));
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
            return Verdict.fail("the first " + Math.min(from, to) + " bytes kept" + (to > from ? " and zeros after" : ""),
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
                    "atime " + attr.atime() + "." + attr.atimensec() + ", mtime " + attr.mtime() + "." + attr.mtimensec());
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

    // ------------------------------------------------------------------------------------------
    // CREATE, MKDIR, MKNOD, SYMLINK, READLINK, LINK

    private static void entries(List<Scenario> all) {
        all.add(Scenario.builder("metadata/create/new-file")
                .title("CREATE makes a regular 0640 file and returns a handle that writes to it")
                .rule("FUSE_CREATE is atomic create-and-open: entry_out then open_out whose fh serves WRITE "
                        + "(" + FUSE_H + "; fs/fuse/dir.c fuse_create_open; open(2) O_CREAT)")
                .check(Metadata::createNewFile));

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
                .title("READLINK of a regular file is EINVAL (ENOENT tolerated)")
                .rule("readlink(2): EINVAL when the named file is not a symbolic link; Linux never sends READLINK "
                        + "for a non-symlink node, and readlinkat(fd, \"\") on one answers ENOENT (fs/stat.c "
                        + "do_readlinkat), which is tolerated as NON-STRICT")
                .fixture(Fixtures.file(A, 10))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long node = Steps.lookup(fuse, 1, A);
                    FuseReply<ByteBuffer> r = fuse.readlink(node);
                    if (r.error() == Errno.ENOENT.errorField() && Expect.transport(r.exchange()) == null) {
                        return Verdict.nonStrict("ENOENT, what Linux's readlinkat(fd, \"\") answers for a "
                                + "non-symlink (fs/stat.c do_readlinkat); readlink(2)'s EINVAL is preferred");
                    }
                    return Expect.errno(r, Errno.EINVAL);
                }));

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

    // ------------------------------------------------------------------------------------------
    // UNLINK, RMDIR, RENAME, RENAME2

    private static void removalAndRename(List<Scenario> all) {
        all.add(Scenario.builder("metadata/unlink/file")
                .title("UNLINK removes the host file; a LOOKUP afterwards finds nothing")
                .rule("FUSE_UNLINK removes the name as unlink(2) (" + FUSE_H + "; fs/fuse/dir.c fuse_unlink)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    Steps.lookup(fuse, 1, A);
                    done(fuse.unlink(1, A), "UNLINK");
                    Path host = c.shared().resolve(A);
                    if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("the host file gone", describeHost(host));
                    }
                    return absent(fuse.lookup(1, A), "host file removed");
                }));

        all.add(Scenario.builder("metadata/unlink/not-looked-up")
                .title("UNLINK of an existing file this session never looked up removes it")
                .rule("FUSE_UNLINK names the entry by parent node and name (" + FUSE_H + "; fs/fuse/dir.c "
                        + "fuse_unlink); nothing in the protocol requires an earlier LOOKUP of that name, and a "
                        + "guest's cached dentry can outlive the daemon's view when the host changes the file")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
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
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    Steps.lookup(fuse, 1, DIR);
                    done(fuse.rmdir(1, DIR), "RMDIR");
                    Path host = c.shared().resolve(DIR);
                    if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("the host directory gone", describeHost(host));
                    }
                    return absent(fuse.lookup(1, DIR), "host directory removed");
                }));

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

    // ------------------------------------------------------------------------------------------
    // STATFS

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

    // ------------------------------------------------------------------------------------------
    // Extended attributes

    private static void xattrs(List<Scenario> all) {
        String why = "getxattr(2)/setxattr(2)/listxattr(2)/removexattr(2) as Linux forwards them (fs/fuse/xattr.c; "
                + FUSE_H + " fuse_setxattr_in is 16 bytes under FUSE_SETXATTR_EXT, else 8); ENOSYS or EOPNOTSUPP: "
                + "not supported";
        all.add(Scenario.builder("metadata/xattr/set-get")
                .title("SETXATTR user.vfc.note stores the value on the host file; GETXATTR returns it")
                .rule(why)
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100))
                .check(Metadata::xattrSetGet));

        all.add(Scenario.builder("metadata/xattr/get-size-probe")
                .title("GETXATTR with size 0 returns the length of a host-set value in fuse_getxattr_out")
                .rule("getxattr(2) with size 0 returns the value's length; FUSE answers it as fuse_getxattr_out "
                        + "(fs/fuse/xattr.c fuse_getxattr; " + FUSE_H + ")")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.probe", "thirty-seven bytes of attribute value")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    FuseReply<GetxattrOut> r = x.sizeOf(FuseOpcode.GETXATTR, "user.vfc.probe");
                    int size = x.need(r, "GETXATTR size probe").size();
                    return size == 37 ? Verdict.pass("37 bytes")
                            : Verdict.fail("size 37 (the host value)", String.valueOf(size));
                }));

        all.add(Scenario.builder("metadata/xattr/get-erange")
                .title("GETXATTR into a 4-byte buffer of a 37-byte value is ERANGE")
                .rule("getxattr(2): ERANGE when size is too small for the value (fs/fuse/xattr.c passes the "
                        + "error through)")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.probe", "thirty-seven bytes of attribute value")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.value(FuseOpcode.GETXATTR, "user.vfc.probe", 4), Errno.ERANGE);
                }));

        all.add(Scenario.builder("metadata/xattr/get-missing")
                .title("GETXATTR of a name the file lacks is ENODATA")
                .rule("getxattr(2): ENODATA (ENOATTR) when the named attribute does not exist")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.value(FuseOpcode.GETXATTR, "user.vfc.absent", 64), Errno.ENODATA);
                }));

        all.add(Scenario.builder("metadata/xattr/list")
                .title("LISTXATTR size probe then LISTXATTR return the host-set names, NUL-separated")
                .rule("listxattr(2): size 0 returns the list's length, then the list is NUL-terminated names (" + FUSE_H
                        + " fuse_getxattr_out; fs/fuse/xattr.c fuse_listxattr)")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.one", "1")).and(xattr(A, "vfc.two", "22")))
                .check(Metadata::xattrList));

        all.add(Scenario.builder("metadata/xattr/list-erange")
                .title("LISTXATTR into a 1-byte buffer is ERANGE")
                .rule("listxattr(2): ERANGE when size is too small for the list")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.one", "1")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.value(FuseOpcode.LISTXATTR, null, 1), Errno.ERANGE);
                }));

        all.add(Scenario.builder("metadata/xattr/remove")
                .title("REMOVEXATTR deletes a host-set attribute; GETXATTR of it is then ENODATA")
                .rule("removexattr(2) removes the attribute; getxattr(2) then gives ENODATA")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.gone", "bye")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    x.done(x.remove("user.vfc.gone"), "REMOVEXATTR");
                    if (hostXattr(c.shared().resolve(A), "vfc.gone") != null) {
                        return Verdict.fail("user.vfc.gone gone from the host file", "it is still there");
                    }
                    Verdict after = x.errno(x.value(FuseOpcode.GETXATTR, "user.vfc.gone", 64), Errno.ENODATA);
                    return after.kind() == Verdict.Kind.PASS ? Verdict.pass("removed on the host; GETXATTR ENODATA")
                            : after;
                }));

        all.add(Scenario.builder("metadata/xattr/create-existing")
                .title("SETXATTR with XATTR_CREATE on an existing name is EEXIST and keeps the old value")
                .rule("setxattr(2): XATTR_CREATE fails with EEXIST if the named attribute exists")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.keep", "old")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    Verdict v = x.errno(x.set("user.vfc.keep", bytes("new value"), XATTR_CREATE), Errno.EEXIST);
                    byte[] host = hostXattr(c.shared().resolve(A), "vfc.keep");
                    if (v.kind() != Verdict.Kind.UNSUPPORTED && !Arrays.equals(host, bytes("old"))) {
                        return Verdict.fail("host value \"old\" kept",
                                host == null ? "no value" : "\"" + new String(host, StandardCharsets.UTF_8) + "\"");
                    }
                    return v;
                }));
    }

    static Verdict xattrSetGet(ScenarioContext c) throws IOException {
        Xattr x = Xattr.start(c, A);
        byte[] value = bytes("a value for the host, \u00e9t\u00e9");
        x.done(x.set("user.vfc.note", value, 0), "SETXATTR");
        byte[] host = hostXattr(c.shared().resolve(A), "vfc.note");
        if (!Arrays.equals(host, value)) {
            return Verdict.fail("user.vfc.note = the " + value.length + " bytes on the host",
                    host == null ? "no such attribute" : host.length + " different bytes");
        }
        byte[] got = bytes(x.need(x.value(FuseOpcode.GETXATTR, "user.vfc.note", 256), "GETXATTR"));
        if (!Arrays.equals(got, value)) {
            return Verdict.fail("GETXATTR returning the " + value.length + " bytes", got.length + " bytes that differ");
        }
        return Verdict.pass("host holds the value (" + x.layout() + " fuse_setxattr_in); GETXATTR returns it");
    }

    static Verdict xattrList(ScenarioContext c) throws IOException {
        Xattr x = Xattr.start(c, A);
        int size = x.need(x.sizeOf(FuseOpcode.LISTXATTR, null), "LISTXATTR size probe").size();
        if (size <= 0) {
            return Verdict.fail("a positive list length", String.valueOf(size));
        }
        byte[] list = bytes(x.need(x.value(FuseOpcode.LISTXATTR, null, size), "LISTXATTR"));
        if (list.length != size) {
            return Verdict.fail("a list of the probed " + size + " bytes", list.length + " bytes");
        }
        if (list[list.length - 1] != 0) {
            return Verdict.fail("NUL-terminated names", "a list not ending in NUL");
        }
        List<String> names = Arrays.asList(new String(list, 0, list.length - 1, StandardCharsets.UTF_8).split("\0"));
        if (!names.contains("user.vfc.one") || !names.contains("user.vfc.two")) {
            return Verdict.fail("user.vfc.one and user.vfc.two listed", names.toString());
        }
        return Verdict.pass(size + " bytes, " + names);
    }

    /**
     * An xattr session: INIT remembers whether FUSE_SETXATTR_EXT was negotiated (it picks the
     * fuse_setxattr_in layout), and ENOSYS / EOPNOTSUPP on any call ends the check UNSUPPORTED.
     */
    record Xattr(FuseSession fuse, long node, boolean extended) {

        static Xattr start(ScenarioContext c, String file) {
            FuseSession fuse = c.fuse();
            InitOut init = Steps.require(fuse.init(), "INIT");
            long node = Steps.lookup(fuse, 1, file);
            return new Xattr(fuse, node, (init.allFlags() & FuseInitFlags.SETXATTR_EXT) != 0);
        }

        String layout() {
            return extended ? "16-byte (SETXATTR_EXT)" : "8-byte";
        }

        FuseReply<Void> set(String name, byte[] value, int flags) {
            SetxattrIn in = new SetxattrIn(value.length, flags, 0);
            ByteBuffer b = ByteBuffer.allocate(SetxattrIn.size(extended)).order(ByteOrder.LITTLE_ENDIAN);
            in.encodeTo(b, extended);
            return fuse.call(FuseOpcode.SETXATTR, node, List.of(b.flip(), FuseSession.names(name), ByteBuffer.wrap(value)),
                    false, List.of(), r -> null, in + " (" + layout() + ") \"" + name + "\"");
        }

        /** GETXATTR (with {@code name}) or LISTXATTR (name null) with size 0: the length. */
        FuseReply<GetxattrOut> sizeOf(FuseOpcode op, String name) {
            return fuse.call(op, node, args(0, name), false, List.of(ReplyArg.fixed(GetxattrOut.SIZE)),
                    GetxattrOut::decode, "size 0" + (name == null ? "" : " \"" + name + "\""));
        }

        /** GETXATTR (with {@code name}) or LISTXATTR (name null) into a buffer of {@code size} bytes. */
        FuseReply<ByteBuffer> value(FuseOpcode op, String name, int size) {
            return fuse.call(op, node, args(size, name), false, List.of(ReplyArg.data(size)), Function.identity(),
                    "size " + size + (name == null ? "" : " \"" + name + "\""));
        }

        FuseReply<Void> remove(String name) {
            return fuse.call(FuseOpcode.REMOVEXATTR, node, List.of(FuseSession.names(name)), false, List.of(),
                    r -> null, "\"" + name + "\"");
        }

        private static List<ByteBuffer> args(int size, String name) {
            ByteBuffer in = FuseSession.encode(new GetxattrIn(size));
            return name == null ? List.of(in) : List.of(in, FuseSession.names(name));
        }

        <T> T need(FuseReply<T> r, String what) {
            return Metadata.need(r, what, Errno.ENOSYS, Errno.EOPNOTSUPP);
        }

        void done(FuseReply<?> r, String what) {
            Metadata.done(r, what, Errno.ENOSYS, Errno.EOPNOTSUPP);
        }

        Verdict errno(FuseReply<?> r, Errno preferred) {
            Verdict u = unimplemented(r, "the xattr operation", Errno.ENOSYS, Errno.EOPNOTSUPP);
            return u != null ? u : Expect.errno(r, preferred);
        }
    }

    // ------------------------------------------------------------------------------------------
    // LSEEK, FALLOCATE, FLUSH, FSYNC, FSYNCDIR, COPY_FILE_RANGE, ACCESS

    private static void fileOperations(List<Scenario> all) {
        long sparseSize = MIB + 4096;
        String lseekRule = "lseek(2) SEEK_DATA/SEEK_HOLE (Linux forwards only these, fs/fuse/file.c fuse_lseek): "
                + "a file system may treat the whole file as data, then the hole is at the end; ENXIO past the "
                + "end; ENOSYS: not supported";
        all.add(Scenario.builder("metadata/lseek/seek-hole")
                .title("LSEEK SEEK_HOLE from 0 in a sparse file finds the hole at 4096")
                .rule(lseekRule)
                .fixture(sparse(A))
                .check(c -> lseek(c, 0, SEEK_HOLE, 4096, sparseSize)));
        all.add(Scenario.builder("metadata/lseek/seek-data")
                .title("LSEEK SEEK_DATA from inside the hole of a sparse file finds the data at 1 MiB")
                .rule(lseekRule)
                .fixture(sparse(A))
                .check(c -> lseek(c, 8192, SEEK_DATA, MIB, 8192)));
        all.add(Scenario.builder("metadata/lseek/seek-data-past-end")
                .title("LSEEK SEEK_DATA beyond the end of the file is ENXIO")
                .rule("lseek(2): ENXIO when whence is SEEK_DATA or SEEK_HOLE and offset is beyond the end of the file")
                .fixture(sparse(A))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    FuseReply<LseekOut> r = lseek(c.fuse(), h, sparseSize + 4096, SEEK_DATA);
                    Verdict u = unimplemented(r, "LSEEK", Errno.ENOSYS);
                    return u != null ? u : Expect.errno(r, Errno.ENXIO);
                }));

        String fallocateRule = "fallocate(2) as Linux forwards it (fs/fuse/file.c fuse_file_fallocate, " + FUSE_H
                + " fuse_fallocate_in); ENOSYS: not supported, EOPNOTSUPP: the mode is not supported";
        all.add(Scenario.builder("metadata/fallocate/extend")
                .title("FALLOCATE mode 0 over 64 KiB extends a 4096-byte host file, keeping its bytes")
                .rule(fallocateRule + "; mode 0 extends the size when offset+len is beyond the end")
                .fixture(Fixtures.file(A, 4096))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDWR);
                    done(fallocate(c.fuse(), h, 0, 65536, 0), "FALLOCATE", Errno.ENOSYS, Errno.EOPNOTSUPP);
                    byte[] want = Arrays.copyOf(Fixtures.content(4096), 65536);
                    return hostBytes(c, A, want, "host file of 65536 bytes, the first 4096 kept, zeros after");
                }));
        all.add(Scenario.builder("metadata/fallocate/punch-hole")
                .title("FALLOCATE PUNCH_HOLE|KEEP_SIZE zeroes 4096 bytes in the middle and keeps the size")
                .rule(fallocateRule + "; FALLOC_FL_PUNCH_HOLE (with KEEP_SIZE) deallocates the range, which then "
                        + "reads as zeros")
                .fixture(Fixtures.file(A, 16384))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDWR);
                    done(fallocate(c.fuse(), h, 4096, 4096, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE),
                            "FALLOCATE punch hole", Errno.ENOSYS, Errno.EOPNOTSUPP);
                    byte[] want = Fixtures.content(16384);
                    Arrays.fill(want, 4096, 8192, (byte) 0);
                    return hostBytes(c, A, want, "16384 bytes with 4096..8191 zeroed");
                }));

        all.add(Scenario.builder("metadata/flush/open-file")
                .title("FLUSH of an open handle succeeds")
                .rule("FUSE_FLUSH is sent on every close(2) of a file descriptor (fs/fuse/file.c fuse_flush, "
                        + FUSE_H + " fuse_flush_in); ENOSYS: Linux stops sending it (fc->no_flush)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDWR);
                    FuseReply<Void> r = c.fuse().call(FuseOpcode.FLUSH, h.node(),
                            List.of(FuseSession.encode(new FlushIn(h.fh(), 0))), false, List.of(), x -> null,
                            "fh " + h.fh());
                    done(r, "FLUSH", Errno.ENOSYS);
                    return Verdict.pass("FLUSH answered OK");
                }));

        all.add(Scenario.builder("metadata/fsync/file")
                .title("FSYNC of a written handle succeeds and the host file holds the data")
                .rule("FUSE_FSYNC as fsync(2) (fs/fuse/file.c fuse_fsync, " + FUSE_H
                        + " fuse_fsync_in); ENOSYS: Linux stops sending it (fc->no_fsync)")
                .fixture(Fixtures.file(A, 0))
                .check(c -> fsync(c, 0)));
        all.add(Scenario.builder("metadata/fsync/datasync")
                .title("FSYNC with FUSE_FSYNC_FDATASYNC of a written handle succeeds")
                .rule("FUSE_FSYNC with FUSE_FSYNC_FDATASYNC as fdatasync(2) (fs/fuse/file.c fuse_fsync, " + FUSE_H
                        + "); ENOSYS: not supported")
                .fixture(Fixtures.file(A, 0))
                .check(c -> fsync(c, FsyncFlags.FDATASYNC)));
        all.add(Scenario.builder("metadata/fsyncdir/dir")
                .title("FSYNCDIR of an open directory handle succeeds")
                .rule("FUSE_FSYNCDIR as fsync(2) on a directory (fs/fuse/dir.c fuse_dir_fsync, " + FUSE_H
                        + "); ENOSYS: Linux stops sending it (fc->no_fsyncdir)")
                .fixture(Fixtures.directory(DIR))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    long node = Steps.lookup(fuse, 1, DIR);
                    long fh = Steps.require(fuse.opendir(node), "OPENDIR").fh();
                    FuseReply<Void> r = fuse.call(FuseOpcode.FSYNCDIR, node,
                            List.of(FuseSession.encode(new FsyncIn(fh, 0))), false, List.of(), x -> null, "fh " + fh);
                    done(r, "FSYNCDIR", Errno.ENOSYS);
                    return Verdict.pass("FSYNCDIR answered OK");
                }));

        String copyRule = "copy_file_range(2) as Linux forwards it (fs/fuse/file.c __fuse_copy_file_range, " + FUSE_H
                + " fuse_copy_file_range_in, reply fuse_write_out); fewer bytes than asked is allowed; ENOSYS "
                + "or EOPNOTSUPP: Linux falls back to a generic copy";
        all.add(Scenario.builder("metadata/copy-file-range/whole")
                .title("COPY_FILE_RANGE copies all 8192 bytes of one file into an empty one")
                .rule(copyRule)
                .fixture(Fixtures.file("src.bin", 8192).and(Fixtures.file("dst.bin", 0)))
                .check(c -> copyRange(c, 0, 0, 8192)));
        all.add(Scenario.builder("metadata/copy-file-range/offsets")
                .title("COPY_FILE_RANGE of 3000 bytes from offset 1000 to offset 500 of an empty file")
                .rule(copyRule + "; writing past the end of the destination leaves zeros before off_out")
                .fixture(Fixtures.file("src.bin", 8192).and(Fixtures.file("dst.bin", 0)))
                .check(c -> copyRange(c, 1000, 500, 3000)));

        String accessRule = "access(2) semantics (fs/fuse/dir.c fuse_access, " + FUSE_H
                + " fuse_access_in); ENOSYS: Linux stops asking and allows (fc->no_access)";
        all.add(Scenario.builder("metadata/access/read-write")
                .title("ACCESS R_OK|W_OK as root on a 0640 file is allowed")
                .rule(accessRule)
                .fixture(Fixtures.file(A, 10).and(perms(A, "rw-r-----")))
                .check(c -> {
                    FuseReply<Void> r = access(c, R_OK | W_OK);
                    done(r, "ACCESS R_OK|W_OK", Errno.ENOSYS);
                    return Verdict.pass("allowed");
                }));
        all.add(Scenario.builder("metadata/access/exec-denied")
                .title("ACCESS X_OK as root on a file with no execute bit is EACCES")
                .rule(accessRule + "; a privileged caller passes X_OK only if some execute bit is set (access(2))")
                .fixture(Fixtures.file(A, 10).and(perms(A, "rw-r-----")))
                .check(c -> {
                    FuseReply<Void> r = access(c, X_OK);
                    Verdict u = unimplemented(r, "ACCESS", Errno.ENOSYS);
                    return u != null ? u : Expect.errno(r, Errno.EACCES);
                }));
    }

    static FuseReply<LseekOut> lseek(FuseSession fuse, Steps.Handle h, long offset, int whence) {
        return fuse.call(FuseOpcode.LSEEK, h.node(), List.of(FuseSession.encode(new LseekIn(h.fh(), offset, whence))),
                false, List.of(ReplyArg.fixed(LseekOut.SIZE)), LseekOut::decode,
                "offset " + offset + " whence " + (whence == SEEK_DATA ? "SEEK_DATA" : "SEEK_HOLE"));
    }

    /**
     * One LSEEK; PASS for {@code preferred}, NON-STRICT for {@code allowed} (the answer of a file
     * system that treats the whole file as data).
     */
    static Verdict lseek(ScenarioContext c, long offset, int whence, long preferred, long allowed) {
        Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
        long got = need(lseek(c.fuse(), h, offset, whence), "LSEEK", Errno.ENOSYS).offset();
        if (got == preferred) {
            return Verdict.pass("offset " + got);
        }
        if (got == allowed) {
            return Verdict.nonStrict("offset " + got + ": the whole file treated as data, allowed by lseek(2); "
                    + preferred + " (the host's hole) is preferred");
        }
        return Verdict.fail("offset " + preferred, String.valueOf(got));
    }

    static FuseReply<Void> fallocate(FuseSession fuse, Steps.Handle h, long offset, long length, int mode) {
        FallocateIn in = new FallocateIn(h.fh(), offset, length, mode);
        return fuse.call(FuseOpcode.FALLOCATE, h.node(), List.of(FuseSession.encode(in)), false, List.of(), x -> null,
                in.toString());
    }

    static Verdict fsync(ScenarioContext c, int flags) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, A, O_RDWR);
        byte[] data = Fixtures.content(3000);
        WriteOut w = need(fuse.write(h.node(), h.fh(), 0, ByteBuffer.wrap(data)), "WRITE");
        if (w.size() != data.length) {
            return Verdict.fail("WRITE of 3000 bytes", w.size() + " bytes");
        }
        FsyncIn in = new FsyncIn(h.fh(), flags);
        done(fuse.call(FuseOpcode.FSYNC, h.node(), List.of(FuseSession.encode(in)), false, List.of(), x -> null,
                in.toString()), "FSYNC", Errno.ENOSYS);
        return hostBytes(c, A, data, "the 3000 written bytes on the host after FSYNC");
    }

    static Verdict copyRange(ScenarioContext c, long offIn, long offOut, int len) throws IOException {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long src = Steps.lookup(fuse, 1, "src.bin");
        long dst = Steps.lookup(fuse, 1, "dst.bin");
        long fhIn = Steps.require(fuse.open(src, O_RDONLY), "OPEN src").fh();
        long fhOut = Steps.require(fuse.open(dst, O_RDWR), "OPEN dst").fh();
        CopyFileRangeIn in = new CopyFileRangeIn(fhIn, offIn, dst, fhOut, offOut, len, 0);
        FuseReply<WriteOut> r = fuse.call(FuseOpcode.COPY_FILE_RANGE, src, List.of(FuseSession.encode(in)), false,
                List.of(ReplyArg.fixed(WriteOut.SIZE)), WriteOut::decode, in.toString());
        int n = need(r, "COPY_FILE_RANGE", Errno.ENOSYS, Errno.EOPNOTSUPP, Errno.EXDEV).size();
        if (n <= 0 || n > len) {
            return Verdict.fail("1.." + len + " bytes copied", String.valueOf(n));
        }
        byte[] host = Files.readAllBytes(c.shared().resolve("dst.bin"));
        byte[] want = new byte[(int) offOut + n];
        System.arraycopy(Fixtures.content(8192), (int) offIn, want, (int) offOut, n);
        if (!Arrays.equals(host, want)) {
            return Verdict.fail("dst.bin of " + want.length + " bytes: " + offOut + " zeros then src[" + offIn + ".."
                    + (offIn + n) + ")", host.length + " bytes that differ");
        }
        if (n < len) {
            return Verdict.nonStrict(n + " of " + len + " bytes copied (a short copy is allowed; the caller asks "
                    + "again); the whole range is preferred");
        }
        return Verdict.pass(n + " bytes copied, host destination as expected");
    }

    static FuseReply<Void> access(ScenarioContext c, int mask) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, A);
        return fuse.call(FuseOpcode.ACCESS, node, List.of(FuseSession.encode(new AccessIn(mask))), false, List.of(),
                x -> null, "mask " + mask);
    }

    // ------------------------------------------------------------------------------------------
    // Errnos

    private static void errnos(List<Scenario> all) {
        all.add(Scenario.builder("metadata/errno/lookup-missing")
                .title("LOOKUP of a missing name is ENOENT")
                .rule("a missing name is ENOENT (path_resolution(7)); Linux also takes success with node id 0 as a "
                        + "negative entry (fs/fuse/dir.c fuse_lookup_name), which OVMF does not understand "
                        + "(OvmfPkg/VirtioFsDxe/FuseLookup.c maps only ENOENT to EFI_NOT_FOUND)")
                .check(c -> {
                    Steps.init(c.fuse());
                    return absent(c.fuse().lookup(1, "missing.txt"), "ENOENT");
                }));

        all.add(Scenario.builder("metadata/errno/unlink-missing")
                .title("UNLINK of a missing name is ENOENT")
                .rule("unlink(2): ENOENT when a component of pathname does not exist")
                .check(c -> {
                    Steps.init(c.fuse());
                    return Expect.errno(c.fuse().unlink(1, "missing.txt"), Errno.ENOENT);
                }));

        all.add(Scenario.builder("metadata/errno/mkdir-existing")
                .title("MKDIR over an existing file is EEXIST and leaves the file alone")
                .rule("mkdir(2): EEXIST when pathname already exists (not necessarily as a directory)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().mkdir(1, A, 0755), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/symlink-existing")
                .title("SYMLINK over an existing file is EEXIST and leaves the file alone")
                .rule("symlink(2): EEXIST when linkpath already exists")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().symlink(1, A, "elsewhere"), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/mknod-existing")
                .title("MKNOD S_IFREG over an existing file is EEXIST and leaves the file alone")
                .rule("mknod(2): EEXIST when pathname already exists")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().mknod(1, A, S_IFREG | 0644, 0), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/create-excl-existing")
                .title("CREATE with O_CREAT|O_EXCL over an existing file is EEXIST and does not truncate it")
                .rule("open(2): O_CREAT|O_EXCL fails with EEXIST if pathname exists; Linux passes O_EXCL in "
                        + "fuse_create_in.flags (fs/fuse/dir.c fuse_create_open)")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    return keepsFile(c, c.fuse().create(1, A, O_CREAT | O_EXCL | O_RDWR, S_IFREG | 0644),
                            Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/link-existing")
                .title("LINK onto an existing name is EEXIST")
                .rule("link(2): EEXIST when newpath already exists")
                .fixture(Fixtures.file(B, 200).and(Fixtures.file(A, 100)))
                .check(c -> {
                    Steps.init(c.fuse());
                    long node = Steps.lookup(c.fuse(), 1, B);
                    return keepsFile(c, c.fuse().link(node, 1, A), Errno.EEXIST);
                }));

        all.add(Scenario.builder("metadata/errno/lookup-under-file")
                .title("LOOKUP of a name under a regular file is ENOTDIR")
                .rule("path_resolution(7) and openat(2): ENOTDIR when a non-directory is used as a directory")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    long node = Steps.lookup(c.fuse(), 1, A);
                    return Expect.errno(c.fuse().lookup(node, "x"), Errno.ENOTDIR);
                }));

        all.add(Scenario.builder("metadata/errno/rmdir-file")
                .title("RMDIR of a regular file is ENOTDIR and leaves it alone")
                .rule("rmdir(2): ENOTDIR when pathname is not a directory")
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, A);
                    return keepsFile(c, c.fuse().rmdir(1, A), Errno.ENOTDIR);
                }));

        all.add(Scenario.builder("metadata/errno/unlink-dir")
                .title("UNLINK of a directory is EISDIR (EPERM is POSIX's answer) and leaves it alone")
                .rule("unlink(2): EISDIR is Linux's answer for a directory (unlinkat without AT_REMOVEDIR); "
                        + "POSIX says EPERM, which Linux documents as the non-Linux behaviour")
                .fixture(Fixtures.directory(DIR))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, DIR);
                    Verdict v = Expect.errno(c.fuse().unlink(1, DIR), Errno.EISDIR, Errno.EPERM);
                    if (!Files.isDirectory(c.shared().resolve(DIR), LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("the host directory kept", "it is gone");
                    }
                    return v;
                }));

        all.add(Scenario.builder("metadata/errno/rmdir-nonempty")
                .title("RMDIR of a non-empty directory is ENOTEMPTY (EEXIST allowed) and removes nothing")
                .rule("rmdir(2): ENOTEMPTY when the directory contains entries other than . and ..; EEXIST is "
                        + "allowed for the same case (POSIX)")
                .fixture(Fixtures.directory(DIR).and(Fixtures.file(DIR + "/" + A, 10)))
                .check(c -> {
                    Steps.init(c.fuse());
                    Steps.lookup(c.fuse(), 1, DIR);
                    Verdict v = Expect.errno(c.fuse().rmdir(1, DIR), Errno.ENOTEMPTY, Errno.EEXIST);
                    if (!Files.isRegularFile(c.shared().resolve(DIR).resolve(A), LinkOption.NOFOLLOW_LINKS)) {
                        return Verdict.fail("the directory and its file kept", "the file is gone");
                    }
                    return v;
                }));

        all.add(Scenario.builder("metadata/errno/read-unknown-fh")
                .title("READ with a file handle never handed out is EBADF, and the daemon keeps serving")
                .rule("fh is the value OPEN returned (" + FUSE_H + " fuse_read_in); any other is a bad file "
                        + "descriptor, read(2) EBADF; a guest must not be able to crash the daemon with it")
                .fixture(Fixtures.file(A, 4096))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    FuseReply<ByteBuffer> r = c.fuse().read(h.node(), BOGUS_FH, 0, 4096);
                    return Expect.firstOf(Expect.stillServing(c), () -> Expect.errno(r, Errno.EBADF));
                }));

        all.add(Scenario.builder("metadata/errno/read-released-fh")
                .title("READ with a handle already RELEASEd is EBADF, and the daemon keeps serving")
                .rule("after FUSE_RELEASE the fh is dead (" + FUSE_H + "; fs/fuse/file.c fuse_release); using it "
                        + "is read(2) EBADF, and must not reach another file or crash the daemon")
                .fixture(Fixtures.file(A, 4096))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    done(c.fuse().release(h.node(), h.fh()), "RELEASE");
                    FuseReply<ByteBuffer> r = c.fuse().read(h.node(), h.fh(), 0, 4096);
                    return Expect.firstOf(Expect.stillServing(c), () -> Expect.errno(r, Errno.EBADF));
                }));

        all.add(Scenario.builder("metadata/errno/release-unknown-fh")
                .title("RELEASE of a file handle never handed out is EBADF (OK tolerated), and the daemon keeps serving")
                .rule("close(2): EBADF for a descriptor that is not open; Linux ignores RELEASE's answer "
                        + "(fs/fuse/file.c fuse_release_end), so OK is tolerated, EBADF preferred")
                .fixture(Fixtures.file(A, 4096))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), A, O_RDONLY);
                    FuseReply<Void> r = c.fuse().release(h.node(), BOGUS_FH);
                    Verdict serving = Expect.stillServing(c);
                    if (serving != null) {
                        return serving;
                    }
                    Verdict broken = Expect.transport(r.exchange());
                    if (broken != null) {
                        return broken;
                    }
                    if (r.error() == 0) {
                        return Verdict.nonStrict("OK for an unknown handle, allowed (Linux ignores it), but EBADF "
                                + "is close(2)'s answer");
                    }
                    return Expect.errno(r, Errno.EBADF);
                }));
    }

    /** The error expected, and the fixture file {@link #A} of 100 bytes still there, unchanged. */
    static Verdict keepsFile(ScenarioContext c, FuseReply<?> r, Errno preferred) throws IOException {
        Verdict v = Expect.errno(r, preferred);
        Path host = c.shared().resolve(A);
        if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)
                || !Arrays.equals(Files.readAllBytes(host), Fixtures.content(100))) {
            return Verdict.fail("the existing host file left alone (" + preferred + ")", describeHost(host));
        }
        return v;
    }

    /** PASS for ENOENT; NON-STRICT for success with node id 0 (a negative entry); FAIL otherwise. */
    static Verdict absent(FuseReply<EntryOut> r, String passDetail) {
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.isOk()) {
            if (r.value().nodeid() == 0) {
                return Verdict.nonStrict("a negative entry (node id 0): Linux takes it as ENOENT, OVMF does not; "
                        + "ENOENT is preferred");
            }
            return Verdict.fail("ENOENT", "an entry with node " + r.value().nodeid());
        }
        Verdict v = Expect.errno(r, Errno.ENOENT);
        return v.kind() == Verdict.Kind.PASS ? Verdict.pass(passDetail) : v;
    }

    // ------------------------------------------------------------------------------------------
    // Requests without a typed FuseSession call

    static FuseReply<AttrOut> setattr(FuseSession fuse, long node, SetattrIn in) {
        return fuse.call(FuseOpcode.SETATTR, node, List.of(FuseSession.encode(in)), false,
                List.of(new ReplyArg(ReplyArg.Kind.ATTR_OUT, AttrOut.SIZE)), AttrOut::decode,
                "valid=" + FattrFlags.describe(in.valid()) + " " + in);
    }

    static SetattrIn setattrIn(int valid, long fh, long size, long atime, long mtime, int atimeNs, int mtimeNs,
            int mode) {
        return new SetattrIn(valid, fh, size, 0, atime, mtime, 0, atimeNs, mtimeNs, 0, mode, 0, 0);
    }

    static FuseReply<Void> rename(FuseSession fuse, long parent, String name, long newParent, String newName) {
        RenameIn in = new RenameIn(newParent);
        return fuse.call(FuseOpcode.RENAME, parent, List.of(FuseSession.encode(in), FuseSession.names(name, newName)),
                false, List.of(), x -> null, in + " \"" + name + "\" -> \"" + newName + "\"");
    }

    // ------------------------------------------------------------------------------------------
    // Reply steps

    /**
     * The reply is success, or the check ends: UNSUPPORTED for any of {@code optional} (an errno
     * the rule lets this operation answer when it is not implemented), FAIL for anything else or a
     * broken transport. For replies with no body (the typed {@code Void} calls), where
     * {@link FuseReply#isOk()} is never true.
     */
    static void done(FuseReply<?> r, String what, Errno... optional) {
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            throw new VerdictReached(broken);
        }
        Verdict u = unimplemented(r, what, optional);
        if (u != null) {
            throw new VerdictReached(u);
        }
        if (r.error() != 0) {
            throw new VerdictReached(Verdict.fail(what + " to succeed", Errno.describe(r.error())));
        }
    }

    /** As {@link #done}, and the body must have decoded. */
    static <T> T need(FuseReply<T> r, String what, Errno... optional) {
        done(r, what, optional);
        if (r.body().isEmpty()) {
            throw new VerdictReached(Verdict.fail("a " + what + " reply body of the right size",
                    r.exchange().completion().usedLen() + " bytes used"));
        }
        return r.body().get();
    }

    /** UNSUPPORTED when the reply's error is one of {@code optional}, else null. */
    static Verdict unimplemented(FuseReply<?> r, String what, Errno... optional) {
        for (Errno e : optional) {
            if (r.error() == e.errorField()) {
                return Verdict.unsupported(what + " answered " + Errno.describe(r.error())
                        + ", which the rule allows for an unimplemented operation");
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // Host side

    static int hostMode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    static String describeHost(Path p) {
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return "nothing at " + p.getFileName();
            }
            return p.getFileName() + " with mode " + octal(hostMode(p)) + ", " + Files.size(p) + " bytes";
        } catch (IOException e) {
            return p.getFileName() + ": " + e.getMessage();
        }
    }

    static Verdict hostBytes(ScenarioContext c, String name, byte[] want, String what) throws IOException {
        byte[] host = Files.readAllBytes(c.shared().resolve(name));
        if (!Arrays.equals(host, want)) {
            return Verdict.fail(what, host.length + " bytes" + (host.length == want.length ? " that differ" : ""));
        }
        return Verdict.pass(what);
    }

    /** The value of user.{@code name} on the host file, null when it has none. */
    static byte[] hostXattr(Path p, String name) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        if (!view.list().contains(name)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(view.size(name));
        view.read(name, b);
        return Arrays.copyOf(b.array(), b.position());
    }

    static String octal(int mode) {
        return "0" + Integer.toOctalString(mode);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static String string(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------
    // Fixtures

    /** Sets user.{@code name} on a fixture file (the JDK adds the "user." prefix). */
    static Fixture xattr(String file, String name, String value) {
        return shared -> Files.getFileAttributeView(shared.resolve(file), UserDefinedFileAttributeView.class)
                .write(name, ByteBuffer.wrap(bytes(value)));
    }

    static Fixture perms(String file, String perms) {
        return shared -> Files.setPosixFilePermissions(shared.resolve(file), PosixFilePermissions.fromString(perms));
    }

    /** Sets a fixture file's atime and mtime (seconds since the epoch). */
    static Fixture times(String file, long atime, long mtime) {
        return shared -> Files.getFileAttributeView(shared.resolve(file), BasicFileAttributeView.class)
                .setTimes(FileTime.from(Instant.ofEpochSecond(mtime)), FileTime.from(Instant.ofEpochSecond(atime)),
                        null);
    }

    /** 4096 bytes of data, a hole up to 1 MiB, 4096 bytes of data: 1 MiB + 4096 bytes. */
    static Fixture sparse(String file) {
        return shared -> {
            try (FileChannel ch = FileChannel.open(shared.resolve(file), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(Fixtures.content(4096)), 0);
                ch.write(ByteBuffer.wrap(Fixtures.content(4096)), MIB);
            }
        };
    }
}
