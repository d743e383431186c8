package dev.vfc.cli;

import dev.vfc.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The suite's revision, as a results file records it: the project version from the jar's
 * manifest, then the first 12 hex digits of SHA-256 over every scenario's id, axis, title and
 * rule in suite order. Shards built from the same sources get the same revision whatever the
 * machine or build time (a jar's own digest would not: its entries carry timestamps), and
 * shards whose suites differ in any scenario, or in any rule it cites, get different ones, so
 * {@code vfc merge} refuses to join them.
 */
final class SuiteRevision {

    private SuiteRevision() {
    }

    static String of(List<Scenario> wholeSuite) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Scenario s : wholeSuite) {
                for (String field : List.of(s.id(), s.axis().label(), s.title(), s.rule())) {
                    sha.update(field.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return version() + "+" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The version Maven put in the jar's manifest; {@code dev} when running from classes (an IDE, the ITs). */
    private static String version() {
        return Optional.ofNullable(SuiteRevision.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
