package dev.vfc.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code update-baseline --results RESULTS.json --baseline BASELINE.txt}: rewrites a baseline
 * from what a run observed. Unchanged verdicts keep their reasons; changed and new lines take
 * the verdict's detail, so every reason in a baseline is something the suite found. Review the
 * diff before committing it. Exit codes: 0 done, 2 bad arguments or unreadable files.
 */
public final class UpdateBaseline {

    private UpdateBaseline() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        Path results = null;
        Path baseline = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--results") || a.equals("--baseline")) && i + 1 < args.size()) {
                Path p = Path.of(args.get(++i));
                if (a.equals("--results")) {
                    results = p;
                } else {
                    baseline = p;
                }
            } else if (a.equals("--help")) {
                System.out.println("usage: update-baseline --results RESULTS.json --baseline BASELINE.txt");
                return 0;
            } else {
                System.err.println("update-baseline: unexpected argument '" + a + "' (see --help)");
                return 2;
            }
        }
        if (results == null || baseline == null) {
            System.err.println("update-baseline: both --results and --baseline are required (see --help)");
            return 2;
        }
        try {
            ResultsFile run = ResultsFile.read(results);
            Baseline old = Files.exists(baseline) ? Baseline.read(baseline) : Baseline.empty(baseline);
            String text = old.rewrite(run.results());
            Files.writeString(baseline, text, StandardCharsets.UTF_8);
            long changed = run.results().stream().filter(r -> old.check(run.target().name(), r).isPresent()).count();
            System.out.println("update-baseline: " + baseline + ": " + run.results().size() + " results, " + changed
                    + " lines changed or added");
            return 0;
        } catch (IOException e) {
            System.err.println("update-baseline: " + e.getMessage().lines().findFirst().orElse(""));
            return 2;
        }
    }
}
