package dev.vfc.server;

/**
 * What the server offers in its FUSE_INIT reply.
 *
 * @param maxWrite    fuse_init_out.max_write: the largest WRITE payload the guest may send. At least
 *                    4096: OVMF's VirtioFsDxe (FuseInit.c) refuses to bind below that, and Linux raises
 *                    smaller values to 4096 anyway (fs/fuse/inode.c, process_init_reply). This is an
 *                    offer, not a cap: a larger WRITE that a driver sends anyway is still served.
 * @param maxPages    fuse_init_out.max_pages, sent only when the driver offered FUSE_MAX_PAGES (a u16;
 *                    Linux clamps it to its own limit, 256 by default).
 * @param readdirplus whether FUSE_DO_READDIRPLUS (and READDIRPLUS_AUTO) is offered. Off, READDIRPLUS
 *                    is answered with ENOSYS; note that OVMF never sends READDIR and refuses to bind
 *                    without DO_READDIRPLUS (edk2-stable202211 OvmfPkg/VirtioFsDxe/FuseInit.c), so
 *                    "off" is for Linux-only comparisons with {@code --no-readdirplus} daemons.
 */
public record ServerOptions(int maxWrite, int maxPages, boolean readdirplus) {

    /** 1 MiB, what both the C (QEMU 7.2) and the Rust virtiofsd offer. */
    public static final int DEFAULT_MAX_WRITE = 1 << 20;
    /** 256 pages of 4 KiB = 1 MiB, as both reference daemons offer. */
    public static final int DEFAULT_MAX_PAGES = 256;
    /** The smallest max_write OVMF accepts (FuseInit.c) and the floor Linux applies. */
    public static final int MIN_MAX_WRITE = 4096;

    public ServerOptions {
        if (maxWrite < MIN_MAX_WRITE) {
            throw new IllegalArgumentException("maxWrite must be >= " + MIN_MAX_WRITE + " (OVMF refuses less), got "
                    + maxWrite);
        }
        if (maxPages < 1 || maxPages > 0xFFFF) {
            throw new IllegalArgumentException("maxPages is a u16 and must be >= 1, got " + maxPages);
        }
    }

    /** max_write 1 MiB, max_pages 256, readdirplus on. */
    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_MAX_WRITE, DEFAULT_MAX_PAGES, true);
    }

    public ServerOptions withReaddirplus(boolean on) {
        return new ServerOptions(maxWrite, maxPages, on);
    }

    public ServerOptions withMaxWrite(int bytes) {
        return new ServerOptions(bytes, maxPages, readdirplus);
    }

    public ServerOptions withMaxPages(int pages) {
        return new ServerOptions(maxWrite, pages, readdirplus);
    }
}
