package dev.vfc.driver;

import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.vhostuser.VirtioFeatures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux's virtio_fs driver as Debian's 6.1 kernel (the suite's guest) runs it.
 *
 * <p>Layout, fs/fuse/virtio_fs.c {@code virtio_fs_enqueue_req} and {@code sg_init_fuse_args}
 * (6.1): the in-header is one entry; all other in-arguments are copied into one bounce buffer
 * ({@code copy_args_to_argbuf}) and sent as ONE entry; bulk data (WRITE payload, READ /
 * READDIR / READLINK data) goes in page-sized entries ({@code sg_init_fuse_pages}); the reply
 * side likewise: out-header, one entry for all non-page out-arguments, then pages. virtio_ring
 * puts any chain of more than one entry into an indirect table once INDIRECT_DESC was
 * negotiated.
 *
 * <p>Sizes: fs/fuse/inode.c {@code fuse_conn_init} starts with {@code max_pages} =
 * FUSE_DEFAULT_MAX_PAGES_PER_REQ (32) and {@code max_pages_limit} = FUSE_MAX_MAX_PAGES (256);
 * fs/fuse/virtio_fs.c {@code virtio_fs_get_tree} lowers the limit to the request queue's size
 * minus FUSE_HEADER_OVERHEAD (4), with indirect descriptors or without (commit a7f0d7aab0b4
 * "virtiofs: split requests that exceed virtqueue size", 2021, in every kernel since 5.13 and
 * backported to 5.10.y; a 2025 proposal to lift it in indirect mode was declined for breaking
 * virtio 1.3 §2.7.5.3.1); {@code process_init_reply} sets {@code max_pages} =
 * min(limit, max(1, init_out.max_pages)) only when the reply grants FUSE_MAX_PAGES, and
 * {@code max_write} = max(4096, init_out.max_write). fs/fuse/file.c reads and writes at most
 * {@code max_pages} pages, and at most {@code max_read} (virtio_fs_ctx_set_defaults: UINT_MAX) or
 * {@code max_write} bytes, per request ({@code fuse_direct_io}, {@code fuse_fill_write_pages},
 * readahead); fs/fuse/readdir.c {@code fuse_readdir_uncached} asks for one page. On QEMU 7.2's
 * 128-entry queue the largest READ is therefore 124 pages, 507,904 bytes.
 */
public record LinuxProfile(boolean indirect) implements DriverProfile {

    public static final int PAGE_SIZE = 4096;
    /** fs/fuse/fuse_i.h FUSE_DEFAULT_MAX_PAGES_PER_REQ. */
    public static final int DEFAULT_MAX_PAGES = 32;
    /** fs/fuse/fuse_i.h FUSE_MAX_MAX_PAGES. */
    public static final int MAX_MAX_PAGES = 256;
    /** fs/fuse/virtio_fs.c FUSE_HEADER_OVERHEAD. */
    public static final int HEADER_OVERHEAD = 4;
    /** fs/fuse/virtio_fs.c virtio_fs_ctx_set_defaults: {@code max_read} = UINT_MAX. */
    public static final long VIRTIOFS_MAX_READ = 0xFFFF_FFFFL;
    private static final long DRIVER_FEATURES = VirtioFeatures.VERSION_1 | VirtioFeatures.RING_INDIRECT_DESC
            | VirtioFeatures.RING_EVENT_IDX;

    @Override
    public String name() {
        return indirect ? "linux" : "linux-direct";
    }

    @Override
    public long ackedFeatures(long offered) {
        long wanted = indirect ? DRIVER_FEATURES : DRIVER_FEATURES & ~VirtioFeatures.RING_INDIRECT_DESC;
        return offered & wanted;
    }

    @Override
    public boolean usesHiprio() {
        return true;
    }

    @Override
    public boolean polls() {
        return false;
    }

    /**
     * What fs/fuse/inode.c {@code fuse_send_init} offers from a virtio-fs mount (no DAX),
     * spoken at this machine's header version, 7.38, with the 64-byte body.
     */
    @Override
    public InitIn initRequest() {
        long flags = FuseInitFlags.ASYNC_READ | FuseInitFlags.POSIX_LOCKS | FuseInitFlags.ATOMIC_O_TRUNC
                | FuseInitFlags.EXPORT_SUPPORT | FuseInitFlags.BIG_WRITES | FuseInitFlags.DONT_MASK
                | FuseInitFlags.SPLICE_WRITE | FuseInitFlags.SPLICE_MOVE | FuseInitFlags.SPLICE_READ
                | FuseInitFlags.FLOCK_LOCKS | FuseInitFlags.HAS_IOCTL_DIR | FuseInitFlags.AUTO_INVAL_DATA
                | FuseInitFlags.DO_READDIRPLUS | FuseInitFlags.READDIRPLUS_AUTO | FuseInitFlags.ASYNC_DIO
                | FuseInitFlags.WRITEBACK_CACHE | FuseInitFlags.NO_OPEN_SUPPORT | FuseInitFlags.PARALLEL_DIROPS
                | FuseInitFlags.HANDLE_KILLPRIV | FuseInitFlags.POSIX_ACL | FuseInitFlags.ABORT_ERROR
                | FuseInitFlags.MAX_PAGES | FuseInitFlags.CACHE_SYMLINKS | FuseInitFlags.NO_OPENDIR_SUPPORT
                | FuseInitFlags.EXPLICIT_INVAL_DATA | FuseInitFlags.SUBMOUNTS | FuseInitFlags.HANDLE_KILLPRIV_V2
                | FuseInitFlags.SETXATTR_EXT | FuseInitFlags.INIT_EXT | FuseInitFlags.SECURITY_CTX;
        return InitIn.of(7, 38, 128 * 1024, flags);
    }

    @Override
    public int initBodySize() {
        return InitIn.SIZE;
    }

    @Override
    public String modelledVersion() {
        return "Linux 6.1 (Debian bookworm) fs/fuse/virtio_fs.c, fs/fuse/inode.c, fs/fuse/file.c";
    }

    @Override
    public ChainLayout layout(FuseRequest request, boolean indirectAvailable) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(request.header()));
        List<ByteBuffer> args = request.args();
        int fixedArgs = request.dataArg() ? args.size() - 1 : args.size();
        ByteBuffer argbuf = concat(args.subList(0, fixedArgs));
        if (argbuf.hasRemaining()) {
            segments.add(Segment.readable(argbuf));
        }
        if (request.dataArg()) {
            addReadablePages(segments, args.get(args.size() - 1));
        }
        segments.add(Segment.writable(FuseOutHeader.SIZE));
        boolean pagedReply = PAGED_REPLIES.contains(opcodeOf(request));
        int fixedReply = 0;
        int data = -1;
        for (ReplyArg arg : request.reply()) {
            if (arg.kind() == ReplyArg.Kind.DATA && pagedReply) {
                data = arg.size();
            } else {
                fixedReply += arg.size();
            }
        }
        if (fixedReply > 0) {
            segments.add(Segment.writable(fixedReply));
        }
        if (data > 0) {
            addWritablePages(segments, data);
        }
        return new ChainLayout(segments, indirect && indirectAvailable && segments.size() > 1);
    }

    /** Opcodes whose reply data fs/fuse puts in pages ({@code out_pages}): READ, READDIR(PLUS), READLINK. */
    private static final java.util.Set<Integer> PAGED_REPLIES = java.util.Set.of(ChainShape.READ,
            ChainShape.READDIR, ChainShape.READDIRPLUS, ChainShape.READLINK);

    private static int opcodeOf(FuseRequest request) {
        ByteBuffer h = request.header();
        return h.remaining() >= 8 ? h.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(h.position() + 4) : -1;
    }

    private static ByteBuffer concat(List<ByteBuffer> parts) {
        ByteBuffer out = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::remaining).sum());
        parts.forEach(p -> out.put(p.duplicate()));
        return out.flip();
    }

    /**
     * virtio_fs.c {@code send_forget_request}: header and body are one {@code struct
     * virtio_fs_forget_req}, put on the hiprio queue as a single out buffer ({@code sg_init_one}).
     */
    @Override
    public ChainLayout layoutWithoutReply(FuseRequest request) {
        ByteBuffer whole = ByteBuffer.allocate(request.length());
        whole.put(request.header().duplicate());
        request.args().forEach(arg -> whole.put(arg.duplicate()));
        return new ChainLayout(List.of(Segment.readable(whole.flip())), false);
    }

    /** The connection's {@code max_pages} as 6.1 computes it from the queue and the INIT reply. */
    public static int maxPages(InitGrant grant, int queueSize) {
        int limit = Math.min(MAX_MAX_PAGES, queueSize - HEADER_OVERHEAD);
        return grant.maxPagesGranted() ? Math.min(limit, Math.max(1, grant.maxPages())) : DEFAULT_MAX_PAGES;
    }

    /**
     * The largest READ 6.1 sends: {@code max_pages} pages, and at most {@code maxRead} bytes
     * (the mount's {@code max_read}; {@link #VIRTIOFS_MAX_READ} for virtiofs).
     */
    public static long largestRead(InitGrant grant, int queueSize, long maxRead) {
        return Math.min((long) maxPages(grant, queueSize) * PAGE_SIZE, Math.max(PAGE_SIZE, maxRead));
    }

    /** The largest WRITE 6.1 sends: {@code max_pages} pages and at most max(4096, {@code max_write}) bytes. */
    public static long largestWrite(InitGrant grant, int queueSize) {
        return Math.min((long) maxPages(grant, queueSize) * PAGE_SIZE, Math.max(PAGE_SIZE, grant.maxWrite()));
    }

    @Override
    public RequestLimits limits(InitGrant grant, int queueSize, boolean indirectNegotiated) {
        return new RequestLimits(queueSize, largestRead(grant, queueSize, VIRTIOFS_MAX_READ),
                largestWrite(grant, queueSize), indirect && indirectNegotiated);
    }

    @Override
    public Optional<String> wouldNotBuild(ChainLayout layout, RequestLimits limits) {
        return LinuxShapes.violation(ChainShape.of(layout), limits);
    }

    private static void addReadablePages(List<Segment> segments, ByteBuffer data) {
        ByteBuffer rest = data.duplicate();
        while (rest.hasRemaining()) {
            int n = Math.min(PAGE_SIZE, rest.remaining());
            segments.add(Segment.readable(rest.slice(rest.position(), n)));
            rest.position(rest.position() + n);
        }
    }

    private static void addWritablePages(List<Segment> segments, int size) {
        for (int left = size; left > 0; left -= PAGE_SIZE) {
            segments.add(Segment.writable(Math.min(PAGE_SIZE, left)));
        }
    }
}
