package dev.vfc.report;

import static dev.vfc.report.Results.pass;
import static dev.vfc.report.Results.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.results.Axis;
import dev.vfc.results.RecordedExchange;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpcodeIndexTest {

    private static ScenarioResult sending(String id, List<RecordedExchange> exchanges) {
        return new ScenarioResult(id, "t", "r", Axis.CONFORMANCE, Verdict.pass("ok"), 1,
                "a note naming LOOKUP and WRITE", "", List.of(), exchanges);
    }

    private static RecordedExchange raw(long n, int code) {
        return new RecordedExchange(n, 1, new FuseInHeader(40, code, n, 1, 0, 0, 1, 0), "", List.of(), false, 0,
                new RecordedExchange.Notified(true, true, ""), Optional.empty(), "", 0.1, List.of());
    }

    private static RecordedExchange op(long n, FuseOpcode op) {
        return Results.exchange(n, op, 40, 1, "", "R40 W16", 16, 0, "", 0.1);
    }

    @Test
    void each_opcode_sent_lists_the_rows_that_sent_it_in_the_order_of_its_number() {
        ComparisonReport report = ComparisonReport.of(List.of(
                target("java", sending("a", List.of(op(1, FuseOpcode.INIT), op(2, FuseOpcode.READ))),
                        sending("b", List.of(op(1, FuseOpcode.INIT), op(2, FuseOpcode.GETATTR))),
                        sending("guest", List.of())),
                target("c", sending("b", List.of(op(1, FuseOpcode.INIT), op(2, FuseOpcode.GETATTR),
                        op(3, FuseOpcode.READ))))));

        assertThat(report.opcodes().entries()).extracting(e -> e.name() + " " + e.code() + " " + e.rows())
                .as("the notes' text names no opcode; c's session of b went on to READ")
                .containsExactly("GETATTR 3 [1]", "READ 15 [0, 1]", "INIT 26 [0, 1]");
    }

    @Test
    void a_code_fuse_does_not_define_is_listed_as_unknown_after_the_known_ones() {
        ComparisonReport report = ComparisonReport.of(List.of(target("java",
                sending("hostile", List.of(op(1, FuseOpcode.INIT), raw(2, 4242), raw(3, -1))), pass("read/a"))));

        assertThat(report.opcodes().entries()).extracting(OpcodeIndex.Entry::name).containsExactly("READ", "INIT",
                "unknown opcode 4242", "unknown opcode 4294967295");
    }
}
