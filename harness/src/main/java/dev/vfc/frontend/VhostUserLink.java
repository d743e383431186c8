package dev.vfc.frontend;

import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The frontend's end of the vhost-user socket: sends requests with their fds, reads replies
 * with a deadline, and holds the daemon to the reply rules of the vhost-user spec ("Message
 * types" and "Communication"): flags exactly VERSION|REPLY (0x5, as QEMU's
 * {@code vhost_user_read_header} insists) and the request code echoed.
 */
final class VhostUserLink implements AutoCloseable {

    private static final Duration SLICE = Duration.ofMillis(100);

    private final UnixSocket socket;
    private final DaemonWatch watch;
    private final Duration timeout;
    private final List<String> transcript = new ArrayList<>();

    VhostUserLink(UnixSocket socket, DaemonWatch watch, Duration timeout) {
        this.socket = socket;
        this.watch = watch;
        this.timeout = timeout;
    }

    /** Every message both ways, decoded, in order. */
    List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** Sends a request that has no reply. */
    void send(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        write(request, VhostUserHeader.VERSION, payload, fds);
    }

    /** Sends a GET_* request and returns its reply payload. */
    VhostUserPayload call(VhostUserRequest request, VhostUserPayload payload) {
        write(request, VhostUserHeader.VERSION, payload);
        return read(request);
    }

    /**
     * Sends a request with NEED_REPLY (REPLY_ACK negotiated) and returns the daemon's u64
     * status: 0 for success, anything else for failure.
     */
    long sendAcked(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        write(request, VhostUserHeader.VERSION | VhostUserHeader.NEED_REPLY, payload, fds);
        VhostUserPayload ack = read(request);
        if (ack instanceof VhostUserPayload.U64 status) {
            return status.value();
        }
        throw new DaemonFailure.Misbehaved("REPLY_ACK to " + request + " is not a u64: " + ack);
    }

    private void write(VhostUserRequest request, int flags, VhostUserPayload payload, int... fds) {
        ByteBuffer message = VhostUserCodec.encode(request, flags, payload);
        transcript.add("-> " + request + " flags=0x" + Integer.toHexString(flags) + " " + payload
                + (fds.length > 0 ? " fds=" + fds.length : ""));
        try {
            socket.send(message, fds);
        } catch (SyscallException e) {
            throw crashed("sending " + request, e.getMessage());
        }
    }

    private VhostUserPayload read(VhostUserRequest request) {
        awaitReply(request);
        try {
            ByteBuffer headerBytes = ByteBuffer.allocate(VhostUserHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
            FileDescriptors.closeQuietly(socket.receive(headerBytes));
            headerBytes.flip();
            VhostUserHeader header = VhostUserHeader.decode(headerBytes);
            if (header.size() < 0 || header.size() > 4096) {
                throw new DaemonFailure.Misbehaved("reply to " + request + " announces " + header.size()
                        + " payload bytes");
            }
            ByteBuffer payloadBytes = ByteBuffer.allocate(header.size()).order(ByteOrder.LITTLE_ENDIAN);
            FileDescriptors.closeQuietly(socket.receive(payloadBytes));
            payloadBytes.flip();
            if (header.request() != request.code()) {
                throw new DaemonFailure.Misbehaved("reply to " + request + " carries request code "
                        + header.request());
            }
            if (header.flags() != (VhostUserHeader.VERSION | VhostUserHeader.REPLY)) {
                throw new DaemonFailure.Misbehaved("reply to " + request + " has flags 0x"
                        + Integer.toHexString(header.flags()) + ", the spec requires 0x5");
            }
            VhostUserPayload payload = decodeReply(request, payloadBytes);
            transcript.add("<- " + request + " " + payload);
            return payload;
        } catch (EOFException e) {
            throw crashed("waiting for the reply to " + request, "it closed the socket");
        } catch (SyscallException e) {
            throw crashed("waiting for the reply to " + request, e.getMessage());
        }
    }

    private static VhostUserPayload decodeReply(VhostUserRequest request, ByteBuffer payload) {
        try {
            return VhostUserCodec.decodePayload(request, true, payload);
        } catch (RuntimeException e) {
            throw new DaemonFailure.Misbehaved("reply to " + request + ": " + e.getMessage());
        }
    }

    private void awaitReply(VhostUserRequest request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!socket.awaitReadable(SLICE)) {
                watch.death().ifPresent(how -> {
                    throw new DaemonFailure.Crashed("the reply to " + request, how);
                });
                if (System.nanoTime() > deadline) {
                    throw new DaemonFailure.TimedOut("reply to " + request, timeout);
                }
            }
        } catch (SyscallException e) {
            throw crashed("waiting for the reply to " + request, e.getMessage());
        }
    }

    /** A broken socket usually means the process is dying: give it a moment to say how. */
    private DaemonFailure.Crashed crashed(String during, String fallback) {
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            var how = watch.death();
            if (how.isPresent()) {
                return new DaemonFailure.Crashed(during, how.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        return new DaemonFailure.Crashed(during, fallback);
    }

    @Override
    public void close() {
        socket.close();
    }
}
