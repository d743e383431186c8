package dev.vfc.fuse;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Shared checks for the codecs. Every struct validates its buffer up front so that a
 * failed encode or decode leaves the buffer untouched rather than half-consumed.
 */
final class Wire {
    private Wire() {
    }

    static void requireLittleEndian(ByteBuffer b) {
        if (b.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("FUSE buffers must be little-endian, got " + b.order());
        }
    }

    /** Checks byte order and that {@code size} bytes remain to decode {@code what}. */
    static void beginDecode(ByteBuffer b, int size, String what) {
        requireLittleEndian(b);
        if (b.remaining() < size) {
            throw new FuseDecodeException(what + " needs " + size + " bytes, only " + b.remaining() + " remain");
        }
    }

    /** Checks byte order and that {@code size} bytes of room remain. */
    static void beginEncode(ByteBuffer b, int size) {
        requireLittleEndian(b);
        if (b.remaining() < size) {
            throw new BufferOverflowException();
        }
    }

    static int getU16(ByteBuffer b) {
        return Short.toUnsignedInt(b.getShort());
    }

    static void putU16(ByteBuffer b, int value) {
        b.putShort((short) value);
    }

    static void zeros(ByteBuffer b, int count) {
        for (int i = 0; i < count; i++) {
            b.put((byte) 0);
        }
    }

    static void skip(ByteBuffer b, int count) {
        b.position(b.position() + count);
    }

    /** Rejects values that would be silently truncated by a u16 field. */
    static int checkU16(int value, String field) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " is a u16, got " + value);
        }
        return value;
    }

    /** Rejects a caller-given partial length outside what the struct can offer. */
    static int checkPrefix(int length, int min, int max, String what) {
        if (length < min || length > max) {
            throw new IllegalArgumentException(what + " length must be " + min + ".." + max + ", got " + length);
        }
        return length;
    }
}
