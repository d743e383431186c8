package dev.vfc.driver;

/**
 * One argument of a FUSE reply after the out-header, at the granularity of the kernel's
 * {@code fuse_args.out_args}. Drivers split some of them further: OVMF gives
 * {@code fuse_entry_out} two descriptors (40-byte head, 88-byte attr) and
 * {@code fuse_attr_out} two (16 + 88); Linux gives each argument one buffer and spreads
 * data over pages.
 */
public record ReplyArg(Kind kind, int size) {

    public enum Kind {
        /** {@code fuse_entry_out}: 40-byte head then a {@code fuse_attr}. */
        ENTRY_OUT,
        /** {@code fuse_attr_out}: 16-byte head then a {@code fuse_attr}. */
        ATTR_OUT,
        /** Any other fixed-size struct. */
        FIXED,
        /** Variable-length data: READ bytes, a directory stream, a link target, an xattr value. */
        DATA
    }

    public static ReplyArg fixed(int size) {
        return new ReplyArg(Kind.FIXED, size);
    }

    public static ReplyArg data(int size) {
        return new ReplyArg(Kind.DATA, size);
    }
}
