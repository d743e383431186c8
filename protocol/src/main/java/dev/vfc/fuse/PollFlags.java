package dev.vfc.fuse;

/**
 * Bits of fuse_poll_in.flags.
 */
public final class PollFlags {
    private PollFlags() {
    }

    /** FUSE_POLL_SCHEDULE_NOTIFY: request a poll notification. */
    public static final int SCHEDULE_NOTIFY = 1 << 0;

    private static final FlagNames NAMES = new FlagNames()
            .add(SCHEDULE_NOTIFY, "SCHEDULE_NOTIFY");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
