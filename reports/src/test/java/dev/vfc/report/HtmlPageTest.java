package dev.vfc.report;

import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HtmlPageTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)><!-- & \u2028";
    private static final Pattern ISLAND =
            Pattern.compile("<script type=\"application/json\" id=\"vfc-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void hostile_text_in_a_detail_a_log_a_transcript_or_a_name_cannot_leave_the_data_island() throws Exception {
        ScenarioResult evil = new ScenarioResult("read/" + HOSTILE, HOSTILE, HOSTILE, Verdict.fail(HOSTILE), 1,
                "#1 q1 " + HOSTILE + " -> used.len=0 " + HOSTILE, HOSTILE);
        ResultsFile target = new ResultsFile(new ResultsFile.TargetInfo(HOSTILE, HOSTILE, HOSTILE, HOSTILE),
                List.of(evil));
        String html = HtmlPage.render(ComparisonReport.of(List.of(target)));

        assertThat(html).doesNotContain("<img").doesNotContain("onerror=alert(1)>").doesNotContain("<!-- &");
        assertThat(count(html, "</script>")).as("the data island's end and the page script's end").isEqualTo(2);
        JsonNode data = island(html);
        assertThat(data.at("/targets/0/name").asText()).isEqualTo(HOSTILE);
        assertThat(data.at("/rows/0/cells/0/d").asText()).isEqualTo(HOSTILE);
        assertThat(data.at("/rows/0/cells/0/log").asText()).isEqualTo(HOSTILE);
        assertThat(data.at("/rows/0/title").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void the_page_needs_no_server_and_no_network() {
        String html = HtmlPage.render(ComparisonReport.of(List.of(target("c", pass("read/a")))));

        assertThat(html).doesNotContain("<link").doesNotContain(" src=").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("/*VFC_");
        assertThat(html).contains("<style>", "<script>");
    }

    @Test
    void the_data_has_one_cell_per_daemon_in_column_order_and_null_where_a_daemon_did_not_run_it() throws Exception {
        JsonNode data = island(HtmlPage.render(ComparisonReport.of(List.of(
                target("java", pass("read/a"), pass("read/b")), target("c", fail("read/a"))))));

        assertThat(data.at("/targets/0/name").asText()).isEqualTo("java");
        assertThat(data.at("/targets/1/counts/conformance/FAIL").asInt()).isEqualTo(1);
        assertThat(data.at("/rows/0/disagree").asBoolean()).isTrue();
        assertThat(data.at("/rows/0/cells/1/v").asText()).isEqualTo("FAIL");
        assertThat(data.at("/rows/1/cells/1").isNull()).isTrue();
        assertThat(data.at("/rows/1/area").asText()).isEqualTo("read");
    }

    @Test
    void the_data_gives_each_row_its_axis_and_each_daemon_its_counts_per_axis() throws Exception {
        JsonNode data = island(HtmlPage.render(ComparisonReport.of(List.of(target("rust", pass("read/a"),
                Results.contained("robustness/loop"), Results.hardening("robustness/oob", Verdict.breach("wrote")))))));

        assertThat(data.at("/rows/0/axis").asText()).isEqualTo("conformance");
        assertThat(data.at("/rows/2/axis").asText()).isEqualTo("hardening");
        assertThat(data.at("/targets/0/counts/conformance/PASS").asInt()).isEqualTo(1);
        assertThat(data.at("/targets/0/counts/hardening/BREACH").asInt()).isEqualTo(1);
        assertThat(data.at("/targets/0/counts/hardening/PASS").isMissingNode()).as("PASS is not a hardening grade").isTrue();
    }

    @Test
    void the_data_lists_both_scales_conformance_first_each_best_to_worst_with_what_each_verdict_means()
            throws Exception {
        JsonNode axes = island(HtmlPage.render(ComparisonReport.of(List.of(target("c", pass("read/a")))))).at("/axes");

        assertThat(axes.findValuesAsText("name")).containsExactly("conformance", "hardening");
        assertThat(axes.get(0).path("rows").asInt()).isEqualTo(1);
        assertThat(axes.get(1).path("rows").asInt()).isZero();
        assertThat(axes.get(1).path("verdicts")).extracting(JsonNode::asText)
                .containsExactly("CONTAINED", "NON-STRICT", "FAIL-STOP", "HANG", "BREACH", "SKIPPED");
        assertThat(axes.get(1).path("explains").asText()).contains("break a rule binding the driver", "§2.1.2");
        assertThat(axes.get(0).path("explains").asText()).contains("FAIL = a rule binding the daemon was broken");
        assertThat(axes.get(1).at("/meanings/BREACH").asText()).contains("outside");
    }

    @Test
    void a_fail_cell_carries_expected_and_actual_apart_and_each_exchange_in_columns() throws Exception {
        JsonNode cell = island(HtmlPage.render(ComparisonReport.of(List.of(target("c", fail("read/a"))))))
                .at("/rows/0/cells/0");

        assertThat(cell.at("/ea/expected").asText()).isEqualTo("8192 bytes");
        assertThat(cell.at("/ea/actual").asText()).isEqualTo("EINVAL(-22)");
        JsonNode read = cell.at("/tx/lines/1");
        assertThat(read.get(0).asInt()).isEqualTo(2);
        assertThat(read.get(3).asText()).isEqualTo("[R40 R40 W16 W8192]");
        assertThat(read.get(4).asText()).startsWith("used.len=8208 notified: yes FuseOutHeader[");
    }

    static JsonNode island(String html) throws Exception {
        Matcher m = ISLAND.matcher(html);
        assertThat(m.find()).as("the data island").isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
