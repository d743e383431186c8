package dev.vfc.cli;

import dev.vfc.host.Trees;
import dev.vfc.mutants.Catalogue;
import dev.vfc.mutants.Mutant;
import dev.vfc.mutation.KillMatrix;
import dev.vfc.mutation.KnownGaps;
import dev.vfc.mutation.MutationRun;
import dev.vfc.results.KillMatrixFile;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioGlob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vfc mutants}: runs the suite against every mutant daemon and prints the kill matrix,
 * ending with the two scores CI reads; {@code --expected FILE} holds the matrix to the reviewed
 * list of its gaps (exit 1 on any disagreement).
 */
final class MutantsCommand {

    static final String USAGE = """
            usage: vfc mutants [--mutant NAME]... [--scenario GLOB]... [--jobs N] [--out DIR]
                               [--expected FILE [--baselines DIR]] [--list]

            Runs the suite on the stock Java daemon and on each mutant (the daemon with one planted
            bug, target java-mutant:NAME) and prints which scenarios kill which mutants: a scenario
            kills a mutant when their verdicts differ. A mutant runs only on scenarios that send an
            opcode its bug can change. Ends with the lines
              scenarios that kill a mutant: K of N
              mutants killed: K of M
              --mutant NAME    only these mutants (repeatable; default: the whole catalogue)
              --scenario GLOB  only these scenarios (default: all but the real-VM ones, ovmf/boot/**
                               and linux/guest/**, which take minutes per mutant)
              --jobs N         scenario runs at a time (default: the number of processors)
              --out DIR        write DIR/kill-matrix.json
              --expected FILE  the reviewed gaps (mutants/expected.txt): exit 1 when a scenario kills
                               nothing or a mutant survives without its line there, or a line is stale
              --baselines DIR  where the peers' baselines are, for gaps listed as "fails on TARGET:"
                               (default: baselines)
              --list           print the catalogue (NAME, reach, bug) and exit
            """;

    private final PrintStream out;

    MutantsCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("mutants", args, USAGE, out,
                Set.of("--mutant", "--scenario", "--jobs", "--out", "--expected", "--baselines"), Set.of("--list"));
        if (parsed.isEmpty()) {
            return 0;
        }
        Options o = parsed.get();
        if (o.has("--list")) {
            Catalogue.all().forEach(m -> out.println(m.name() + "\t" + reach(m) + "\t" + m.bug()));
            return 0;
        }
        List<Mutant> mutants = mutants(o.all("--mutant"));
        List<Scenario> scenarios = scenarios(o.all("--scenario"));
        int jobs = jobs(o.one("mutants", "--jobs"));
        Optional<KnownGaps> gaps = gaps(o.one("mutants", "--expected"),
                Path.of(o.one("mutants", "--baselines").orElse("baselines")));
        try {
            Path scratch = Files.createTempDirectory("vfc-mutants");
            KillMatrix matrix;
            try {
                matrix = new MutationRun(scenarios, mutants, jobs, scratch, out).run();
            } finally {
                Trees.delete(scratch);
            }
            print(matrix);
            Optional<String> outDir = o.one("mutants", "--out");
            if (outDir.isPresent()) {
                Path file = Path.of(outDir.get()).resolve(KillMatrixFile.FILE_NAME);
                matrix.toFile("java").write(file);
                out.println("vfc mutants: wrote " + file);
            }
            out.println(matrix.scenarioScore());
            out.println(matrix.mutantScore());
            if (gaps.isPresent()) {
                List<String> problems = gaps.get().check(matrix);
                problems.forEach(p -> out.println("vfc mutants: " + p));
                return problems.isEmpty() ? 0 : 1;
            }
            return 0;
        } catch (IOException e) {
            throw new UsageError("mutants: " + ResultsChoice.firstLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void print(KillMatrix matrix) {
        out.println("vfc mutants: the kill matrix, mutant by mutant");
        for (Mutant m : matrix.mutants()) {
            List<String> killers = matrix.killersOf(m.name());
            out.println("  " + m.name() + ": " + (killers.isEmpty() ? "SURVIVES (" + m.bug() + ")"
                    : "killed by " + killers.size() + ": " + String.join(", ", killers)));
        }
        List<String> none = matrix.scenariosKillingNone();
        out.println("vfc mutants: " + none.size() + " scenarios kill no mutant" + (none.isEmpty() ? ""
                : ": " + String.join(", ", none)));
    }

    private static String reach(Mutant m) {
        return m.reach().isEmpty() ? "any request" : String.join(",", m.reach().stream().map(Enum::name).sorted().toList());
    }

    private static List<Mutant> mutants(List<String> names) throws UsageError {
        if (names.isEmpty()) {
            return Catalogue.all();
        }
        List<Mutant> chosen = new java.util.ArrayList<>();
        for (String n : names) {
            chosen.add(Catalogue.byName(n).orElseThrow(() -> new UsageError("mutants: no mutant named '" + n
                    + "' (vfc mutants --list)")));
        }
        return chosen;
    }

    private static List<Scenario> scenarios(List<String> globs) throws UsageError {
        List<Scenario> all = CompareCommand.all();
        if (globs.isEmpty()) {
            return all.stream().filter(s -> !(s.body() instanceof Scenario.Body.OnGuest)).toList();
        }
        List<Scenario> chosen = ScenarioGlob.of(String.join(",", globs)).filter(all);
        if (chosen.isEmpty()) {
            throw new UsageError("mutants: no scenario matches " + String.join(", ", globs));
        }
        return chosen;
    }

    private static int jobs(Optional<String> value) throws UsageError {
        if (value.isEmpty()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageError("mutants: --jobs takes a whole number from 1 to 64, not '" + value.get() + "'");
    }

    private static Optional<KnownGaps> gaps(Optional<String> file, Path baselines) throws UsageError {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KnownGaps.read(Path.of(file.get()), baselines));
        } catch (IOException e) {
            throw new UsageError("mutants: " + ResultsChoice.firstLine(e));
        }
    }
}
