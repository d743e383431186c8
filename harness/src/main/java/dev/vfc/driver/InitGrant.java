package dev.vfc.driver;

import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.InitOut;

/**
 * What a daemon's FUSE_INIT reply granted that bounds request sizes: FUSE_MAX_PAGES with
 * {@code max_pages}, and {@code max_write}. Drivers size READs and WRITEs from it.
 *
 * @param maxPagesGranted whether the reply's flags carry FUSE_MAX_PAGES
 * @param maxPages        {@code fuse_init_out.max_pages} (meaningful only when granted)
 * @param maxWrite        {@code fuse_init_out.max_write}, unsigned
 */
public record InitGrant(boolean maxPagesGranted, int maxPages, long maxWrite) {

    /** Before any INIT reply: nothing granted, {@code max_write} 0. */
    public static final InitGrant NONE = new InitGrant(false, 0, 0);

    public static InitGrant of(InitOut out) {
        return new InitGrant((out.allFlags() & FuseInitFlags.MAX_PAGES) != 0, out.maxPages(),
                Integer.toUnsignedLong(out.maxWrite()));
    }
}
