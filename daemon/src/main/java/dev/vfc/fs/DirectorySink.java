package dev.vfc.fs;

import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;

/**
 * Where READDIR and READDIRPLUS entries go. The filesystem offers entries in order and stops
 * when the sink refuses one (the reply buffer is full); entries it offered and that were
 * refused must be offered again at the next call with the same offset.
 */
public interface DirectorySink {

    /**
     * Offers one entry; {@code entry} is non-null only for READDIRPLUS (and then counts as a
     * lookup when accepted and its nodeid is not 0).
     *
     * @return false when it did not fit and nothing was added
     */
    boolean add(Dirent dirent, EntryOut entry);

    /** Whether this is READDIRPLUS, so the filesystem knows to look entries up. */
    boolean plus();
}
