package dev.vfc.report;

import dev.vfc.fuse.FuseOpcode;
import dev.vfc.results.RecordedExchange;
import dev.vfc.results.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report's rows by FUSE opcode: for each opcode any scenario sent, the rows that sent it, so
 * a daemon developer who touched one handler sees every verdict that handler can move. Read from
 * the recorded exchanges' request headers (what went on the ring, a hostile code included), never
 * from transcript text; a row whose daemons sent different opcodes (a session that stopped early
 * on one) is listed under every opcode any of them sent.
 *
 * @param entries by opcode number
 */
record OpcodeIndex(List<Entry> entries) {

    /**
     * One opcode and its rows.
     *
     * @param name the name in fuse.h ({@link FuseOpcode}), or {@code unknown opcode N} for a code
     *     it does not define (the suite sends some on purpose)
     * @param rows indices into the report's rows, in report order
     */
    record Entry(int code, String name, List<Integer> rows) {
        Entry {
            rows = List.copyOf(rows);
        }
    }

    OpcodeIndex {
        entries = List.copyOf(entries);
    }

    static OpcodeIndex of(List<ScenarioRow> rows) {
        Map<Integer, TreeSet<Integer>> byCode = new TreeMap<>(Integer::compareUnsigned);
        for (int i = 0; i < rows.size(); i++) {
            for (int code : codesSent(rows.get(i))) {
                byCode.computeIfAbsent(code, c -> new TreeSet<>()).add(i);
            }
        }
        List<Entry> entries = new ArrayList<>();
        byCode.forEach((code, list) -> entries.add(new Entry(code, nameOf(code), new ArrayList<>(list))));
        return new OpcodeIndex(entries);
    }

    private static TreeSet<Integer> codesSent(ScenarioRow row) {
        TreeSet<Integer> codes = new TreeSet<>(Integer::compareUnsigned);
        for (ScenarioResult r : row.byTarget().values()) {
            for (RecordedExchange e : r.exchanges()) {
                codes.add(e.request().opcode());
            }
        }
        return codes;
    }

    static String nameOf(int code) {
        return FuseOpcode.of(code).map(FuseOpcode::name).orElse("unknown opcode " + Integer.toUnsignedString(code));
    }
}
