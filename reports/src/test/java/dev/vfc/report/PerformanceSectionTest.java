package dev.vfc.report;

import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The performance section of {@code index.html}, as the page's data island carries it to the script. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PerformanceSectionTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)><!-- &";

    private static String page(BenchFigures bench) {
        return HtmlPage.render(ComparisonReport.of(List.of(target("java", pass("read/a")))).withBench(bench));
    }

    private static BenchFigures bench() throws Exception {
        return BenchFigures.fromJson(new ObjectMapper().readTree(BenchFiguresTest.BENCH_JSON));
    }

    @Test
    void each_bench_row_becomes_one_chart_with_a_bar_per_daemon_and_the_limit_last() throws Exception {
        JsonNode perf = HtmlPageTest.island(page(bench())).at("/performance");

        assertThat(perf.at("/rows")).hasSize(2);
        assertThat(perf.at("/rows/0/workload").asText()).isEqualTo("READ 1 MiB, linux (4 KiB descriptors, indirect)");
        assertThat(perf.at("/rows/0/unit").asText()).isEqualTo("MB/s");
        assertThat(perf.at("/rows/0/bars")).extracting(b -> b.get("name").asText())
                .containsExactly("java", "c", "rust", "limit");
        assertThat(perf.at("/rows/0/bars")).extracting(b -> b.get("limit").asBoolean())
                .containsExactly(false, false, false, true);
        assertThat(perf.at("/rows/1/bars")).extracting(b -> b.get("name").asText())
                .as("c was not measured on GETATTR: its bar says so").containsExactly("java", "c", "rust", "limit");
        assertThat(perf.at("/rows/1/bars/1/value").isNull()).isTrue();
        assertThat(perf.at("/rows/1/bars/1/share").isMissingNode()).isTrue();
    }

    @Test
    void the_bars_are_as_long_as_their_values_over_the_largest_of_the_chart() throws Exception {
        JsonNode bars = HtmlPageTest.island(page(bench())).at("/performance/rows/0/bars");

        assertThat(bars.get(3).get("share").asDouble()).as("the limit, the largest").isEqualTo(1.0);
        for (JsonNode bar : bars) {
            assertThat(bar.get("share").asDouble()).isCloseTo(bar.get("value").asDouble() / 14700.0, within(1e-12));
        }
        assertThat(bars.get(0).get("share").asDouble() / bars.get(1).get("share").asDouble())
                .isCloseTo(9344.0 / 7104.0, within(1e-12));
    }

    @Test
    void latency_allocation_start_up_machine_and_commands_come_along_as_figures() throws Exception {
        JsonNode perf = HtmlPageTest.island(page(bench())).at("/performance");

        assertThat(perf.at("/rows/0/latency")).extracting(l -> l.get("name").asText())
                .containsExactly("java", "c", "rust", "limit");
        assertThat(perf.at("/rows/0/latency/0/p50").asDouble()).isEqualTo(110.2);
        assertThat(perf.at("/rows/0/latency/2/p99").asDouble()).isEqualTo(205.5);
        assertThat(perf.at("/rows/1/latency")).as("GETATTR recorded none").isEmpty();
        assertThat(perf.at("/rows/0/alloc/0/name").asText()).isEqualTo("java");
        assertThat(perf.at("/rows/0/alloc/0/bytes").asDouble()).isEqualTo(312.0);
        assertThat(perf.at("/startup")).extracting(s -> s.get("name").asText()).containsExactly("java", "c");
        assertThat(perf.at("/startup/1/firstRead").asDouble()).isEqualTo(40.5);
        assertThat(perf.at("/machine").asText()).startsWith("2 CPUs (nproc)");
        assertThat(perf.at("/commands")).extracting(c -> c.get("name").asText() + ": " + c.get("command").asText())
                .containsExactly("java: java -jar daemon.jar --socket-path=x",
                        "c: /usr/lib/qemu/virtiofsd --socket-path=x", "rust: /usr/libexec/virtiofsd --socket-path=x");
    }

    @Test
    void hostile_workload_labels_units_machine_and_commands_stay_text_inside_the_data_island() throws Exception {
        BenchFigures evil = new BenchFigures(HOSTILE, List.of(new BenchFigures.Row(HOSTILE, HOSTILE,
                Map.of(HOSTILE, 1.0), Map.of(), Map.of(), Map.of())), Map.of(), Map.of(HOSTILE, HOSTILE));
        String html = page(evil);

        assertThat(html).doesNotContain("<img").doesNotContain("<!-- &");
        JsonNode perf = HtmlPageTest.island(html).at("/performance");
        assertThat(perf.at("/rows/0/workload").asText()).isEqualTo(HOSTILE);
        assertThat(perf.at("/rows/0/unit").asText()).isEqualTo(HOSTILE);
        assertThat(perf.at("/rows/0/bars/0/name").asText()).isEqualTo(HOSTILE);
        assertThat(perf.at("/machine").asText()).isEqualTo(HOSTILE);
        assertThat(perf.at("/commands/0/command").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void the_page_has_the_performance_section_and_its_link_only_drawn_when_a_bench_was_given() throws Exception {
        String without = HtmlPage.render(ComparisonReport.of(List.of(target("java", pass("read/a")))));

        assertThat(HtmlPageTest.island(without).has("performance")).isFalse();
        assertThat(without).contains("<section id=\"performance\" hidden", "id=\"link-performance\" href=\"#performance\" hidden");
        assertThat(HtmlPageTest.island(page(bench())).has("performance")).isTrue();
    }
}
