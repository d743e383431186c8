package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DaemonExitTest {

    @Test
    void a_clean_exit_is_described_as_exit_0() {
        DaemonExit exit = DaemonExit.fromExitValue(0);
        assertThat(exit.describe()).isEqualTo("exit 0");
        assertThat(exit.isSuccess()).isTrue();
        assertThat(exit.signal()).isEmpty();
    }

    @Test
    void an_exit_with_status_1_is_described_as_exit_1() {
        DaemonExit exit = DaemonExit.fromExitValue(1);
        assertThat(exit.describe()).isEqualTo("exit 1");
        assertThat(exit.isSuccess()).isFalse();
        assertThat(exit.isSignal()).isFalse();
    }

    @Test
    void java_exit_value_134_means_killed_by_SIGABRT() {
        DaemonExit exit = DaemonExit.fromExitValue(134);
        assertThat(exit.status()).isEqualTo(134);
        assertThat(exit.signal()).hasValue(6);
        assertThat(exit.describe()).isEqualTo("killed by SIGABRT (6)");
    }

    @Test
    void java_exit_value_137_means_killed_by_SIGKILL() {
        assertThat(DaemonExit.fromExitValue(137).describe()).isEqualTo("killed by SIGKILL (9)");
    }

    @Test
    void segfault_and_sigterm_have_their_names() {
        assertThat(DaemonExit.killedBy(DaemonExit.SIGSEGV).describe()).isEqualTo("killed by SIGSEGV (11)");
        assertThat(DaemonExit.killedBy(DaemonExit.SIGTERM).describe()).isEqualTo("killed by SIGTERM (15)");
    }

    @Test
    void a_real_time_signal_without_a_name_is_described_by_its_number() {
        assertThat(DaemonExit.fromExitValue(128 + 40).describe()).isEqualTo("killed by signal 40");
    }

    @Test
    void exit_values_above_the_signal_range_are_plain_exit_codes() {
        DaemonExit exit = DaemonExit.fromExitValue(255);
        assertThat(exit.signal()).isEmpty();
        assertThat(exit.describe()).isEqualTo("exit 255");
    }

    @Test
    void exit_value_128_is_a_plain_exit_code() {
        assertThat(DaemonExit.fromExitValue(128).describe()).isEqualTo("exit 128");
    }

    @Test
    void killed_by_builds_the_same_record_as_java_reports() {
        assertThat(DaemonExit.killedBy(9)).isEqualTo(DaemonExit.fromExitValue(137));
        assertThat(DaemonExit.exited(2)).isEqualTo(new DaemonExit(2, OptionalInt.empty()));
    }

    @Test
    void to_string_is_the_description() {
        assertThat(DaemonExit.killedBy(6)).hasToString("killed by SIGABRT (6)");
    }
}
