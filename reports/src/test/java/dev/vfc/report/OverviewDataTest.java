package dev.vfc.report;

import static dev.vfc.report.Results.contained;
import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.hardening;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vfc.results.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OverviewDataTest {

    @Test
    void each_axis_counts_each_areas_verdicts_per_daemon_and_null_where_a_daemon_ran_none() {
        JsonNode overview = OverviewData.of(ComparisonReport.of(List.of(
                target("java", pass("read/a"), pass("read/b"), pass("sizing/a"), contained("robustness/loop")),
                target("c", pass("read/a"), fail("read/b"), hardening("robustness/loop", Verdict.hang("10 s"))))));

        assertThat(overview).extracting(a -> a.get("axis").asText()).containsExactly("conformance", "hardening");
        JsonNode conformance = overview.get(0);
        assertThat(conformance.at("/areas/0/area").asText()).isEqualTo("read");
        assertThat(conformance.at("/areas/0/rows").asInt()).isEqualTo(2);
        assertThat(conformance.at("/areas/0/counts/0").toString()).isEqualTo("{\"PASS\":2}");
        assertThat(conformance.at("/areas/0/counts/1").toString()).as("best first, zeros left out")
                .isEqualTo("{\"PASS\":1,\"FAIL\":1}");
        assertThat(conformance.at("/areas/1/counts/1").isNull()).as("c ran no sizing scenario").isTrue();
        assertThat(conformance.at("/total/1").toString()).isEqualTo("{\"PASS\":1,\"FAIL\":1}");
        assertThat(conformance.at("/rows").asInt()).isEqualTo(3);
        assertThat(overview.get(1).at("/total/0").toString()).isEqualTo("{\"CONTAINED\":1}");
        assertThat(overview.get(1).at("/total/1").toString()).isEqualTo("{\"HANG\":1}");
    }
}
