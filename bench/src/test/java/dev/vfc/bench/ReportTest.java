package dev.vfc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.bench.TargetRun.Column;
import dev.vfc.targets.Availability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportTest {

    private static final Machine MACHINE = new Machine(2, 2, "6.1.0-test", "17.0.15 (Debian)");

    @Test
    void the_median_of_an_odd_count_is_the_middle_sample_whatever_the_order() {
        assertThat(Outcome.median(List.of(900.0, 100.0, 500.0))).isEqualTo(500.0);
        assertThat(Outcome.median(List.of(42.0))).isEqualTo(42.0);
    }

    @Test
    void the_median_of_an_even_count_is_the_mean_of_the_two_middle_samples() {
        assertThat(new Outcome.Measured(List.of(4.0, 1.0, 3.0, 100.0)).median()).isEqualTo(3.5);
    }

    @Test
    void a_measurement_without_samples_is_refused() {
        assertThatThrownBy(() -> new Outcome.Measured(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void values_keep_one_decimal_below_100_and_none_from_100_up() {
        assertThat(Report.value(57.25)).isEqualTo("57.3");
        assertThat(Report.value(1435.4)).isEqualTo("1435");
        assertThat(Report.value(15192.6)).isEqualTo("15193");
    }

    @Test
    void the_ratio_is_java_over_c_with_two_decimals() {
        assertThat(Report.ratio(measured(1656), measured(1853))).isEqualTo("0.89x");
        assertThat(Report.ratio(measured(83.6), measured(51.8))).isEqualTo("1.61x");
    }

    @Test
    void the_ratio_is_a_dash_unless_both_sides_were_measured() {
        assertThat(Report.ratio(measured(10), new Outcome.Failed("EIO"))).isEqualTo("-");
        assertThat(Report.ratio(new Outcome.Unavailable("no binary"), measured(10))).isEqualTo("-");
        assertThat(Report.ratio(measured(10), measured(0))).isEqualTo("-");
        assertThat(Report.ratio(null, measured(10))).isEqualTo("-");
    }

    @Test
    void an_unavailable_target_shows_n_a_with_its_reason_and_the_run_still_has_its_table() {
        List<Workload> workloads = Workload.standard();
        Column java = column("java", new Availability.Available("vfc-daemon.jar"), workloads, w -> measured(1000));
        Column c = column("c", new Availability.Unavailable("/usr/lib/qemu/virtiofsd not found"), workloads,
                w -> new Outcome.Unavailable("/usr/lib/qemu/virtiofsd not found"));

        String report = render(workloads, java, c);

        assertThat(report)
                .contains("machine:  2 CPUs (nproc), kernel 6.1.0-test, Java 17.0.15 (Debian)")
                .contains("c:        n/a (/usr/lib/qemu/virtiofsd not found)")
                .contains("MB/s = 10^6 bytes per second")
                .containsPattern("READ 2,525,712 B, ovmf \\(one writable descriptor\\) +MB/s +1000 +n/a \\(unavailable\\)"
                        + " +2000 +- +50% +-\n")
                .containsPattern("GETATTR, linux \\(queue depth 1\\) +ops/s +1000 +n/a \\(unavailable\\) +2000 +- +50% +-\n");
    }

    @Test
    void a_failure_points_to_one_numbered_note_however_many_cells_share_it() {
        List<Workload> workloads = Workload.standard();
        Column java = column("java", new Availability.Available("jar"), workloads,
                w -> new Outcome.Failed("daemon died during a request on queue 1: killed by SIGKILL"));
        Column c = column("c", new Availability.Available("7.2"), workloads, w -> measured(2000));

        String report = render(workloads, java, c);

        assertThat(report).contains("n/a (failed, note 1)").doesNotContain("note 2")
                .contains("[1] daemon died during a request on queue 1: killed by SIGKILL")
                .contains("workload").contains("java/peer");
    }

    @Test
    void a_cell_whose_repetitions_disagree_is_marked_and_its_samples_are_listed() {
        List<Workload> workloads = Workload.standard();
        Column java = column("java", new Availability.Available("jar"), workloads,
                w -> new Outcome.Measured(List.of(49281.9, 14944.6, 15377.9)));
        Column c = column("c", new Availability.Available("7.2"), workloads, w -> measured(15000));

        String report = render(workloads, java, c);

        assertThat(report)
                .containsPattern("GETATTR, linux \\(queue depth 1\\) +ops/s +15378 \\* +15000 +2000 +1.03x \\* +769% +-\n")
                .contains("java GETATTR, linux (queue depth 1): 49282, 14945, 15378");
    }

    @Test
    void repetitions_within_a_quarter_of_each_other_are_steady() {
        assertThat(new Outcome.Measured(List.of(100.0, 125.0, 110.0)).spread()).isEqualTo(1.25);
        assertThat(new Outcome.Measured(List.of(100.0)).spread()).isEqualTo(1.0);
    }

    @Test
    void a_run_pinned_to_fewer_cpus_than_the_machine_has_says_so() {
        assertThat(new Machine(1, 2, "6.1", "17").describe()).startsWith("nproc 1 of 2 CPUs (pinned)");
        assertThat(new Machine(2, 2, "6.1", "17").describe()).startsWith("2 CPUs (nproc)");
    }

    @Test
    void java_is_compared_with_the_fastest_peer_and_the_limit_and_its_allocation_is_shown() {
        List<Workload> workloads = Workload.standard();
        Column java = column("java", new Availability.Available("jar"), workloads, w -> measured(900));
        Column c = column("c", new Availability.Available("7.2"), workloads, w -> measured(600));
        Column rust = column("rust", new Availability.Available("1.13.2"), workloads, w -> measured(1000));
        Map<Workload, Double> alloc = Map.of(workloads.get(2), 312.0);
        BenchResult result = new BenchResult(workloads, List.of(java, c, rust), limit(workloads, 1800), alloc);

        String report = new Report(MACHINE, BenchmarkOptions.defaults(), result).render();

        assertThat(report).containsPattern("READ 1 MiB, linux \\(4 KiB descriptors, indirect\\) +MB/s +900 +600 +1000 +1800"
                + " +0.90x +50% +312\n");
    }

    @Test
    void the_latency_table_gives_p50_and_p99_in_microseconds() {
        List<Workload> workloads = Workload.standard();
        Outcome timed = new Outcome.Measured(List.of(5.0), Optional.of(new Outcome.Latency(12_340, 45_600)));
        Column java = column("java", new Availability.Available("jar"), workloads, w -> timed);

        String report = render(workloads, java);

        assertThat(report).contains("start-up, exec to socket listening / to the first 1 MiB READ's reply, ms:")
                .containsPattern("java +31.0 / 412\n")
                .contains("latency per request, p50 / p99 in microseconds:")
                .containsPattern("GETATTR, linux \\(queue depth 1\\) +12.3 / 45.6 +-\n");
    }

    @Test
    void latency_percentiles_are_nearest_rank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = 100 - i;
        }
        assertThat(Outcome.Latency.of(nanos, 100)).isEqualTo(new Outcome.Latency(50, 99));
        assertThat(Outcome.Latency.of(new long[] {7}, 1)).isEqualTo(new Outcome.Latency(7, 7));
    }

    @Test
    void the_json_has_one_value_per_target_and_the_limit_and_the_commands() {
        List<Workload> workloads = Workload.standard();
        Column java = column("java", new Availability.Available("jar"), workloads, w -> measured(900));
        Column c = column("c", new Availability.Unavailable("missing"), workloads, w -> new Outcome.Unavailable("missing"));
        BenchResult result = new BenchResult(workloads, List.of(java, c), limit(workloads, 1800),
                Map.of(workloads.get(0), 0.0));

        var tree = BenchJson.tree(MACHINE, result);

        var first = tree.get("rows").get(0);
        assertThat(first.get("workload").asText()).isEqualTo(workloads.get(0).label());
        assertThat(first.get("unit").asText()).isEqualTo("MB/s");
        assertThat(first.get("values").get("java").asDouble()).isEqualTo(900.0);
        assertThat(first.get("values").get("limit").asDouble()).isEqualTo(1800.0);
        assertThat(first.get("values").has("c")).isFalse();
        assertThat(first.get("alloc_bytes_per_request").get("java").asDouble()).isZero();
        assertThat(tree.get("commands").get("java").asText()).isEqualTo("java --socket-path=S");
    }

    private static String render(List<Workload> workloads, Column... columns) {
        return new Report(MACHINE, BenchmarkOptions.defaults(),
                new BenchResult(workloads, List.of(columns), limit(workloads, 2000), Map.of())).render();
    }

    private static Column limit(List<Workload> workloads, double value) {
        return column(BenchResult.LIMIT, new Availability.Available("this machine"), workloads, w -> measured(value));
    }

    private static Outcome measured(double value) {
        return new Outcome.Measured(List.of(value));
    }

    private static Column column(String spec, Availability availability, List<Workload> workloads,
            Function<Workload, Outcome> cell) {
        Map<Workload, Outcome> cells = new LinkedHashMap<>();
        workloads.forEach(w -> cells.put(w, cell.apply(w)));
        return new Column(spec, availability, cells, List.of(), Map.of("linux", spec + " --socket-path=S"),
                Optional.of(new StartUp(31_000_000, 412_000_000)));
    }
}
