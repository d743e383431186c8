package dev.vfc.server;

import dev.vfc.fuse.FuseOpcode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opcode to {@link Route}. The handler classes register themselves; an opcode without a route gets
 * ENOSYS. That includes the ones we know and deliberately do not serve: GETLK, SETLK, SETLKW (we never
 * offer FUSE_POSIX_LOCKS, so the guest kernel keeps locks local), BMAP (block devices only), IOCTL and
 * POLL (no handler in either reference daemon's passthrough), SETUPMAPPING and REMOVEMAPPING (no DAX
 * window), TMPFILE, NOTIFY_REPLY (virtio-fs has no notifications) and CUSE_INIT, as the Rust
 * virtiofsd's PassthroughFs does (virtiofsd 1.13 src/passthrough/mod.rs).
 */
final class Dispatcher {

    private final Map<FuseOpcode, Route> routes = new EnumMap<>(FuseOpcode.class);

    /**
     * Serves {@code opcode} once the body holds {@code minBody} bytes and the chain has room for a
     * reply body of {@code replyBody} bytes ({@link Route#VARIABLE}: the handler checks).
     */
    Dispatcher on(FuseOpcode opcode, int minBody, int replyBody, Handler handler) {
        return add(new Route(opcode, minBody, replyBody, false, handler));
    }

    /** As {@link #on}, but only {@code minBody} bytes go to the heap: the rest stays in the chain. */
    Dispatcher streaming(FuseOpcode opcode, int minBody, int replyBody, Handler handler) {
        return add(new Route(opcode, minBody, replyBody, true, handler));
    }

    private Dispatcher add(Route route) {
        if (routes.putIfAbsent(route.opcode(), route) != null) {
            throw new IllegalStateException(route.opcode() + " registered twice");
        }
        return this;
    }

    /** The route for a raw opcode, empty when it gets ENOSYS. */
    Optional<Route> route(int opcode) {
        return FuseOpcode.of(opcode).map(routes::get);
    }
}
