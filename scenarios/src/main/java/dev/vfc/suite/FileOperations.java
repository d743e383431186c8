package dev.vfc.suite;

import static dev.vfc.suite.Fixtures.perms;
import static dev.vfc.suite.Fixtures.sparse;
import static dev.vfc.suite.HostFiles.hostBytes;
import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.DIR;
import static dev.vfc.suite.Metadata.FALLOC_FL_KEEP_SIZE;
import static dev.vfc.suite.Metadata.FALLOC_FL_PUNCH_HOLE;
import static dev.vfc.suite.Metadata.FUSE_H;
import static dev.vfc.suite.Metadata.MIB;
import static dev.vfc.suite.Metadata.R_OK;
import static dev.vfc.suite.Metadata.SEEK_DATA;
import static dev.vfc.suite.Metadata.SEEK_HOLE;
import static dev.vfc.suite.Metadata.W_OK;
import static dev.vfc.suite.Metadata.X_OK;
import static dev.vfc.suite.Steps.done;
import static dev.vfc.suite.Steps.need;
import static dev.vfc.suite.Steps.unimplemented;
import static dev.vfc.syscall.PosixFiles.O_RDONLY;
import static dev.vfc.syscall.PosixFiles.O_RDWR;
import static dev.vfc.syscall.PosixFiles.O_TRUNC;
import static dev.vfc.syscall.PosixFiles.O_WRONLY;

import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.AccessIn;
import dev.vfc.fuse.CopyFileRangeIn;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FallocateIn;
import dev.vfc.fuse.FlushIn;
import dev.vfc.fuse.FsyncFlags;
import dev.vfc.fuse.FsyncIn;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitOut;
import dev.vfc.fuse.LseekIn;
import dev.vfc.fuse.LseekOut;
import dev.vfc.fuse.WriteOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LSEEK, FALLOCATE, FLUSH, FSYNC, FSYNCDIR, COPY_FILE_RANGE and ACCESS on open files. Operations
 * the kernel lets a daemon leave unimplemented (it remembers ENOSYS in {@code fc->no_lseek},
 * {@code no_fallocate}, {@code no_flush}, ...; fs/fuse/*.c of Linux 6.1) are UNSUPPORTED when
 * they answer ENOSYS.
 */
final class FileOperations {

    private FileOperations() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        fileOperations(all);
        return all;
    }

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

        all.add(Scenario.builder("metadata/open/truncate")
                .title("OPEN with O_WRONLY|O_TRUNC, as Linux sends it to a daemon that granted FUSE_ATOMIC_O_TRUNC, "
                        + "empties the host file")
                .rule("with FUSE_ATOMIC_O_TRUNC granted Linux 6.1 keeps O_TRUNC in fuse_open_in.flags and does not "
                        + "truncate by SETATTR (fs/fuse/file.c fuse_send_open: \"if (!fm->fc->atomic_o_trunc) "
                        + "inarg.flags &= ~O_TRUNC\"), so the daemon must open as open(2) with O_TRUNC: the file's "
                        + "length becomes 0")
                .fixture(Fixtures.file(A, 1000))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    InitOut init = Steps.require(fuse.init(), "INIT");
                    if ((init.allFlags() & FuseInitFlags.ATOMIC_O_TRUNC) == 0) {
                        return Verdict.unsupported("the daemon did not grant FUSE_ATOMIC_O_TRUNC, so Linux 6.1 "
                                + "truncates with SETATTR and never sends O_TRUNC in OPEN");
                    }
                    long node = Steps.lookup(fuse, 1, A);
                    long fh = Steps.require(fuse.open(node, O_WRONLY | O_TRUNC), "OPEN O_TRUNC").fh();
                    done(fuse.release(node, fh), "RELEASE");
                    return hostBytes(c, A, new byte[0], "an empty file");
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
}
