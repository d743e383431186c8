package dev.vfc.report;

import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.results.Axis;
import dev.vfc.results.RecordedExchange;
import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import java.util.List;
import java.util.Optional;

/** Results built in tests: a target and its scenario outcomes, with just the fields a test cares about. */
final class Results {

    /** An INIT and an 8 KiB READ, both answered. */
    static final List<RecordedExchange> READ = List.of(
            exchange(1, FuseOpcode.INIT, 56, 0, "InitIn[7.31, maxReadahead=0, flags=DO_READDIRPLUS]", "R40 R16 W16 W64",
                    80, 0, "InitOut[7.38, maxWrite=1048576]", 0.10),
            exchange(2, FuseOpcode.READ, 80, 2, "ReadIn[fh=0, offset=0, size=8192]", "R40 R40 W16 W8192", 8208, 0,
                    "<8192 data bytes>", 0.08));

    private Results() {
    }

    /**
     * One exchange on queue 1 whose unique is its number: {@code chain} as {@code R40 W16}, a reply
     * header of {@code usedLen} bytes with {@code error}, the call notified as required.
     */
    static RecordedExchange exchange(long n, FuseOpcode op, int inLen, long nodeid, String body, String chain,
            long usedLen, int error, String replyBody, double millis) {
        String[] parts = chain.split(" ");
        boolean[] writable = new boolean[parts.length];
        long[] length = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            writable[i] = parts[i].charAt(0) == 'W';
            length[i] = Long.parseLong(parts[i].substring(1));
        }
        return new RecordedExchange(n, 1, FuseInHeader.of(op, inLen, n, nodeid, 0, 0, 1), body,
                RecordedExchange.runs(writable, length), false, usedLen, new RecordedExchange.Notified(true, true, ""),
                Optional.of(new FuseOutHeader((int) usedLen, error, n)), replyBody, millis, List.of());
    }

    static ResultsFile target(String name, ScenarioResult... results) {
        return new ResultsFile(new ResultsFile.TargetInfo(name, name, name + " 1.0", "/usr/bin/" + name + " --socket-path=x"),
                List.of(results));
    }

    static ScenarioResult result(String id, Verdict verdict) {
        return new ScenarioResult(id, "title of " + id, "rule of " + id, Axis.CONFORMANCE, verdict, 3, "", "",
                List.of(), READ);
    }

    /** A result of a hardening scenario: its verdict is on the hardening scale. */
    static ScenarioResult hardening(String id, Verdict verdict) {
        return new ScenarioResult(id, "title of " + id, "rule of " + id, Axis.HARDENING, verdict, 3, "", "", List.of(),
                READ);
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
