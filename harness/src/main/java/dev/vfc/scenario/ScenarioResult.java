package dev.vfc.scenario;

/**
 * One scenario's outcome on one target, as results files carry it.
 *
 * @param transcript the FUSE exchanges (one per line) and, for crashes, the daemon's last log lines
 */
public record ScenarioResult(String scenario, String title, String rule, Verdict verdict, long millis,
        String transcript) {
}
