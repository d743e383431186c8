package dev.vfc.server;

import dev.vfc.fuse.FuseInitFlags;

/**
 * What one FUSE_INIT negotiated, immutable.
 *
 * @param minor the protocol minor both sides use: the smaller of the driver's and ours (fuse.h,
 *              "Version negotiation")
 * @param flags the INIT flags in force (our reply's flags, flags2 in the high half)
 */
record Session(int minor, long flags) {

    boolean has(long flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "Session[7." + minor + ", " + FuseInitFlags.describe(flags) + "]";
    }
}
