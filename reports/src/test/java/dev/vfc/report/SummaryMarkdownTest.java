package dev.vfc.report;

import static dev.vfc.report.Results.contained;
import static dev.vfc.report.Results.fail;
import static dev.vfc.report.Results.hardening;
import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.result;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SummaryMarkdownTest {

    @Test
    void shows_the_verdict_counts_per_daemon_then_the_scenarios_where_they_disagree() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("java", pass("read/a"), pass("read/b"), pass("init/c")),
                target("rust", pass("read/a"), fail("read/b"), result("init/c", new Verdict.Crash("SIGSYS")))));

        assertThat(SummaryMarkdown.render(report)).isEqualTo("""
                ## virtio-fs daemon comparison

                3 scenarios (3 conformance), 2 daemons, 2 scenarios where they disagree (2 conformance).

                ### Conformance: requests a conforming driver may send; FAIL = a rule binding the daemon was broken

                | daemon | version | PASS | FAIL | CRASH |
                |---|---|---|---|---|
                | `java` | java 1.0 | 3 | | |
                | `rust` | rust 1.0 | 1 | 1 | 1 |

                ### Where the daemons disagree: conformance

                | scenario | `java` | `rust` |
                |---|---|---|
                | `read/b` | PASS | FAIL |
                | `init/c` | PASS | CRASH |
                """);
    }

    @Test
    void counts_and_disagreements_are_given_per_axis_conformance_first() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("c", pass("read/a"), contained("robustness/loop"), contained("robustness/oob")),
                target("rust", fail("read/a"), hardening("robustness/loop", Verdict.hang("no used element")),
                        contained("robustness/oob"))));

        assertThat(SummaryMarkdown.render(report)).isEqualTo("""
                ## virtio-fs daemon comparison

                3 scenarios (1 conformance, 2 hardening), 2 daemons, 2 scenarios where they disagree (1 conformance, 1 hardening).

                ### Conformance: requests a conforming driver may send; FAIL = a rule binding the daemon was broken

                | daemon | version | PASS | FAIL |
                |---|---|---|---|
                | `c` | c 1.0 | 1 | |
                | `rust` | rust 1.0 | | 1 |

                ### Hardening: requests that break a rule binding the driver; virtio 1.3 §2.1.2 lets the device stop; the grade says how it reacted

                | daemon | version | CONTAINED | HANG |
                |---|---|---|---|
                | `c` | c 1.0 | 2 | |
                | `rust` | rust 1.0 | 1 | 1 |

                ### Where the daemons disagree: conformance

                | scenario | `c` | `rust` |
                |---|---|---|
                | `read/a` | PASS | FAIL |

                ### Where the daemons disagree: hardening

                | scenario | `c` | `rust` |
                |---|---|---|
                | `robustness/loop` | CONTAINED | HANG |
                """);
    }

    @Test
    void lists_each_verdict_that_moved_since_the_earlier_run_old_to_new() {
        ComparisonReport report = ComparisonReport.of(List.of(target("c", pass("read/a"), fail("read/b"))))
                .withEarlierRun("before", List.of(target("c", pass("read/a"), pass("read/b"))));

        assertThat(SummaryMarkdown.render(report)).contains("""
                ### Changed since the earlier run

                2 verdicts held to `before`: 1 changed.

                | scenario | daemon | was | now | |
                |---|---|---|---|---|
                | `read/b` | `c` | PASS | FAIL | worse |
                """).doesNotContain("Against the baselines");
    }

    @Test
    void a_daemon_that_did_not_run_a_disagreeing_scenario_gets_a_dash() {
        ComparisonReport report = ComparisonReport.of(List.of(target("a", pass("read/x")), target("b", fail("read/x")),
                target("c")));

        assertThat(SummaryMarkdown.render(report)).contains("| `read/x` | PASS | FAIL | — |");
    }

    @Test
    void caps_the_disagreements_of_an_axis_at_twenty_rows_and_says_how_many_more() {
        ScenarioResult[] passes = IntStream.range(0, 42).mapToObj(i -> pass("read/" + i)).toArray(ScenarioResult[]::new);
        ScenarioResult[] fails = IntStream.range(0, 42).mapToObj(i -> fail("read/" + i)).toArray(ScenarioResult[]::new);
        String md = SummaryMarkdown.render(ComparisonReport.of(List.of(target("a", passes), target("b", fails))));

        assertThat(md).contains("| `read/19` |").doesNotContain("| `read/20` |")
                .endsWith("\n… and 22 more conformance rows (see index.html).\n");
        assertThat(md.lines().filter(l -> l.startsWith("| `read/"))).hasSize(20);
    }

    @Test
    void when_all_daemons_agree_there_is_no_disagreement_table() {
        String md = SummaryMarkdown.render(ComparisonReport.of(List.of(target("a", pass("read/x")),
                target("b", pass("read/x")))));

        assertThat(md).contains("0 scenarios where they disagree.").doesNotContain("Where the daemons disagree");
    }

    @Test
    void names_and_versions_with_table_or_markup_characters_stay_inside_their_cell() {
        ResultsFile odd = new ResultsFile(new ResultsFile.TargetInfo("odd|name", "x", "v <b>1</b> | 2", "cmd"),
                List.of(pass("read/x")));

        assertThat(SummaryMarkdown.render(ComparisonReport.of(List.of(odd))))
                .contains("| `odd\\|name` | v &lt;b&gt;1&lt;/b&gt; \\| 2 | 1 |");
    }
}
