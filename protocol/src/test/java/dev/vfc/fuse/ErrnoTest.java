package dev.vfc.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void numbersAreTheLinuxOnes() {
        assertThat(Errno.EPERM.number()).isEqualTo(1);
        assertThat(Errno.EIO.number()).isEqualTo(5);
        assertThat(Errno.ENOMEM.number()).isEqualTo(12);
        assertThat(Errno.EINVAL.number()).isEqualTo(22);
        assertThat(Errno.ENOSYS.number()).isEqualTo(38);
        assertThat(Errno.ENODATA.number()).isEqualTo(61);
        assertThat(Errno.EPROTO.number()).isEqualTo(71);
        assertThat(Errno.EOVERFLOW.number()).isEqualTo(75);
        assertThat(Errno.EOPNOTSUPP.number()).isEqualTo(95);
        assertThat(Errno.ESTALE.number()).isEqualTo(116);
        assertThat(Errno.ENOMEM.errorField()).isEqualTo(-12);
    }

    @Test
    void numbersAreUniqueSoOfIsAnInverse() {
        for (Errno e : Errno.values()) {
            assertThat(Errno.of(e.number())).contains(e);
        }
        assertThat(Arrays.stream(Errno.values()).map(Errno::number).distinct()).hasSize(Errno.values().length);
        assertThat(Errno.of(0)).isEmpty();
        assertThat(Errno.of(10_000)).isEmpty();
    }

    @Test
    void describeRendersTheErrorFieldOfAReply() {
        assertThat(Errno.describe(0)).isEqualTo("OK");
        assertThat(Errno.describe(-12)).isEqualTo("ENOMEM(-12)");
        assertThat(Errno.describe(-2)).isEqualTo("ENOENT(-2)");
        assertThat(Errno.describe(-999)).isEqualTo("ERRNO(-999)");
        assertThat(Errno.describe(5)).isEqualTo("INVALID(5)");
        assertThat(Errno.describe(Integer.MIN_VALUE)).isEqualTo("ERRNO(-2147483648)");
    }

    @Test
    void onlyZeroAndSmallNegativesAreErrorsTheKernelAccepts() {
        assertThat(Errno.isValidErrorField(0)).isTrue();
        assertThat(Errno.isValidErrorField(-511)).isTrue();
        assertThat(Errno.isValidErrorField(-512)).isFalse();
        assertThat(Errno.isValidErrorField(1)).isFalse();
    }
}
