package dev.vfc.fuse;

import java.util.Objects;

/**
 * {@code struct fuse_direntplus}: an {@link EntryOut} (128 bytes) followed by a
 * {@link Dirent}, so the name starts at 152. READDIRPLUS returns these; the entry counts
 * as a LOOKUP (the kernel will FORGET it) unless its nodeid is 0.
 */
public record Direntplus(EntryOut entry, Dirent dirent) {

    /** FUSE_NAME_OFFSET_DIRENTPLUS: where the name starts. */
    public static final int NAME_OFFSET = EntryOut.SIZE + Dirent.NAME_OFFSET;

    public Direntplus {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(dirent, "dirent");
    }

    /** Bytes this entry takes in a READDIRPLUS reply, padding included. */
    public int recordLength() {
        return DirentStream.recordLength(dirent.namelen(), true);
    }
}
