package dev.vfc.server;

import static dev.vfc.fuse.FuseInitFlags.*;

import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseKernel;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.fuse.StatfsOut;
import dev.vfc.fuse.SyncfsIn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The session and the filesystem as a whole: INIT, DESTROY, INTERRUPT, STATFS, SYNCFS.
 *
 * <h2>INIT</h2>
 * <ul>
 * <li>We speak 7.38 and always answer minor 38. fuse.h ("Version negotiation") has both sides use
 *     the smaller minor, and each side computes that itself: Linux stores our minor and gates every
 *     feature on {@code minor >= N} for an N it knows (fs/fuse/inode.c, process_init_reply), OVMF
 *     only requires at least 7.31 (edk2-stable202211 OvmfPkg/VirtioFsDxe/FuseInit.c), and libfuse
 *     and the Rust virtiofsd also answer their own minor. Our layouts follow the smaller minor
 *     ({@link InitOut#replySize}).</li>
 * <li>Drivers below 7.27 get EPROTO, the Rust virtiofsd's MIN_KERNEL_MINOR_VERSION (virtiofsd
 *     1.13 src/server.rs); the C virtiofsd draws the line at 7.31. A major below 7 gets EPROTO
 *     too.</li>
 * <li>A major above 7 gets a full fuse_init_out holding only 7.38 and no session is opened: fuse.h
 *     tells the side with the lower major to "reply with the major version it supports, ignore the
 *     rest of the INIT message and expect a new INIT message"; libfuse and the Rust virtiofsd do the
 *     same. (Linux itself treats any major other than 7 in the reply as a failed INIT.)</li>
 * <li>Flags are those the driver offered that we serve: {@link #SERVER_FLAGS} always, plus those
 *     {@link FileSystem#init} asks for among {@link #FILESYSTEM_FLAGS}. Flags that would route requests
 *     here which we answer with ENOSYS (POSIX_LOCKS, FLOCK_LOCKS, HAS_IOCTL_DIR, DAX), need
 *     notifications (EXPLICIT_INVAL_DATA, EXPIRE_ONLY), request extensions the interface cannot pass on
 *     (SECURITY_CTX), or NFS export semantics (EXPORT_SUPPORT) are never granted, whatever the
 *     filesystem says. flags2 is only non-zero when the driver offered INIT_EXT.</li>
 * <li>A second INIT first ends the running session with {@link FileSystem#destroy()}: OVMF at every
 *     driver start and a guest after a reboot send INIT again without DESTROY (edk2-stable202211
 *     OvmfPkg/VirtioFsDxe/DriverBinding.c); the C virtiofsd does the same on virtio. It ends it
 *     even when the new INIT is then refused: the driver that sent it has forgotten the old node
 *     ids.</li>
 * </ul>
 */
final class SessionOps {

    /** Flags the server serves by itself, granted whenever offered. */
    static final long SERVER_FLAGS = ASYNC_READ | BIG_WRITES | ATOMIC_O_TRUNC | DO_READDIRPLUS | READDIRPLUS_AUTO
            | PARALLEL_DIROPS | AUTO_INVAL_DATA | ASYNC_DIO | MAX_PAGES | INIT_EXT;

    /**
     * Flags only the filesystem can honour (cache modes, privilege and ACL handling, the
     * SETXATTR_EXT layout, which the server decodes either way); granted when offered and asked for.
     */
    static final long FILESYSTEM_FLAGS = WRITEBACK_CACHE | HANDLE_KILLPRIV | HANDLE_KILLPRIV_V2 | POSIX_ACL
            | DONT_MASK | SETXATTR_EXT | CACHE_SYMLINKS | SUBMOUNTS;

    /** Below this driver minor: EPROTO (the Rust virtiofsd's MIN_KERNEL_MINOR_VERSION). */
    static final int MIN_MINOR = 27;
    static final int MAX_BACKGROUND = 64;
    static final int CONGESTION_THRESHOLD = 48;
    /** Nanosecond timestamps: fuse_init_out.time_gran 1. */
    static final int TIME_GRAN = 1;

    private final FileSystem fs;
    private final ServerOptions options;
    private final SessionState state;

    SessionOps(FileSystem fs, ServerOptions options, SessionState state) {
        this.fs = fs;
        this.options = options;
        this.state = state;
    }

    void register(Dispatcher d) {
        d.on(FuseOpcode.INIT, InitIn.SIZE_COMPAT, InitOut.SIZE, this::init)
                .on(FuseOpcode.DESTROY, 0, 0, this::destroy)
                .on(FuseOpcode.INTERRUPT, 0, 0, r -> Reply.NONE)
                .on(FuseOpcode.STATFS, 0, StatfsOut.SIZE,
                        r -> Reply.of(new StatfsOut(fs.statfs(r.ctx(), r.nodeid()))))
                .on(FuseOpcode.SYNCFS, SyncfsIn.SIZE, 0, this::syncfs);
    }

    private Reply init(Request r) {
        InitIn in = InitIn.decode(r.body(), r.body().remaining());
        synchronized (state) {
            state.end(fs);
            if (in.major() < FuseKernel.VERSION) {
                throw new Rejected(Errno.EPROTO, "driver speaks FUSE " + in.major() + "." + in.minor());
            }
            if (in.major() > FuseKernel.VERSION) {
                return Reply.of(new InitOut(FuseKernel.VERSION, FuseKernel.MINOR_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            }
            if (in.minor() < MIN_MINOR) {
                throw new Rejected(Errno.EPROTO, "driver speaks FUSE 7." + in.minor() + ", we need 7." + MIN_MINOR);
            }
            int minor = Math.min(in.minor(), FuseKernel.MINOR_VERSION);
            int size = InitOut.replySize(minor);
            long offered = in.allFlags();
            long flags = offered & (SERVER_FLAGS | (fs.init(offered) & FILESYSTEM_FLAGS));
            if (!options.readdirplus()) {
                flags &= ~(DO_READDIRPLUS | READDIRPLUS_AUTO);
            }
            int maxPages = (flags & MAX_PAGES) != 0 ? options.maxPages() : 0;
            InitOut out = new InitOut(FuseKernel.VERSION, FuseKernel.MINOR_VERSION, in.maxReadahead(),
                    FuseInitFlags.low(flags), MAX_BACKGROUND, CONGESTION_THRESHOLD, options.maxWrite(), TIME_GRAN,
                    maxPages, 0, FuseInitFlags.high(flags));
            state.begin(new Session(minor, flags));
            ByteBuffer body = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            out.encodeTo(body, size);
            return Reply.body(body.flip());
        }
    }

    /** DESTROY: the filesystem drops everything and the next request must be INIT again. */
    private Reply destroy(Request r) {
        synchronized (state) {
            state.end(fs);
        }
        return Reply.EMPTY;
    }

    private Reply syncfs(Request r) throws FsException {
        fs.syncfs(r.ctx(), r.nodeid());
        return Reply.EMPTY;
    }
}
