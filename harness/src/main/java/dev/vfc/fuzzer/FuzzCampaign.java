package dev.vfc.fuzzer;

import dev.vfc.fuzz.FuzzedRequest;
import dev.vfc.fuzz.RequestGenerator;
import dev.vfc.fuzz.SeededByteSource;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code vfc fuzz}'s campaign: the Jazzer test's request generator ({@link RequestGenerator}),
 * fed by a seeded source instead of coverage, drives one target's daemon through the frontend for
 * a bounded time. A request that kills, hangs or breaches the daemon becomes a {@link Finding}:
 * the requests since the daemon's start are saved as a {@link FuzzTranscript}, replayed on a
 * fresh daemon and minimised ({@link Minimiser}), and a fresh daemon carries on. Each daemon gets
 * at most {@link #REQUESTS_PER_DAEMON} requests, so a transcript stays short enough to minimise.
 * A finding whose rule and last opcode an earlier one had is saved but not minimised again.
 */
public final class FuzzCampaign {

    public static final int REQUESTS_PER_DAEMON = 1000;
    /** How long minimising one finding may take. */
    public static final Duration MINIMISE_BUDGET = Duration.ofSeconds(60);

    private final DaemonTarget target;
    private final long seed;
    private final Path out;
    private final Path scratch;
    private final Consumer<Finding> report;

    /**
     * @param out     where transcripts go
     * @param scratch where each daemon's socket, log and share go (a directory of its own each)
     * @param report  told of each finding as soon as it is minimised
     */
    public FuzzCampaign(DaemonTarget target, long seed, Path out, Path scratch, Consumer<Finding> report) {
        this.target = target;
        this.seed = seed;
        this.out = out;
        this.scratch = scratch;
        this.report = report;
    }

    /**
     * What a campaign did.
     *
     * @param sent      requests sent (replays while minimising not counted)
     * @param millis    how long it took, minimising included
     * @param minimiseMillis how much of that went to replaying and minimising findings
     * @param findings  in the order they came
     * @param duplicates findings saved but not minimised, an earlier one having their rule and last opcode
     * @param nonStrict each reply rule whose breach leaves the daemon serving, how often it was broken and
     *                  the first request that broke it
     * @param daemons   how many daemons were started (not counting replays)
     */
    public record Summary(long sent, long millis, long minimiseMillis, List<Finding> findings, int duplicates, Map<String, Tally> nonStrict,
            int daemons) {

        /** Requests per second of fuzzing, daemon starts included, minimising not. */
        public double rate() {
            long fuzzing = millis - minimiseMillis;
            return fuzzing <= 0 ? 0 : sent * 1000.0 / fuzzing;
        }
    }

    /** How often a rule whose breach leaves the daemon serving was broken, and the first time it was. */
    public record Tally(int count, Violation first, FuzzedRequest request) {

        Tally plus(Tally other) {
            return new Tally(count + other.count, first, request);
        }
    }

    /** Fuzzes for {@code duration}, then returns; a daemon that cannot start at all is an IOException. */
    public Summary run(Duration duration) throws IOException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        SeededByteSource source = new SeededByteSource(seed);
        RequestGenerator generator = new RequestGenerator();
        List<Finding> findings = new ArrayList<>();
        Map<String, Tally> nonStrict = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        long sent = 0;
        int daemons = 0;
        while (System.nanoTime() < deadline) {
            generator.reset();
            List<FuzzedRequest> history = new ArrayList<>();
            Optional<Violation> finding = Optional.empty();
            daemons++;
            try (FuzzedDaemon daemon = FuzzedDaemon.start(target, scratch)) {
                while (System.nanoTime() < deadline && history.size() < REQUESTS_PER_DAEMON) {
                    FuzzedRequest request = generator.next(source);
                    history.add(request);
                    FuzzedDaemon.Sent reply = daemon.send(request);
                    sent++;
                    if (reply.violation().isPresent() && reply.violation().get().isFinding()) {
                        finding = reply.violation();
                        break;
                    }
                    reply.violation().ifPresent(v -> nonStrict.merge(v.rule(), new Tally(1, v, request), Tally::plus));
                    generator.learn(request, reply.reply());
                }
            }
            if (finding.isPresent()) {
                String key = finding.get().rule() + " " + history.get(history.size() - 1).opcode();
                boolean fresh = seen.add(key);
                Finding f = handle(findings.size() + 1, finding.get(), history, fresh);
                findings.add(f);
                if (!fresh) {
                    duplicates++;
                }
                report.accept(f);
            }
        }
        long minimising = findings.stream().mapToLong(Finding::millis).sum();
        return new Summary(sent, (System.nanoTime() - start) / 1_000_000, minimising, findings, duplicates, nonStrict, daemons);
    }

    /**
     * Saves the finding's requests, and unless it repeats an earlier one, replays and minimises
     * them. The minimised transcript carries what its own last replay saw (the daemon may die
     * of another cause on fewer requests; only the rule must stay).
     */
    private Finding handle(int number, Violation violation, List<FuzzedRequest> history, boolean minimise)
            throws IOException {
        Files.createDirectories(out);
        Path raw = out.resolve("finding-" + number + ".json");
        FuzzTranscript.of(target.name(), seed, violation, history).write(raw);
        if (!minimise) {
            return new Finding(number, violation, history.size(), raw, false, history, raw, 0, 0);
        }
        long start = System.nanoTime();
        AtomicReference<Violation> lastSeen = new AtomicReference<>(violation);
        Predicate<List<FuzzedRequest>> fails = candidate -> reproduces(candidate, violation).map(v -> {
            lastSeen.set(v);
            return true;
        }).orElse(false);
        Minimiser<FuzzedRequest> minimiser = new Minimiser<>(fails, FuzzedRequest::smaller, MINIMISE_BUDGET);
        boolean reproduced = fails.test(history);
        // The minimiser only ever moves to an input that failed, so the last replay that failed is the result's.
        List<FuzzedRequest> smallest = reproduced ? minimiser.minimise(history) : history;
        Violation seen = reproduced ? lastSeen.get() : violation;
        Path min = out.resolve("finding-" + number + "-min.json");
        FuzzTranscript.of(target.name(), seed, seen, smallest).write(min);
        return new Finding(number, seen, history.size(), raw, reproduced, smallest, min, minimiser.tries() + 1,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The violation of {@code violation}'s rule that {@code requests} cause on a fresh daemon, if they do. */
    private Optional<Violation> reproduces(List<FuzzedRequest> requests, Violation violation) {
        try {
            return FuzzedDaemon.replay(target, scratch, requests).map(FuzzedDaemon.Replayed::violation)
                    .filter(v -> v.rule().equals(violation.rule()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
