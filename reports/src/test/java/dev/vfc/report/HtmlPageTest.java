package dev.vfc.report;

import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vfc.scenario.ResultsFile;
import dev.vfc.scenario.ScenarioResult;
import dev.vfc.scenario.Verdict;
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
        assertThat(data.at("/targets/1/counts/FAIL").asInt()).isEqualTo(1);
        assertThat(data.at("/rows/0/disagree").asBoolean()).isTrue();
        assertThat(data.at("/rows/0/cells/1/v").asText()).isEqualTo("FAIL");
        assertThat(data.at("/rows/1/cells/1").isNull()).isTrue();
        assertThat(data.at("/rows/1/area").asText()).isEqualTo("read");
    }

    @Test
    void a_fail_cell_carries_expected_and_actual_apart_and_its_transcript_taken_apart() throws Exception {
        JsonNode cell = island(HtmlPage.render(ComparisonReport.of(List.of(target("c", fail("read/a"))))))
                .at("/rows/0/cells/0");

        assertThat(cell.at("/ea/expected").asText()).isEqualTo("8192 bytes");
        assertThat(cell.at("/ea/actual").asText()).isEqualTo("EINVAL(-22)");
        JsonNode read = cell.at("/tx/lines/1");
        assertThat(read.get(0).asInt()).isEqualTo(2);
        assertThat(read.get(3).asText()).isEqualTo("[R40 R40 W16 W8192]");
        assertThat(read.get(4).asText()).startsWith("used.len=8208 FuseOutHeader[");
    }

    private static JsonNode island(String html) throws Exception {
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
