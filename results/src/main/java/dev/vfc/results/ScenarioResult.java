package dev.vfc.results;

import dev.vfc.fuse.FuseOpcode;
import java.util.List;
import java.util.Optional;

/**
 * One scenario's outcome on one target, as results files carry it.
 *
 * @param transcript what a real guest's console showed, or other notes; empty for a FUSE session,
 *     whose exchanges are {@code exchanges}
 * @param axis       the scenario's axis, which says on which scale {@code verdict} is
 * @param log        the daemon's last log lines when the scenario ended, for the report's drill-down
 * @param opcodes    the FUSE opcodes the scenario's session sent, in the order of first use; empty
 *     when it had no session of its own (a real guest), so which opcodes it reaches is unknown
 * @param exchanges  the FUSE session's exchanges in order, as fields
 * @param shard      the shard of a sharded run ({@code vfc compare --shard}) that produced this
 *     result, kept when shards are merged so the report can say which job ran what; empty for
 *     an unsharded run
 */
public record ScenarioResult(String scenario, String title, String rule, Axis axis, Verdict verdict, long millis,
        String transcript, String log, List<FuseOpcode> opcodes, List<RecordedExchange> exchanges,
        Optional<Shard> shard) {

    public ScenarioResult {
        java.util.Objects.requireNonNull(axis);
        java.util.Objects.requireNonNull(shard);
        opcodes = List.copyOf(opcodes);
        exchanges = List.copyOf(exchanges);
    }

    /** A result of an unsharded run. */
    public ScenarioResult(String scenario, String title, String rule, Axis axis, Verdict verdict, long millis,
            String transcript, String log, List<FuseOpcode> opcodes, List<RecordedExchange> exchanges) {
        this(scenario, title, rule, axis, verdict, millis, transcript, log, opcodes, exchanges, Optional.empty());
    }

    /** This result as shard {@code ran} produced it. */
    public ScenarioResult withShard(Optional<Shard> ran) {
        return new ScenarioResult(scenario, title, rule, axis, verdict, millis, transcript, log, opcodes, exchanges, ran);
    }

    /** A result without exchanges (a real guest's, or one from before they were recorded). */
    public ScenarioResult(String scenario, String title, String rule, Axis axis, Verdict verdict, long millis,
            String transcript, String log, List<FuseOpcode> opcodes) {
        this(scenario, title, rule, axis, verdict, millis, transcript, log, opcodes, List.of());
    }

    /** The transcript for people: the exchanges one per line, then any notes. */
    public String describeTranscript() {
        StringBuilder b = new StringBuilder();
        exchanges.forEach(e -> b.append(e.describe()).append('\n'));
        return b.append(transcript).toString();
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
