package dev.vfc.driver;

import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.vhostuser.VirtioFeatures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux's virtio_fs driver (fs/fuse/virtio_fs.c {@code virtio_fs_enqueue_req}, 6.1): one
 * scatter-gather entry per FUSE argument, bulk data in page-sized entries, and indirect
 * descriptors whenever INDIRECT_DESC was negotiated (virtio_ring uses them for any chain of
 * more than one entry). READs are capped at {@code max_pages} pages, 32 when the daemon did
 * not grant FUSE_MAX_PAGES (fs/fuse/inode.c {@code FUSE_DEFAULT_MAX_PAGES_PER_REQ}).
 */
public record LinuxProfile(boolean indirect) implements DriverProfile {

    public static final int PAGE_SIZE = 4096;
    private static final int DEFAULT_MAX_PAGES = 32;
    private static final int HEADER_OVERHEAD = 4;
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
    public ChainLayout layout(FuseRequest request, boolean indirectAvailable) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(request.header()));
        List<ByteBuffer> args = request.args();
        for (int i = 0; i < args.size(); i++) {
            boolean data = request.dataArg() && i == args.size() - 1;
            if (data) {
                addReadablePages(segments, args.get(i));
            } else {
                segments.add(Segment.readable(args.get(i)));
            }
        }
        segments.add(Segment.writable(FuseOutHeader.SIZE));
        for (ReplyArg arg : request.reply()) {
            if (arg.kind() == ReplyArg.Kind.DATA) {
                addWritablePages(segments, arg.size());
            } else {
                segments.add(Segment.writable(arg.size()));
            }
        }
        return new ChainLayout(segments, indirect && indirectAvailable && segments.size() > 1);
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

    /**
     * {@code max_pages} pages; without indirect descriptors the chain must also fit the ring,
     * so pages are capped at queue size minus the header descriptors, as virtio_fs.c has done
     * since Linux 6.10 ({@code FUSE_HEADER_OVERHEAD} = 4).
     */
    @Override
    public long maxReadSize(int maxPages, boolean maxPagesGranted, int queueSize) {
        long pages = maxPagesGranted ? Math.max(1, maxPages) : DEFAULT_MAX_PAGES;
        if (!indirect) {
            pages = Math.min(pages, queueSize - HEADER_OVERHEAD);
        }
        return pages * PAGE_SIZE;
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
