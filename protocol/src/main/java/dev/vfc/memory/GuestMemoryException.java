package dev.vfc.memory;

/** A guest-physical range that no region covers: the access was refused, nothing was touched. */
public final class GuestMemoryException extends RuntimeException {

    public GuestMemoryException(String message) {
        super(message);
    }

    static GuestMemoryException outside(long gpa, long length, Object regions) {
        return new GuestMemoryException(String.format(
                "guest range [0x%x, +%d) is not inside one region of %s", gpa, length, regions));
    }
}
