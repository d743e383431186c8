package dev.vfc.frontend;

import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The vhost-user socket as a hostile frontend uses it: messages QEMU never sends (any request
 * code, payloads of the wrong size, fds where none belong, a ring start sequence rewritten), each
 * with NEED_REPLY so the daemon's acceptance or refusal is seen ({@link Ack}). Everything the
 * suite's well-behaved frontend sends goes through {@link Frontend} instead.
 */
public final class HostileChannel {

    /** How long a daemon gets to answer a hostile message before it counts as silent. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(1);

    private final Frontend frontend;
    private final VhostUserLink link;

    HostileChannel(Frontend frontend, VhostUserLink link) {
        this.frontend = frontend;
        this.link = link;
    }

    /** Sends {@code payload} encoded as {@code request}'s, with NEED_REPLY, and returns the ack. */
    public Ack send(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        return link.sendHostile(request.code(), payload, ACK_WAIT, fds);
    }

    /** Sends {@code payload} verbatim as the payload of request {@code code} (header size = its length), with NEED_REPLY. */
    public Ack sendBytes(int code, ByteBuffer payload, int... fds) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return link.sendHostile(code, new VhostUserPayload.Raw(bytes), ACK_WAIT, fds);
    }

    /** A ring start message and what the daemon answered to it. */
    public record Sent(RingMessage message, Ack ack) {
        @Override
        public String toString() {
            return message + ": " + ack.describe();
        }
    }

    /**
     * Stops the rings and starts them again as {@link Frontend#restartRings()} does, except that
     * the request queue's start sequence is {@code rewrite}'s version of it, each message sent
     * with NEED_REPLY. Returns those messages with their acks; the rings then are as the daemon
     * made them, so call {@link Frontend#resetDevice()} before serving again.
     */
    public List<Sent> restartRequestQueue(UnaryOperator<List<RingMessage>> rewrite) {
        frontend.stopRings();
        List<Sent> sent = new ArrayList<>();
        frontend.restartRings((q, start) -> {
            if (q.index() != Frontend.REQUEST) {
                return false;
            }
            for (RingMessage m : rewrite.apply(start)) {
                sent.add(new Sent(m, send(m.request(), m.payload(), m.fds())));
            }
            return true;
        });
        return sent;
    }
}
