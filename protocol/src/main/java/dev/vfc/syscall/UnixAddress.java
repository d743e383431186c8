package dev.vfc.syscall;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * struct sockaddr_un (sys/un.h, unix(7)), 110 bytes: {@code sun_family} (u16, AF_UNIX = 1) at
 * offset 0, {@code sun_path} (108 bytes, NUL-terminated) at offset 2. Encoded here once for the
 * stream sockets and the datagram sockets alike.
 */
final class UnixAddress {

    static final int AF_UNIX = 1;
    static final int SUN_PATH_MAX = 108;
    static final int SIZE = 2 + SUN_PATH_MAX;

    private UnixAddress() {
    }

    /** The address of the socket at {@code path}, in native memory, position 0, limit {@link #SIZE}. */
    static ByteBuffer of(Path path) {
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("unix socket path longer than " + (SUN_PATH_MAX - 1)
                    + " bytes: " + path);
        }
        ByteBuffer addr = Native.allocate(SIZE);
        addr.putShort(0, (short) AF_UNIX);
        addr.position(2);
        addr.put(bytes);
        addr.clear();
        return addr;
    }
}
