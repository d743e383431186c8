package dev.vfc.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FuseOpcodeTest {

    @Test
    void opcodesCoverOneToFiftyOneExceptTheUnusedSevenAndNineteenPlusCuseInit() {
        Set<Integer> codes = Arrays.stream(FuseOpcode.values()).map(FuseOpcode::code).collect(Collectors.toSet());
        Set<Integer> want = new HashSet<>();
        for (int c = 1; c <= 51; c++) {
            if (c != 7 && c != 19) {
                want.add(c);
            }
        }
        want.add(4096);
        assertThat(codes).isEqualTo(want);
    }

    @Test
    void opcodeValuesMatchFuseH() {
        assertThat(FuseOpcode.LOOKUP.code()).isEqualTo(1);
        assertThat(FuseOpcode.INIT.code()).isEqualTo(26);
        assertThat(FuseOpcode.READDIRPLUS.code()).isEqualTo(44);
        assertThat(FuseOpcode.SETUPMAPPING.code()).isEqualTo(48);
        assertThat(FuseOpcode.SYNCFS.code()).isEqualTo(50);
        assertThat(FuseOpcode.TMPFILE.code()).isEqualTo(51);
        assertThat(FuseOpcode.CUSE_INIT.code()).isEqualTo(4096);
        assertThat(FuseOpcode.FUSE_INIT_BSWAP_RESERVED).isEqualTo(Integer.reverseBytes(26));
        assertThat(FuseOpcode.CUSE_INIT_BSWAP_RESERVED).isEqualTo(4096 << 8);
    }

    @Test
    void ofFindsEveryOpcodeAndNothingElse() {
        for (FuseOpcode op : FuseOpcode.values()) {
            assertThat(FuseOpcode.of(op.code())).contains(op);
        }
        assertThat(FuseOpcode.of(0)).isEmpty();
        assertThat(FuseOpcode.of(7)).isEmpty();
        assertThat(FuseOpcode.of(52)).isEmpty();
        assertThat(FuseOpcode.of(-1)).isEmpty();
        assertThat(FuseOpcode.of(FuseOpcode.FUSE_INIT_BSWAP_RESERVED)).isEmpty();
        assertThat(FuseOpcode.describe(52)).isEqualTo("OPCODE(52)");
        assertThat(FuseOpcode.describe(15)).isEqualTo("READ");
    }

    @Test
    void onlyForgetsGoUnanswered() {
        assertThat(Arrays.stream(FuseOpcode.values()).filter(op -> !op.expectsReply()))
                .containsExactlyInAnyOrder(FuseOpcode.FORGET, FuseOpcode.BATCH_FORGET);
    }
}
