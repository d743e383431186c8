package dev.vfc.scenario;

/**
 * One scenario's outcome on one target, as results files carry it.
 *
 * @param transcript the FUSE exchanges (one per line) or, for a real guest, what its console
 *     showed; for crashes and timeouts also the daemon's last log lines
 * @param axis       the scenario's axis, which says on which scale {@code verdict} is
 * @param log        the daemon's last log lines when the scenario ended, for the report's drill-down
 */
public record ScenarioResult(String scenario, String title, String rule, Axis axis, Verdict verdict, long millis,
        String transcript, String log) {

    public ScenarioResult {
        java.util.Objects.requireNonNull(axis);
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
