package dev.vfc.cli;

import dev.vfc.report.ResultsDirectory;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which target's results a baseline file speaks for: the one named with {@code --target}, else
 * the one whose file name matches the baseline's ({@code c.txt} ↔ target {@code c},
 * {@code container-vfc-rust-virtiofsd-1.13.2.txt} ↔ {@code container:vfc/rust-virtiofsd:1.13.2}),
 * else the only one there is.
 */
final class ResultsChoice {

    private ResultsChoice() {
    }

    static ResultsFile pick(String command, Path results, Path baseline, Optional<String> target) throws UsageError {
        if (!Files.exists(results)) {
            throw new UsageError(command + ": no results at " + results);
        }
        List<ResultsFile> all;
        try {
            all = ResultsDirectory.read(results);
        } catch (IOException e) {
            throw new UsageError(command + ": " + firstLine(e));
        }
        String names = all.stream().map(r -> r.target().name()).collect(Collectors.joining(", "));
        if (target.isPresent()) {
            return all.stream().filter(r -> r.target().name().equals(target.get())).findFirst()
                    .orElseThrow(() -> new UsageError(command + ": no results for target " + target.get() + " in "
                            + results + " (it has: " + names + ")"));
        }
        String stem = baseline.getFileName().toString().replaceFirst("\\.txt$", "");
        Optional<ResultsFile> byName = all.stream()
                .filter(r -> ResultsFile.fileName(r.target().name()).equals(stem + ".json")).findFirst();
        if (byName.isPresent()) {
            return byName.get();
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new UsageError(command + ": " + results + " holds " + names + "; none is named like " + baseline.getFileName()
                + ": say which with --target NAME");
    }

    static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
    }
}
