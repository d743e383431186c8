package dev.vfc.report;

import dev.vfc.results.Axis;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.List;

/** Results built in tests: a target and its scenario outcomes, with just the fields a test cares about. */
final class Results {

    static final String READ_TRANSCRIPT = """
            #1 q1 FuseInHeader[len=56, opcode=INIT, unique=1, nodeid=0] InitIn[7.31, maxReadahead=0, flags=DO_READDIRPLUS] layout=[R40 R16 W16 W64] -> used.len=80 FuseOutHeader[len=80, error=OK, unique=1] InitOut[7.38, maxWrite=1048576] (0.10 ms)
            #2 q1 FuseInHeader[len=80, opcode=READ, unique=2, nodeid=2] ReadIn[fh=0, offset=0, size=8192] layout=[R40 R40 W16 W8192] -> used.len=8208 FuseOutHeader[len=8208, error=OK, unique=2] <8192 data bytes> (0.08 ms)
            """;

    private Results() {
    }

    static ResultsFile target(String name, ScenarioResult... results) {
        return new ResultsFile(new ResultsFile.TargetInfo(name, name, name + " 1.0", "/usr/bin/" + name + " --socket-path=x"),
                List.of(results));
    }

    static ScenarioResult result(String id, Verdict verdict) {
        return new ScenarioResult(id, "title of " + id, "rule of " + id, verdict, 3, READ_TRANSCRIPT, "");
    }

    /** A result of a hardening scenario: its verdict is on the hardening scale. */
    static ScenarioResult hardening(String id, Verdict verdict) {
        return new ScenarioResult(id, "title of " + id, "rule of " + id, Axis.HARDENING, verdict, 3, READ_TRANSCRIPT, "");
    }

    static ScenarioResult contained(String id) {
        return hardening(id, Verdict.contained("EINVAL(-22), and the next request was served"));
    }

    static ScenarioResult pass(String id) {
        return result(id, Verdict.pass("conforms"));
    }

    static ScenarioResult fail(String id) {
        return result(id, Verdict.fail("8192 bytes", "EINVAL(-22)"));
    }
}
