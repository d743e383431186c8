package dev.vfc.driver;

import dev.vfc.fuse.InitIn;
import java.util.Optional;

/**
 * The guest driver a frontend impersonates: which virtio features it acks, whether it uses
 * the hiprio queue and interrupts, how it lays a FUSE request out as descriptors, and the
 * largest requests it sends. Each profile models one named release of one driver
 * ({@link #modelledVersion}); a scenario named after a driver sends only what that release
 * sends ({@link #wouldNotBuild} says when a chain is not one of its shapes).
 */
public sealed interface DriverProfile permits OvmfProfile, LinuxProfile {

    /** A short stable name, used in scenario ids and transcripts ({@code ovmf}, {@code linux}). */
    String name();

    /** The virtio feature bits this driver acks out of what the device offers. */
    long ackedFeatures(long offered);

    /** Whether the driver sets up queue 0 (hiprio) at all. OVMF never does. */
    boolean usesHiprio();

    /** Whether the driver polls the used ring with interrupts suppressed, as OVMF does. */
    boolean polls();

    /** The FUSE_INIT body this driver sends, and its length on the wire (16 before 7.36, 64 after). */
    InitIn initRequest();

    int initBodySize();

    /** Lays {@code request} out; {@code indirectAvailable} says whether INDIRECT_DESC was negotiated. */
    ChainLayout layout(FuseRequest request, boolean indirectAvailable);

    /**
     * Lays out a request that gets no reply (FUSE_FORGET): device-readable only, and no
     * indirect table, as both drivers send it.
     */
    ChainLayout layoutWithoutReply(FuseRequest request);

    /** The driver release this profile models, with the source it follows. */
    String modelledVersion();

    /**
     * The largest READ and WRITE this driver sends in one request on a connection whose INIT
     * reply granted {@code grant}, over a request queue of {@code queueSize} entries, and
     * whether it uses indirect tables once {@code indirectNegotiated}.
     */
    RequestLimits limits(InitGrant grant, int queueSize, boolean indirectNegotiated);

    /**
     * Why this driver never puts {@code layout} on a queue with these limits (too long, a
     * READ above its cap, buffers it does not build), or empty when it could have built it.
     */
    Optional<String> wouldNotBuild(ChainLayout layout, RequestLimits limits);

    /**
     * The largest READ this driver sends in one request, given the INIT reply's
     * {@code max_pages} (ignored when the daemon did not grant FUSE_MAX_PAGES) and the
     * request queue's size.
     */
    default long maxReadSize(int maxPages, boolean maxPagesGranted, int queueSize) {
        return limits(new InitGrant(maxPagesGranted, maxPages, 0), queueSize, true).maxRead();
    }

    static DriverProfile byName(String name) {
        return switch (name) {
            case "ovmf" -> new OvmfProfile();
            case "linux" -> new LinuxProfile(true);
            case "linux-direct" -> new LinuxProfile(false);
            default -> throw new IllegalArgumentException("unknown driver profile '" + name
                    + "' (known: ovmf, linux, linux-direct)");
        };
    }
}
