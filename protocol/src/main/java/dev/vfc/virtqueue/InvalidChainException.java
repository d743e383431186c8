package dev.vfc.virtqueue;

/**
 * A descriptor chain that breaks a rule of virtio 1.3 §2.7.5 / §2.7.4 and that the device
 * refuses whole: nothing of it was read into or written to. {@link #head()} is the chain's
 * head (so the device can still return it with {@code pushUsed(head, 0)}),
 * {@link #index()} the descriptor-table entry where the walk stopped (for a fault inside an
 * indirect table, the entry that points at the table).
 */
public final class InvalidChainException extends RuntimeException {

    private final int head;
    private final int index;
    private final String reason;

    public InvalidChainException(int head, int index, String reason) {
        super("descriptor chain with head " + head + ", at descriptor " + index + ": " + reason);
        this.head = head;
        this.index = index;
        this.reason = reason;
    }

    public int head() {
        return head;
    }

    public int index() {
        return index;
    }

    public String reason() {
        return reason;
    }
}
