package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct fuse_statfs_out}, 80 bytes. The reply to STATFS, a wrapper around {@link Kstatfs}.
 *
 * <p>Offsets: st 0 (Kstatfs, 80 bytes).
 */
public record StatfsOut(Kstatfs st) implements FuseStruct {

    public static final int SIZE = 80;
    /** FUSE_COMPAT_STATFS_SIZE: the reply length for minor &lt; 4. */
    public static final int COMPAT_SIZE = 48;

    public StatfsOut {
        Objects.requireNonNull(st, "st");
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        st.encodeTo(b);
    }

    public static StatfsOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_statfs_out");
        return new StatfsOut(Kstatfs.decode(b));
    }
}
