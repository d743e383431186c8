package dev.vfc.chain;

/**
 * A request chain that does not hold what its FUSE header or body says: too short to read,
 * too small for the reply. The server answers these with an errno instead of touching memory
 * it was not given.
 */
public final class ChainException extends RuntimeException {

    public ChainException(String message) {
        super(message);
    }
}
