package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_setxattr_in}, 16 bytes when FUSE_SETXATTR_EXT was negotiated, else
 * the 8-byte FUSE_COMPAT_SETXATTR_IN_SIZE layout (size, flags). The kernel picks the layout
 * from the INIT reply, so a daemon that mis-negotiates misreads the name that follows; both
 * layouts are therefore explicit here. flags are setxattr(2) flags; setxattr_flags are
 * {@link SetxattrFlags}.
 *
 * <p>Offsets: size 0, flags 4, setxattr_flags 8, padding 12 (pad).
 */
public record SetxattrIn(int size, int flags, int setxattrFlags) implements FuseStruct {

    public static final int SIZE = 16;
    /** FUSE_COMPAT_SETXATTR_IN_SIZE: the layout without setxattr_flags. */
    public static final int COMPAT_SIZE = 8;

    /** The body length for the negotiated layout. */
    public static int size(boolean extended) {
        return extended ? SIZE : COMPAT_SIZE;
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        encodeTo(b, true);
    }

    /**
     * Writes the extended (16) or compat (8) layout. The compat layout has no room for
     * setxattr_flags, so they must be 0 there.
     */
    public void encodeTo(ByteBuffer b, boolean extended) {
        if (!extended && setxattrFlags != 0) {
            throw new IllegalArgumentException("setxattr_flags need the extended layout (FUSE_SETXATTR_EXT)");
        }
        Wire.beginEncode(b, size(extended));
        b.putInt(size).putInt(flags);
        if (extended) {
            b.putInt(setxattrFlags);
            Wire.zeros(b, 4);
        }
    }

    public static SetxattrIn decode(ByteBuffer b) {
        return decode(b, true);
    }

    /** Reads the extended or compat layout; in the compat layout setxattr_flags reads as 0. */
    public static SetxattrIn decode(ByteBuffer b, boolean extended) {
        Wire.beginDecode(b, size(extended), extended ? "fuse_setxattr_in" : "fuse_setxattr_in (compat)");
        int size = b.getInt();
        int flags = b.getInt();
        int setxattrFlags = 0;
        if (extended) {
            setxattrFlags = b.getInt();
            Wire.skip(b, 4);
        }
        return new SetxattrIn(size, flags, setxattrFlags);
    }
}
