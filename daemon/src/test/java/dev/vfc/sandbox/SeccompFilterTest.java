package dev.vfc.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The filter program run by a small classic-BPF interpreter over hand-built struct
 * seccomp_data, so each rule is seen to decide what it should without installing anything.
 */
class SeccompFilterTest {

    private static final int ARCH_I386 = 0x4000_0003; // AUDIT_ARCH_I386
    private static final int X32_BIT = 0x4000_0000;   // __X32_SYSCALL_BIT

    @Test
    void everyListedSyscallIsAllowed() {
        for (AllowedSyscall s : AllowedSyscall.values()) {
            assertThat(run(SeccompAction.KILL, SeccompFilter.AUDIT_ARCH_X86_64, s.x86_64(), 0))
                    .as(s.name()).isEqualTo(SeccompFilter.SECCOMP_RET_ALLOW);
        }
    }

    @Test
    void mountPivotRootChrootAndExecveGetTheChosenAction() {
        for (int nr : new int[] {165, 155, 161, 59, 308, 101}) { // mount, pivot_root, chroot, execve, setns, ptrace
            assertThat(run(SeccompAction.KILL, SeccompFilter.AUDIT_ARCH_X86_64, nr, 0)).isEqualTo(0x8000_0000);
            assertThat(run(SeccompAction.LOG, SeccompFilter.AUDIT_ARCH_X86_64, nr, 0)).isEqualTo(0x7ffc_0000);
            assertThat(run(SeccompAction.TRAP, SeccompFilter.AUDIT_ARCH_X86_64, nr, 0)).isEqualTo(0x0003_0000);
        }
    }

    @Test
    void unshareIsAllowedForCloneFsAloneAndNothingElse() {
        assertThat(run(SeccompAction.KILL, SeccompFilter.AUDIT_ARCH_X86_64, 272, 0x200))
                .isEqualTo(SeccompFilter.SECCOMP_RET_ALLOW);
        assertThat(run(SeccompAction.KILL, SeccompFilter.AUDIT_ARCH_X86_64, 272, 0x200 | 0x0002_0000)) // CLONE_NEWNS
                .isEqualTo(0x8000_0000);
        assertThat(run(SeccompAction.KILL, SeccompFilter.AUDIT_ARCH_X86_64, 272, 0x200 | (1L << 32)))
                .isEqualTo(0x8000_0000);
    }

    @Test
    void unlinkFailsWithEpermWhateverTheAction() {
        assertThat(run(SeccompAction.KILL, SeccompFilter.AUDIT_ARCH_X86_64, 87, 0)).isEqualTo(0x0005_0001);
        assertThat(run(SeccompAction.LOG, SeccompFilter.AUDIT_ARCH_X86_64, 87, 0)).isEqualTo(0x0005_0001);
    }

    @Test
    void anotherArchitectureOrAnX32NumberNeverPasses() {
        assertThat(run(SeccompAction.LOG, ARCH_I386, 3, 0)).isEqualTo(0x8000_0000);
        assertThat(run(SeccompAction.LOG, SeccompFilter.AUDIT_ARCH_X86_64, X32_BIT | 0, 0)).isEqualTo(0x7ffc_0000);
    }

    @Test
    void theProgramIsEightBytesAnInstructionAndEndsInReturns() {
        ByteBuffer p = SeccompFilter.program(SeccompAction.KILL);
        assertThat(p.remaining()).isEqualTo((AllowedSyscall.values().length + 13) * 8);
        assertThat(p.order(ByteOrder.LITTLE_ENDIAN).getShort(p.limit() - 8)).isEqualTo(SeccompFilter.RET_K);
    }

    /** Runs the program over seccomp_data {nr, arch, ip, args[0] = arg0}; the return value. */
    private static int run(SeccompAction action, int arch, int nr, long arg0) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(16, arg0);
        ByteBuffer p = SeccompFilter.program(action).order(ByteOrder.LITTLE_ENDIAN);
        int a = 0;
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            int at = pc * 8;
            short code = p.getShort(at);
            int jt = p.get(at + 2) & 0xff;
            int jf = p.get(at + 3) & 0xff;
            int k = p.getInt(at + 4);
            switch (code) {
                case SeccompFilter.LD_W_ABS -> {
                    a = data.getInt(k);
                    pc++;
                }
                case SeccompFilter.JMP_JEQ_K -> pc += 1 + (a == k ? jt : jf);
                case SeccompFilter.RET_K -> {
                    return k;
                }
                default -> throw new AssertionError("unknown BPF code " + code + " at " + pc);
            }
        }
        throw new AssertionError("the program did not return");
    }
}
