package dev.vfc.syscall;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded libc and the two things every call site needs: errno and buffer addresses. */
final class Native {

    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    private static final MemoryIO MEMORY = MemoryIO.getInstance();

    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private Native() {
    }

    static int errno() {
        return RUNTIME.getLastError();
    }

    /** Throws with errno when a call returned -1; returns the result otherwise. */
    static long check(long result, String call) throws SyscallException {
        if (result == -1) {
            int errno = errno();
            throw new SyscallException(call, errno, LIBC.strerror(errno));
        }
        return result;
    }

    static int checkInt(int result, String call) throws SyscallException {
        return (int) check(result, call);
    }

    static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("native calls need a direct buffer");
        }
        return MEMORY.getDirectBufferAddress(direct);
    }

    static ByteBuffer directBuffer(long address, int length) {
        return MEMORY.newDirectByteBuffer(address, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies {@code length} bytes at process address {@code address} into {@code dst} from {@code at}. */
    static void copyOut(long address, byte[] dst, int at, int length) {
        MEMORY.getByteArray(address, dst, at, length);
    }

    /** Copies {@code length} bytes of {@code src} from {@code at} to process address {@code address}. */
    static void copyIn(long address, byte[] src, int at, int length) {
        MEMORY.putByteArray(address, src, at, length);
    }

    static ByteBuffer allocate(int length) {
        return ByteBuffer.allocateDirect(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
