package dev.vfc.suite;

import dev.vfc.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata area: attributes ({@link Attributes}), making entries ({@link Entries}) under the
 * caller's umask ({@link Umasks}), removing and renaming them ({@link Removals}), listing them
 * ({@link Listings}), extended attributes ({@link Xattrs}), operations on open files
 * ({@link FileOperations}) and the errnos of the usual mistakes ({@link Errnos}). Where the host
 * file system is the real proof (the file exists, has the size, the mode, the link target, the
 * link count) a check looks there through {@link dev.vfc.scenario.ScenarioContext#shared()}, not
 * only at what the daemon says ({@link HostFiles}).
 */
public final class Metadata {

    static final String A = "a.txt";
    static final String B = "b.txt";
    static final String DIR = "dir";
    static final long MIB = 1 << 20;

    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;
    static final int FALLOC_FL_KEEP_SIZE = 1;
    static final int FALLOC_FL_PUNCH_HOLE = 2;
    static final int XATTR_CREATE = 1;
    static final int R_OK = 4;
    static final int W_OK = 2;
    static final int X_OK = 1;

    /** A file handle no daemon hands out in a fresh session. */
    static final long BOGUS_FH = 0x7ead_beef_0bad_f00dL;

    /** The FUSE wire as the suite's guest kernel, Linux 6.1, defines it. */
    static final String FUSE_H = "include/uapi/linux/fuse.h (Linux 6.1: 7.38)";

    private Metadata() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(Attributes.scenarios());
        all.addAll(Entries.scenarios());
        all.addAll(Umasks.scenarios());
        all.addAll(Removals.scenarios());
        all.addAll(Listings.scenarios());
        all.addAll(Xattrs.scenarios());
        all.addAll(FileOperations.scenarios());
        all.addAll(Errnos.scenarios());
        return all;
    }
}
