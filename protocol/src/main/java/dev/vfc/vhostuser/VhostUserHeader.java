package dev.vfc.vhostuser;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The 12-byte header that starts every vhost-user message (spec, "Message Specification"):
 * u32 {@code request}, u32 {@code flags}, u32 {@code size} of the payload that follows.
 *
 * <p>Fields are kept as raw ints so that a header with an unknown request code or a
 * nonsensical size can still be decoded, logged and refused by the caller. {@code size} is
 * a u32 on the wire; read it with {@link Integer#toUnsignedLong} before comparing.
 */
public record VhostUserHeader(int request, int flags, int size) {

    public static final int SIZE = 12;

    /** Flag bits 0-1 hold the protocol version, which must be 1. */
    public static final int VERSION_MASK = 0x3;
    public static final int VERSION = 0x1;
    /** Set on every back-end answer. QEMU accepts a reply only if its flags are exactly VERSION | REPLY. */
    public static final int REPLY = 0x4;
    /** The front-end asks for a u64 ack (needs REPLY_ACK negotiated). */
    public static final int NEED_REPLY = 0x8;

    /**
     * The largest payload rust-vmm accepts ({@code MAX_MSG_SIZE}, 4 KiB); QEMU's own payload
     * union is about 268 bytes. A transport should refuse a bigger {@code size} before
     * reading it.
     */
    public static final int MAX_PAYLOAD_SIZE = 0x1000;

    public VhostUserHeader(VhostUserRequest request, int flags, int size) {
        this(request.code(), flags, size);
    }

    public Optional<VhostUserRequest> requestType() {
        return VhostUserRequest.of(request);
    }

    public int version() {
        return flags & VERSION_MASK;
    }

    public boolean isReply() {
        return (flags & REPLY) != 0;
    }

    public boolean needsReply() {
        return (flags & NEED_REPLY) != 0;
    }

    /** Writes the 12 bytes at the buffer's position and advances it. */
    public void encodeTo(ByteBuffer out) {
        Wire.putInt(out, request);
        Wire.putInt(out, flags);
        Wire.putInt(out, size);
    }

    /** Reads 12 bytes from the buffer's position and advances it. */
    public static VhostUserHeader decode(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new VhostUserProtocolException("header needs " + SIZE + " bytes, got " + in.remaining());
        }
        return new VhostUserHeader(Wire.getInt(in), Wire.getInt(in), Wire.getInt(in));
    }

    /** Flag names for transcripts, e.g. {@code 0x5[VERSION|REPLY]}. */
    public static String describeFlags(int flags) {
        StringBuilder s = new StringBuilder("0x").append(Integer.toHexString(flags)).append('[');
        s.append("v").append(flags & VERSION_MASK);
        if ((flags & REPLY) != 0) {
            s.append("|REPLY");
        }
        if ((flags & NEED_REPLY) != 0) {
            s.append("|NEED_REPLY");
        }
        int other = flags & ~(VERSION_MASK | REPLY | NEED_REPLY);
        if (other != 0) {
            s.append("|unknown 0x").append(Integer.toHexString(other));
        }
        return s.append(']').toString();
    }

    /** The request's name, or its number when vhost-user defines none ("SET_VRING_NUM", "code 999"). */
    public static String describeRequest(int code) {
        return VhostUserRequest.of(code).map(Enum::name).orElse("code " + Integer.toUnsignedString(code));
    }

    @Override
    public String toString() {
        return describeRequest(request) + " flags=" + describeFlags(flags) + " size=" + Integer.toUnsignedString(size);
    }
}
