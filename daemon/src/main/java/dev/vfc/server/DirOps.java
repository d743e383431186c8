package dev.vfc.server;

import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.Direntplus;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FsyncFlags;
import dev.vfc.fuse.FsyncIn;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseKernel;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.OpenIn;
import dev.vfc.fuse.OpenOut;
import dev.vfc.fuse.ReadIn;
import dev.vfc.fuse.ReleaseIn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Directories: OPENDIR, READDIR, READDIRPLUS, RELEASEDIR, FSYNCDIR. */
final class DirOps {

    /** fuse_out_header.len and virtio's used.len are u32 (virtio 1.3 §2.7.8). */
    private static final long MAX_BODY = 0xFFFF_FFFFL - FuseOutHeader.SIZE;

    private final FileSystem fs;

    DirOps(FileSystem fs) {
        this.fs = fs;
    }

    void register(Dispatcher d) {
        d.on(FuseOpcode.OPENDIR, OpenIn.SIZE, OpenOut.SIZE, this::opendir)
                .on(FuseOpcode.READDIR, ReadIn.SIZE, Route.VARIABLE, r -> readdir(r, false))
                .on(FuseOpcode.READDIRPLUS, ReadIn.SIZE, Route.VARIABLE, r -> readdir(r, true))
                .on(FuseOpcode.RELEASEDIR, ReleaseIn.SIZE, 0, this::releasedir)
                .on(FuseOpcode.FSYNCDIR, FsyncIn.SIZE, 0, this::fsyncdir);
    }

    private Reply opendir(Request r) throws FsException {
        Opened o = fs.opendir(r.ctx(), r.nodeid(), OpenIn.decode(r.body()).flags());
        return Reply.of(new OpenOut(o.fh(), o.openFlags()));
    }

    /**
     * Fills at most min(size, room - 16) bytes with whole records, each padded to 8 bytes: Linux
     * (fs/fuse/readdir.c) and OVMF (edk2-stable202211 OvmfPkg/VirtioFsDxe/SimpleFsRead.c) parse
     * only whole records, and a reply shorter than {@code size} is not end of directory unless it
     * is empty, so using less than the asked size when the chain is smaller is honest, unlike for
     * READ. When not even the first record fits, an empty reply would mean end of directory, so we
     * answer instead: E2BIG when it would fit in {@code size} but the chain is too small (as for
     * READ), EINVAL when {@code size} itself is too small (getdents(2): "Result buffer is too
     * small").
     *
     * <p>READDIRPLUS is ENOSYS unless this session negotiated FUSE_DO_READDIRPLUS.
     */
    private Reply readdir(Request r, boolean plus) throws FsException {
        if (plus && !r.session().has(FuseInitFlags.DO_READDIRPLUS)) {
            throw new Rejected(Errno.ENOSYS, "READDIRPLUS without FUSE_DO_READDIRPLUS negotiated");
        }
        ReadIn in = ReadIn.decode(r.body());
        long size = Integer.toUnsignedLong(in.size());
        ChainWriter reply = r.reply();
        if (reply.remaining() < FuseOutHeader.SIZE) {
            throw new Rejected(Errno.E2BIG, "no room for fuse_out_header");
        }
        ChainWriter body = reply.split(FuseOutHeader.SIZE);
        RecordSink sink = new RecordSink(body, Math.min(Math.min(size, body.remaining()), MAX_BODY), plus);
        fs.readdir(r.ctx(), r.nodeid(), in.fh(), in.offset(), sink);
        if (sink.accepted == 0 && sink.refusedLength > 0) {
            if (sink.refusedLength <= size) {
                throw new Rejected(Errno.E2BIG, "the next record (" + sink.refusedLength + " bytes) fits READDIR size "
                        + size + " but not the chain's " + body.remaining() + " bytes of room");
            }
            throw new Rejected(Errno.EINVAL, "READDIR size " + size + " is too small for the next record ("
                    + sink.refusedLength + " bytes)");
        }
        return new Reply.Streamed(sink.used);
    }

    private Reply releasedir(Request r) throws FsException {
        fs.releasedir(r.ctx(), r.nodeid(), ReleaseIn.decode(r.body()).fh());
        return Reply.EMPTY;
    }

    private Reply fsyncdir(Request r) throws FsException {
        FsyncIn in = FsyncIn.decode(r.body());
        fs.fsyncdir(r.ctx(), r.nodeid(), in.fh(), (in.fsyncFlags() & FsyncFlags.FDATASYNC) != 0);
        return Reply.EMPTY;
    }

    /**
     * Encodes each accepted entry straight into the chain. Once it refuses an entry it refuses all
     * later ones too, so a filesystem that keeps offering cannot make a smaller later entry jump the
     * queue and the refused one vanish from the listing.
     */
    static final class RecordSink implements DirectorySink {
        private final ChainWriter out;
        private final long limit;
        private final boolean plus;
        long used;
        int accepted;
        /** Length of the first refused record, 0 while none was refused. */
        int refusedLength;

        RecordSink(ChainWriter out, long limit, boolean plus) {
            this.out = out;
            this.limit = limit;
            this.plus = plus;
        }

        @Override
        public boolean plus() {
            return plus;
        }

        /**
         * @throws IllegalArgumentException for an entry Linux would reject: an empty name or one over
         *         FUSE_NAME_MAX (fs/fuse/readdir.c answers EIO), or READDIRPLUS without its entry
         */
        @Override
        public boolean add(Dirent dirent, EntryOut entry) {
            if (refusedLength > 0) {
                return false;
            }
            int namelen = dirent.namelen();
            if (namelen == 0 || namelen > FuseKernel.NAME_MAX) {
                throw new IllegalArgumentException("directory entry name of " + namelen + " bytes");
            }
            if (plus && entry == null) {
                throw new IllegalArgumentException("READDIRPLUS entry without its fuse_entry_out");
            }
            int length = DirentStream.recordLength(namelen, plus);
            if (used + length > limit) {
                refusedLength = length;
                return false;
            }
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            if (plus) {
                DirentStream.encodePlus(b, new Direntplus(entry, dirent));
            } else {
                DirentStream.encode(b, dirent);
            }
            out.write(b.flip());
            used += length;
            accepted++;
            return true;
        }
    }
}
