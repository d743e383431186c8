package dev.vfc.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityChangesTest {

    @Test
    void entriesApplyInOrderCaseInsensitiveWithOrWithoutTheCapPrefix() {
        // chown 0, dac_override 1, sys_admin 21 (linux/capability.h)
        assertThat(CapabilityChanges.apply("+SYS_ADMIN:-chown:+cap_chown:-Dac_Override", Set.of(0, 1)))
                .containsExactlyInAnyOrder(0, 21);
    }

    @Test
    void droppingWhatIsNotThereAndAddingWhatIsAreNoOps() {
        assertThat(CapabilityChanges.apply("-sys_admin:+chown", Set.of(0))).containsExactly(0);
    }
}
