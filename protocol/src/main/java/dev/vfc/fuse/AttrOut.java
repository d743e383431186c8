package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct fuse_attr_out}, 104 bytes. The reply to GETATTR and SETATTR.
 *
 * <p>Offsets: attr_valid 0, attr_valid_nsec 8, dummy 12 (pad), attr 16 (Attr, 88 bytes).
 */
public record AttrOut(long attrValid, int attrValidNsec, Attr attr) implements FuseStruct {

    public static final int SIZE = 104;
    /** FUSE_COMPAT_ATTR_OUT_SIZE: the reply length for minor &lt; 9. */
    public static final int COMPAT_SIZE = 96;

    public AttrOut {
        Objects.requireNonNull(attr, "attr");
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(attrValid);
        b.putInt(attrValidNsec);
        Wire.zeros(b, 4);
        attr.encodeTo(b);
    }

    public static AttrOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_attr_out");
        long attrValid = b.getLong();
        int attrValidNsec = b.getInt();
        Wire.skip(b, 4);
        Attr attr = Attr.decode(b);
        return new AttrOut(attrValid, attrValidNsec, attr);
    }
}
