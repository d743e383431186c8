package dev.vfc.server;

import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.CopyFileRangeIn;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FallocateIn;
import dev.vfc.fuse.FlushIn;
import dev.vfc.fuse.FsyncFlags;
import dev.vfc.fuse.FsyncIn;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.LseekIn;
import dev.vfc.fuse.LseekOut;
import dev.vfc.fuse.OpenIn;
import dev.vfc.fuse.OpenOut;
import dev.vfc.fuse.ReadIn;
import dev.vfc.fuse.ReleaseIn;
import dev.vfc.fuse.WriteIn;
import dev.vfc.fuse.WriteOut;

/** Open files: OPEN, READ, WRITE, FLUSH, RELEASE, FSYNC, FALLOCATE, LSEEK, COPY_FILE_RANGE. */
final class FileOps {

    /**
     * The most one filesystem call moves: the interface's sizes are Java ints, while a driver may
     * ask for up to 4 GiB - 1 in one request (OVMF reads a whole file at once: edk2-stable202211
     * OvmfPkg/VirtioFsDxe/SimpleFsRead.c). Larger requests are served as several calls at advancing
     * offsets; page-aligned so that every call but the last starts on a page boundary.
     */
    static final int CHUNK = Integer.MAX_VALUE & ~0xFFF;

    /** fuse_out_header.len and virtio's used.len are u32 (virtio 1.3 §2.7.8). */
    private static final long MAX_REPLY = 0xFFFF_FFFFL;

    private final FileSystem fs;

    FileOps(FileSystem fs) {
        this.fs = fs;
    }

    void register(Dispatcher d) {
        d.on(FuseOpcode.OPEN, OpenIn.SIZE, OpenOut.SIZE, this::open)
                .on(FuseOpcode.READ, ReadIn.SIZE, Route.VARIABLE, this::read)
                .streaming(FuseOpcode.WRITE, WriteIn.SIZE, WriteOut.SIZE, this::write)
                .on(FuseOpcode.FLUSH, FlushIn.SIZE, 0, this::flush)
                .on(FuseOpcode.RELEASE, ReleaseIn.SIZE, 0, this::release)
                .on(FuseOpcode.FSYNC, FsyncIn.SIZE, 0, this::fsync)
                .on(FuseOpcode.FALLOCATE, FallocateIn.SIZE, 0, this::fallocate)
                .on(FuseOpcode.LSEEK, LseekIn.SIZE, LseekOut.SIZE, this::lseek)
                .on(FuseOpcode.COPY_FILE_RANGE, CopyFileRangeIn.SIZE, WriteOut.SIZE, this::copyFileRange);
    }

    private Reply open(Request r) throws FsException {
        Opened o = fs.open(r.ctx(), r.nodeid(), OpenIn.decode(r.body()).flags());
        return Reply.of(new OpenOut(o.fh(), o.openFlags()));
    }

    /**
     * READ: the data goes from the file straight into the guest's buffers after the 16 bytes kept
     * for the header, and never more than {@code size} bytes of it, however much room the chain has
     * (the C virtiofsd of QEMU 7.2 and the Rust one both over-read there: this suite's
     * sizing/read/larger-buffer findings).
     *
     * <p>A chain with less room than 16 + size gets E2BIG, as from the C virtiofsd, and the
     * filesystem is not called. Virtio 1.3 §2.7.4.2 forbids writing beyond the device-writable
     * buffers, and a short read would be taken as end of file by Linux (fs/fuse/file.c,
     * fuse_short_read, which also shrinks the cached file size), silently truncating the guest's view,
     * so an explicit errno is the only honest answer. With fewer than 16 writable bytes nothing can be
     * written at all: the used length is 0.
     */
    private Reply read(Request r) throws FsException {
        ReadIn in = ReadIn.decode(r.body());
        long size = Integer.toUnsignedLong(in.size());
        ChainWriter reply = r.reply();
        long room = reply.remaining();
        if (room < FuseOutHeader.SIZE + size || FuseOutHeader.SIZE + size > MAX_REPLY) {
            throw new Rejected(Errno.E2BIG, "READ of " + size + " bytes needs " + (FuseOutHeader.SIZE + size)
                    + " writable bytes, the chain has " + room);
        }
        ChainWriter data = reply.split(FuseOutHeader.SIZE);
        if (data.remaining() > size) {
            data.split(size);
        }
        long done = 0;
        while (done < size) {
            int chunk = (int) Math.min(size - done, CHUNK);
            long n = fs.read(r.ctx(), r.nodeid(), in.fh(), in.offset() + done, chunk, data);
            checkCount("read", n, chunk);
            done += n;
            if (n < chunk) {
                break;
            }
        }
        if (data.written() != done) {
            throw new IllegalStateException("filesystem reported " + done + " bytes read but put " + data.written()
                    + " into the chain");
        }
        return new Reply.Streamed(done);
    }

    /**
     * WRITE: the data bytes after fuse_write_in must be exactly {@code size}, checked before the
     * filesystem is called, so a malformed WRITE changes nothing (EINVAL). The Rust virtiofsd
     * writes the whole payload first and fails afterwards (virtiofsd 1.13 src/server.rs write); the
     * C one refuses with EIO. There is no cap besides the chain: max_write is what we offer, not a
     * limit on what we serve.
     */
    private Reply write(Request r) throws FsException {
        WriteIn in = WriteIn.decode(r.body());
        long size = Integer.toUnsignedLong(in.size());
        if (r.payloadLength() != size) {
            throw new Rejected(Errno.EINVAL, "WRITE says " + size + " bytes but carries " + r.payloadLength());
        }
        long done = 0;
        while (done < size) {
            int chunk = (int) Math.min(size - done, CHUNK);
            long n = fs.write(r.ctx(), r.nodeid(), in.fh(), in.offset() + done, chunk, r.payload(), in.writeFlags());
            checkCount("write", n, chunk);
            done += n;
            if (n < chunk) {
                break;
            }
        }
        return Reply.of(new WriteOut((int) done));
    }

    private Reply flush(Request r) throws FsException {
        fs.flush(r.ctx(), r.nodeid(), FlushIn.decode(r.body()).fh());
        return Reply.EMPTY;
    }

    private Reply release(Request r) throws FsException {
        ReleaseIn in = ReleaseIn.decode(r.body());
        fs.release(r.ctx(), r.nodeid(), in.fh(), in.flags());
        return Reply.EMPTY;
    }

    private Reply fsync(Request r) throws FsException {
        FsyncIn in = FsyncIn.decode(r.body());
        fs.fsync(r.ctx(), r.nodeid(), in.fh(), (in.fsyncFlags() & FsyncFlags.FDATASYNC) != 0);
        return Reply.EMPTY;
    }

    private Reply fallocate(Request r) throws FsException {
        FallocateIn in = FallocateIn.decode(r.body());
        fs.fallocate(r.ctx(), r.nodeid(), in.fh(), in.mode(), in.offset(), in.length());
        return Reply.EMPTY;
    }

    private Reply lseek(Request r) throws FsException {
        LseekIn in = LseekIn.decode(r.body());
        return Reply.of(new LseekOut(fs.lseek(r.ctx(), r.nodeid(), in.fh(), in.offset(), in.whence())));
    }

    /** The reply is a fuse_write_out, whose size is a u32 (Linux caps len accordingly). */
    private Reply copyFileRange(Request r) throws FsException {
        CopyFileRangeIn in = CopyFileRangeIn.decode(r.body());
        long n = fs.copyFileRange(r.ctx(), r.nodeid(), in.fhIn(), in.offIn(), in.nodeidOut(), in.fhOut(),
                in.offOut(), in.len(), in.flags());
        if (n < 0 || n > MAX_REPLY || Long.compareUnsigned(n, in.len()) > 0) {
            throw new IllegalStateException("filesystem copied " + n + " bytes of " + Long.toUnsignedString(in.len()));
        }
        return Reply.of(new WriteOut((int) n));
    }

    /** A filesystem that claims more than it was asked for breaks the reply's length: EIO. */
    private static void checkCount(String op, long n, int asked) {
        if (n < 0 || n > asked) {
            throw new IllegalStateException("filesystem " + op + " returned " + n + " for " + asked + " bytes");
        }
    }
}
