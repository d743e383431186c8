package dev.vfc.server;

import dev.vfc.fuse.FuseOpcode;
import java.util.Arrays;

/**
 * Opcode to {@link Route}. The handler classes register themselves; an opcode without a route gets
 * ENOSYS. That includes the ones we know and deliberately do not serve: GETLK, SETLK, SETLKW (we never
 * offer FUSE_POSIX_LOCKS, so the guest kernel keeps locks local), BMAP (block devices only), IOCTL and
 * POLL (no handler in either reference daemon's passthrough), SETUPMAPPING and REMOVEMAPPING (no DAX
 * window), TMPFILE, NOTIFY_REPLY (virtio-fs has no notifications) and CUSE_INIT, as the Rust
 * virtiofsd's PassthroughFs does (virtiofsd 1.13 src/passthrough/mod.rs).
 */
final class Dispatcher {

    /** The routes by raw opcode: the lookup every request makes, with nothing to box or wrap. */
    private Route[] byCode = new Route[0];

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
        int code = route.opcode().code();
        if (code >= byCode.length) {
            byCode = Arrays.copyOf(byCode, code + 1);
        }
        if (byCode[code] != null) {
            throw new IllegalStateException(route.opcode() + " registered twice");
        }
        byCode[code] = route;
        return this;
    }

    /** The route for a raw opcode, null when it gets ENOSYS. */
    Route route(int opcode) {
        return opcode >= 0 && opcode < byCode.length ? byCode[opcode] : null;
    }
}
