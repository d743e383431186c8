package dev.vfc.mutants;

import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;

/** The one way the mutants answer with a wrong errno: the delegate's errno {@code from} becomes {@code to}. */
final class Errnos {

    private Errnos() {
    }

    static FsException swapped(FsException e, Errno from, Errno to) {
        return e.errno() == from.number() ? new FsException(to, "mutant: " + from + " answered as " + to) : e;
    }

    static FsException errno(Errno e) {
        return new FsException(e, "mutant: answers " + e);
    }
}
