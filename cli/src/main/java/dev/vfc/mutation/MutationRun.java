package dev.vfc.mutation;

import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.mutants.Mutant;
import dev.vfc.results.ScenarioResult;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioRunner;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the suite on the stock Java daemon, then each mutant on the scenarios that reach its bug,
 * {@code jobs} scenario runs at a time (each on its own daemon process, socket and share, as in
 * every run), and gathers the {@link KillMatrix}. A scenario whose stock run recorded no opcodes
 * (a real guest) reaches every mutant.
 */
public final class MutationRun {

    private final List<Scenario> scenarios;
    private final List<Mutant> mutants;
    private final int jobs;
    private final Path scratch;
    private final PrintStream out;

    public MutationRun(List<Scenario> scenarios, List<Mutant> mutants, int jobs, Path scratch, PrintStream out) {
        this.scenarios = List.copyOf(scenarios);
        this.mutants = List.copyOf(mutants);
        this.jobs = jobs;
        this.scratch = scratch;
        this.out = out;
    }

    public KillMatrix run() throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            Map<String, ScenarioResult> reference = reference(pool);
            List<Pair> pairs = new ArrayList<>();
            for (Mutant m : mutants) {
                for (Scenario s : scenarios) {
                    if (reaches(m, reference.get(s.id()))) {
                        pairs.add(new Pair(m, s));
                    }
                }
            }
            out.println("vfc mutants: " + mutants.size() + " mutants on " + pairs.size() + " scenario runs that reach "
                    + "their bugs (of " + mutants.size() * scenarios.size() + "), " + jobs + " at a time");
            Map<String, Map<String, ScenarioResult>> runs = new LinkedHashMap<>();
            mutants.forEach(m -> runs.put(m.name(), new LinkedHashMap<>()));
            AtomicInteger done = new AtomicInteger();
            List<Future<ScenarioResult>> futures = new ArrayList<>();
            for (Pair p : pairs) {
                futures.add(pool.submit(() -> {
                    ScenarioResult r = runOne(JavaDaemonTarget.mutant(p.mutant().name()), p.scenario());
                    ScenarioResult stock = reference.get(p.scenario().id());
                    out.printf("[%d/%d] %-28s %-48s %-10s%s%n", done.incrementAndGet(), pairs.size(),
                            p.mutant().name(), p.scenario().id(), r.verdict().kind().label(),
                            KillMatrix.kills(stock, r) ? " kills (stock " + stock.verdict().kind().label() + ")" : "");
                    return r;
                }));
            }
            for (int i = 0; i < pairs.size(); i++) {
                runs.get(pairs.get(i).mutant().name()).put(pairs.get(i).scenario().id(), get(futures.get(i)));
            }
            return new KillMatrix(reference, mutants, runs);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a scenario whose stock run is {@code stock} can reach {@code m}'s bug. */
    static boolean reaches(Mutant m, ScenarioResult stock) {
        return stock.opcodes().isEmpty() || m.reachedBy(Set.copyOf(stock.opcodes()));
    }

    private Map<String, ScenarioResult> reference(ExecutorService pool) throws IOException, InterruptedException {
        DaemonTarget stock = new JavaDaemonTarget();
        List<Future<ScenarioResult>> futures = new ArrayList<>();
        for (Scenario s : scenarios) {
            futures.add(pool.submit(() -> runOne(stock, s)));
        }
        Map<String, ScenarioResult> reference = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            reference.put(scenarios.get(i).id(), get(futures.get(i)));
        }
        out.println("vfc mutants: the stock daemon ran " + reference.size() + " scenarios");
        return reference;
    }

    private ScenarioResult runOne(DaemonTarget target, Scenario scenario) {
        try {
            return new ScenarioRunner(target, scratch).run(scenario);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(target.name() + " on " + scenario.id() + ": " + e, e));
        }
    }

    private static ScenarioResult get(Future<ScenarioResult> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("a scenario run failed: " + e.getCause(), e.getCause());
        }
    }

    private record Pair(Mutant mutant, Scenario scenario) {
    }
}
