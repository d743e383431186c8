package dev.vfc.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnixAddressTest {

    @Test
    void theFamilyIsTwoLittleEndianBytesAndThePathFollowsNulTerminated() {
        ByteBuffer a = UnixAddress.of(Path.of("/s")).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(a.capacity()).isEqualTo(110);
        byte[] head = new byte[5];
        a.duplicate().get(head);
        assertThat(head).containsExactly(0x01, 0x00, '/', 's', 0x00);
    }

    @Test
    void aPathOf108BytesDoesNotFitWithItsNul() {
        assertThat(UnixAddress.of(Path.of("/" + "x".repeat(106))).get(108)).isEqualTo((byte) 'x');
        assertThatThrownBy(() -> UnixAddress.of(Path.of("/" + "x".repeat(107))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 107 bytes");
    }
}
