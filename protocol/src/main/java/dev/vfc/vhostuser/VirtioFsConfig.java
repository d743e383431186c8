package dev.vfc.vhostuser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The virtio-fs device configuration space (virtio 1.3 §5.11.4): {@code u8 tag[36]}, UTF-8 and
 * NUL-padded (not NUL-terminated when it fills the field), then {@code le32 num_request_queues}.
 * ({@code le32 notify_buf_size} follows only with VIRTIO_FS_F_NOTIFICATION, never offered.)
 */
public record VirtioFsConfig(String tag, int numRequestQueues) {

    public static final int TAG_SIZE = 36;
    public static final int SIZE = TAG_SIZE + 4;

    public VirtioFsConfig {
        int length = tag.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > TAG_SIZE) {
            throw new IllegalArgumentException("tag must be 1 to " + TAG_SIZE + " bytes, got " + length);
        }
    }

    /** The {@value #SIZE} bytes of the config space. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(tag.getBytes(StandardCharsets.UTF_8));
        b.putInt(TAG_SIZE, numRequestQueues);
        return b.array();
    }

    /**
     * The answer to VHOST_USER_GET_CONFIG for {@code request} ({@code u32 offset, u32 size,
     * u32 flags, u8 payload[size]}): the same header with bytes [offset, offset+size) of the
     * space, zero-padded past its end, as the Rust virtiofsd 1.13 ({@code get_config} in
     * src/vhost_user.rs).
     */
    public byte[] answer(byte[] request) {
        ByteBuffer in = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
        if (request.length < 12) {
            throw new IllegalArgumentException("GET_CONFIG needs offset, size and flags, got " + request.length + " bytes");
        }
        long offset = Integer.toUnsignedLong(in.getInt(0));
        int size = in.getInt(4);
        if (size < 0 || size > 256) {
            throw new IllegalArgumentException("GET_CONFIG size " + Integer.toUnsignedString(size) + " is too large");
        }
        byte[] space = encode();
        byte[] data = new byte[size];
        if (offset < space.length) {
            int n = (int) Math.min(size, space.length - offset);
            System.arraycopy(space, (int) offset, data, 0, n);
        }
        ByteBuffer out = ByteBuffer.allocate(12 + size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(in.getInt(0)).putInt(size).putInt(in.getInt(8)).put(data);
        return Arrays.copyOf(out.array(), out.capacity());
    }
}
