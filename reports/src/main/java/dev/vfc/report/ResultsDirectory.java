package dev.vfc.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vfc.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the results to compare: a directory of per-target files ({@code vfc-results/<target>.json}),
 * one per-target file, or a merged {@code results.json} from an earlier report, told apart by
 * their content. Two files that both carry a target of the same name are an error, because the
 * report has one column per name and silently keeping either would hide the other.
 */
public final class ResultsDirectory {

    private ResultsDirectory() {
    }

    /**
     * Reads every target's results at {@code path}: a directory's {@code *.json} files in name
     * order, or one file.
     *
     * @throws IOException naming the file that is not valid, or both files that carry the same target
     */
    public static List<ResultsFile> read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such file or directory");
        }
        List<Path> files = Files.isDirectory(path) ? jsonFiles(path) : List.of(path);
        Map<String, Path> origin = new LinkedHashMap<>();
        List<ResultsFile> out = new ArrayList<>();
        for (Path file : files) {
            for (ResultsFile r : readFile(file)) {
                Path earlier = origin.putIfAbsent(r.target().name(), file);
                if (earlier != null) {
                    throw new IOException(file + ": target " + r.target().name() + " is also in " + earlier);
                }
                out.add(r);
            }
        }
        return out;
    }

    /** One file's targets: one for a per-target file, all of them for a merged file. */
    public static List<ResultsFile> readFile(Path file) throws IOException {
        JsonNode root = ResultsFile.parse(file);
        return MergedResults.isMerged(root) ? MergedResults.fromTree(file, root) : List.of(ResultsFile.read(file));
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no *.json results files in it");
        }
        return files;
    }
}
