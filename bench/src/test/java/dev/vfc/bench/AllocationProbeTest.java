package dev.vfc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what the Java daemon allocates per request on its queue threads, measured as
 * {@code vfc bench} measures it (the in-process daemon, {@link AllocationProbe}); the figure is
 * printed. The bound, 1 KiB, is the goal of issue 13: a 1 MiB READ of the Linux shape walks 258
 * descriptors, so anything allocated per descriptor costs kilobytes (24.8 KB per READ before the
 * chain buffers were reused). What is left, about 200 bytes, is the decoded request records
 * (fuse_in_header, the READ struct, the handler's request and reply); the bound leaves room for
 * that and for the JIT's first compilations, not for a per-descriptor object.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AllocationProbeTest {

    private static final double ONE_KIB = 1024;

    @TempDir
    Path work;

    @Test
    void a_one_mebibyte_read_of_the_linux_shape_allocates_at_most_one_kibibyte() throws IOException {
        assertAtMost(row(Workload.Op.READ, 1 << 20, "linux"), ONE_KIB);
    }

    @Test
    void the_ovmf_read_of_a_whole_grub_image_allocates_at_most_one_kibibyte() throws IOException {
        assertAtMost(row(Workload.Op.READ, Workload.GRUB_EFI_SIZE, "ovmf"), ONE_KIB);
    }

    @Test
    void a_getattr_allocates_at_most_one_kibibyte() throws IOException {
        assertAtMost(row(Workload.Op.GETATTR, 0, "linux"), ONE_KIB);
    }

    private void assertAtMost(Workload row, double bound) throws IOException {
        BenchFile file = BenchFile.createIn(Files.createDirectories(work.resolve("shared")));
        List<String> progress = new ArrayList<>();
        Map<Workload, Double> measured = AllocationProbe.measure(file, work, List.of(row), progress::add);
        progress.forEach(System.out::println);
        assertThat(measured).as("measured rows; progress: %s", progress).containsKey(row);
        assertThat(measured.get(row)).as("bytes allocated per request, %s", row.label()).isLessThanOrEqualTo(bound);
    }

    private static Workload row(Workload.Op op, int size, String profile) {
        return Workload.standard().stream()
                .filter(w -> w.op() == op && w.size() == size && w.profile().equals(profile) && w.depth() == 1)
                .findFirst().orElseThrow();
    }
}
