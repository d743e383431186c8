package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct fuse_entry_out}, 128 bytes. The reply to LOOKUP, MKNOD, MKDIR, SYMLINK, LINK and (first part
 * of) CREATE; nodeid 0 is a cacheable negative entry.
 *
 * <p>Offsets: nodeid 0, generation 8, entry_valid 16, attr_valid 24, entry_valid_nsec 32, attr_valid_nsec 36,
 * attr 40 (Attr, 88 bytes).
 */
public record EntryOut(
        long nodeid,
        long generation,
        long entryValid,
        long attrValid,
        int entryValidNsec,
        int attrValidNsec,
        Attr attr) implements FuseStruct {

    public static final int SIZE = 128;
    /** FUSE_COMPAT_ENTRY_OUT_SIZE: the reply length for minor &lt; 9. */
    public static final int COMPAT_SIZE = 120;

    public EntryOut {
        Objects.requireNonNull(attr, "attr");
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(nodeid);
        b.putLong(generation);
        b.putLong(entryValid);
        b.putLong(attrValid);
        b.putInt(entryValidNsec);
        b.putInt(attrValidNsec);
        attr.encodeTo(b);
    }

    public static EntryOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_entry_out");
        long nodeid = b.getLong();
        long generation = b.getLong();
        long entryValid = b.getLong();
        long attrValid = b.getLong();
        int entryValidNsec = b.getInt();
        int attrValidNsec = b.getInt();
        Attr attr = Attr.decode(b);
        return new EntryOut(nodeid, generation, entryValid, attrValid, entryValidNsec, attrValidNsec, attr);
    }
}
