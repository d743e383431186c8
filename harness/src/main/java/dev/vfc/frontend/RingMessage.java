package dev.vfc.frontend;

import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;

/**
 * One message of a ring's start sequence (QEMU 7.2 hw/virtio/vhost.c vhost_virtqueue_start:
 * SET_VRING_NUM, SET_VRING_BASE, SET_VRING_ADDR, SET_VRING_KICK), as data, so a hostile
 * frontend can rewrite, reorder or drop one before it is sent.
 *
 * @param fds the fds it carries (the kick eventfd), owned by the frontend
 */
public record RingMessage(VhostUserRequest request, VhostUserPayload payload, int... fds) {

    public RingMessage withPayload(VhostUserPayload other) {
        return new RingMessage(request, other, fds);
    }

    @Override
    public String toString() {
        return request + " " + payload;
    }
}
