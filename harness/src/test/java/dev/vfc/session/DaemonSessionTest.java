package dev.vfc.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonSessionTest {

    @Test
    void aDeathNamesTheDaemonsLastLogLineBeforeItsTail() {
        String death = DaemonSession.describeDeath("exit 1", List.of("WARN virtiofsd::limits] Failure when trying to set the limit",
                "ERROR virtiofsd::vhost_user] Failed to create a queue reader: no memory region for this address range  "));

        assertThat(death).startsWith("exit 1 after \"ERROR virtiofsd::vhost_user] Failed to create a queue reader: "
                + "no memory region for this address range\"; last log lines:\n    WARN virtiofsd::limits]");
    }

    @Test
    void aDaemonThatLoggedNothingSaysSo() {
        assertThat(DaemonSession.describeDeath("killed by SIGSEGV (11)", List.of())).isEqualTo("killed by SIGSEGV (11); no log lines");
    }
}
