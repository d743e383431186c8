package dev.vfc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SequentialReadsTest {

    private static final long FILE = 64L << 20;

    @Test
    void reads_move_on_by_their_size() {
        assertThat(RequestStream.SequentialReads.nextOffset(0, 4096, FILE)).isEqualTo(4096);
    }

    @Test
    void a_size_that_divides_the_file_reads_all_of_it_before_wrapping() {
        int mib = 1 << 20;
        assertThat(RequestStream.SequentialReads.nextOffset(FILE - 2L * mib, mib, FILE)).isEqualTo(FILE - mib);
        assertThat(RequestStream.SequentialReads.nextOffset(FILE - mib, mib, FILE)).isZero();
    }

    @Test
    void the_grub_sized_read_wraps_before_it_would_come_up_short() {
        int size = Workload.GRUB_EFI_SIZE;
        long lastFull = (FILE / size - 1) * size;
        assertThat(RequestStream.SequentialReads.nextOffset(lastFull - size, size, FILE)).isEqualTo(lastFull);
        assertThat(RequestStream.SequentialReads.nextOffset(lastFull, size, FILE)).isZero();
    }

    @Test
    void sizes_are_labelled_as_drivers_talk_about_them() {
        assertThat(Workload.sizeLabel(4096)).isEqualTo("4 KiB");
        assertThat(Workload.sizeLabel(1 << 20)).isEqualTo("1 MiB");
        assertThat(Workload.sizeLabel(Workload.GRUB_EFI_SIZE)).isEqualTo("2,525,712 B");
    }
}
