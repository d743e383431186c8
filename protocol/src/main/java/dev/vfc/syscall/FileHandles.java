package dev.vfc.syscall;

import java.nio.ByteBuffer;

/**
 * name_to_handle_at(2): whether the filesystem of a file gives file handles (struct file_handle:
 * {@code u32 handle_bytes, int handle_type, u8 f_handle[]}; MAX_HANDLE_SZ 128).
 */
public final class FileHandles {

    private static final int MAX_HANDLE_SZ = 128;
    private static final int AT_EMPTY_PATH = 0x1000;

    private FileHandles() {
    }

    /** Makes a handle for the file {@code fd} refers to; throws (EOPNOTSUPP, ...) when it cannot. */
    public static void check(int fd) throws SyscallException {
        ByteBuffer handle = Native.allocate(8 + MAX_HANDLE_SZ);
        handle.putInt(0, MAX_HANDLE_SZ);
        ByteBuffer mountId = Native.allocate(4);
        Native.checkInt(Native.LIBC.name_to_handle_at(fd, new byte[] {0}, Native.address(handle),
                Native.address(mountId), AT_EMPTY_PATH), "name_to_handle_at");
    }
}
