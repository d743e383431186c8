package dev.vfc.mutants;

import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;

/** The one way the mutants answer with a wrong errno: the delegate's errno {@code from} becomes {@code to}. */
final class Errnos {

    private Errnos() {
    }

    private static FsException swapped(FsException e, Errno from, Errno to) {
        return e.errno() == from.number() ? new FsException(to, "mutant: " + from + " answered as " + to) : e;
    }

    /** A filesystem call, as the decorators make it. */
    interface Call<T> {
        T run() throws FsException;
    }

    /** A filesystem call that answers nothing. */
    interface VoidCall {
        void run() throws FsException;
    }

    /** {@code call}'s answer, with its errno {@code from} answered as {@code to}. */
    static <T> T swapping(Errno from, Errno to, Call<T> call) throws FsException {
        try {
            return call.run();
        } catch (FsException e) {
            throw swapped(e, from, to);
        }
    }

    static void swapping(Errno from, Errno to, VoidCall call) throws FsException {
        swapping(from, to, () -> {
            call.run();
            return null;
        });
    }

    static FsException errno(Errno e) {
        return new FsException(e, "mutant: answers " + e);
    }
}
