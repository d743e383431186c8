package dev.vfc.sandbox;

import dev.vfc.syscall.Confinement;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.logging.Logger;

/**
 * The seccomp filter of {@code --seccomp}: a classic BPF program over struct seccomp_data
 * (linux/seccomp.h: {@code int nr} at offset 0, {@code u32 arch} at 4, {@code u64 args[6]} from
 * 16) that allows {@link AllowedSyscall}s, unshare(2) of CLONE_FS alone (each serving thread
 * takes its own umask that way, see dev.vfc.passthrough.Credentials), and answers everything else
 * with the action chosen, except unlink(2), which fails with EPERM: the daemon itself never calls
 * it (it removes with unlinkat), but the JVM does at exit, to delete its
 * /tmp/hsperfdata_USER/PID file by the path it had before the sandbox, which inside the
 * sandbox names a file of the share. A syscall of another architecture (x32 numbers, i386 through int 0x80)
 * always kills: the list is x86_64's.
 */
public final class SeccompFilter {

    private static final Logger LOG = Logger.getLogger(SeccompFilter.class.getName());

    /** AUDIT_ARCH_X86_64 (linux/audit.h): EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE. */
    static final int AUDIT_ARCH_X86_64 = 0xC000_003E;
    static final int SECCOMP_RET_ALLOW = 0x7fff_0000;
    static final int SECCOMP_RET_KILL_PROCESS = 0x8000_0000;
    static final int NR_UNSHARE = 272;
    static final int NR_UNLINK = 87;
    /** SECCOMP_RET_ERRNO | EPERM. */
    static final int SECCOMP_RET_EPERM = 0x0005_0000 | 1;
    static final int CLONE_FS = 0x200;

    // linux/bpf_common.h, linux/filter.h
    static final short LD_W_ABS = 0x20;
    static final short JMP_JEQ_K = 0x15;
    static final short RET_K = 0x06;

    private SeccompFilter() {
    }

    /** Installs the filter on every thread, unless {@code action} is NONE. */
    public static void install(SeccompAction action) throws IOException {
        if (action == SeccompAction.NONE) {
            return;
        }
        if (!"amd64".equals(System.getProperty("os.arch"))) {
            throw new IOException("--seccomp: the allow-list is measured on x86_64 only; use --seccomp=none on "
                    + System.getProperty("os.arch"));
        }
        try {
            Confinement.installSeccompFilter(program(action));
        } catch (SyscallException e) {
            throw new IOException("--seccomp: " + e.getMessage(), e);
        }
        LOG.info("seccomp: " + AllowedSyscall.values().length + " syscalls allowed, others "
                + action.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The program, one 8-byte struct sock_filter {u16 code; u8 jt; u8 jf; u32 k} per instruction. */
    static ByteBuffer program(SeccompAction action) {
        AllowedSyscall[] allowed = AllowedSyscall.values();
        int n = allowed.length;
        // Where each return sits; a jump's offset counts from the instruction after it.
        int retAction = 9 + n;
        int retAllow = 10 + n;
        int retKill = 11 + n;
        int retEperm = 12 + n;
        ByteBuffer p = ByteBuffer.allocateDirect((13 + n) * 8).order(ByteOrder.nativeOrder());
        put(p, LD_W_ABS, 0, 0, 4);                                          // 0: A = arch
        put(p, JMP_JEQ_K, 0, retKill - 2, AUDIT_ARCH_X86_64);               // 1
        put(p, LD_W_ABS, 0, 0, 0);                                          // 2: A = nr
        for (int i = 0; i < n; i++) {                                       // 3 .. 2+n
            put(p, JMP_JEQ_K, retAllow - (4 + i), 0, allowed[i].x86_64());
        }
        put(p, JMP_JEQ_K, retEperm - (4 + n), 0, NR_UNLINK);                // 3+n
        put(p, JMP_JEQ_K, 0, retAction - (5 + n), NR_UNSHARE);              // 4+n
        put(p, LD_W_ABS, 0, 0, 16);                                         // 5+n: A = args[0] low word
        put(p, JMP_JEQ_K, 0, retAction - (7 + n), CLONE_FS);                // 6+n
        put(p, LD_W_ABS, 0, 0, 20);                                         // 7+n: A = args[0] high word
        put(p, JMP_JEQ_K, retAllow - (9 + n), retAction - (9 + n), 0);      // 8+n
        put(p, RET_K, 0, 0, action.returnValue());                          // 9+n
        put(p, RET_K, 0, 0, SECCOMP_RET_ALLOW);                             // 10+n
        put(p, RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS);                      // 11+n
        put(p, RET_K, 0, 0, SECCOMP_RET_EPERM);                             // 12+n
        return p.flip();
    }

    private static void put(ByteBuffer p, short code, int jt, int jf, int k) {
        if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
            throw new IllegalStateException("BPF jump out of range: " + jt + "/" + jf);
        }
        p.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
