package dev.vfc.results;

import dev.vfc.fuse.FuseOpcode;
import java.util.List;

/**
 * One scenario's outcome on one target, as results files carry it.
 *
 * @param transcript the FUSE exchanges (one per line) or, for a real guest, what its console
 *     showed; for crashes and timeouts also the daemon's last log lines
 * @param axis       the scenario's axis, which says on which scale {@code verdict} is
 * @param log        the daemon's last log lines when the scenario ended, for the report's drill-down
 * @param opcodes    the FUSE opcodes the scenario's session sent, in the order of first use; empty
 *     when it had no session of its own (a real guest), so which opcodes it reaches is unknown
 */
public record ScenarioResult(String scenario, String title, String rule, Axis axis, Verdict verdict, long millis,
        String transcript, String log, List<FuseOpcode> opcodes) {

    public ScenarioResult {
        java.util.Objects.requireNonNull(axis);
        opcodes = List.copyOf(opcodes);
    }

    /** A result without a record of the opcodes sent. */
    public ScenarioResult(String scenario, String title, String rule, Axis axis, Verdict verdict, long millis,
            String transcript, String log) {
        this(scenario, title, rule, axis, verdict, millis, transcript, log, List.of());
    }

    /** A conformance-axis result (the axis of every scenario older results files hold). */
    public ScenarioResult(String scenario, String title, String rule, Verdict verdict, long millis, String transcript,
            String log) {
        this(scenario, title, rule, Axis.CONFORMANCE, verdict, millis, transcript, log);
    }

    /** The area of the scenario: the first part of its id (read, sizing, ovmf, linux, ...). */
    public String area() {
        int slash = scenario.indexOf('/');
        return slash < 0 ? scenario : scenario.substring(0, slash);
    }
}
