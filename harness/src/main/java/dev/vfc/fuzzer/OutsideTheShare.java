package dev.vfc.fuzzer;

import dev.vfc.results.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What lies beside the share, as it was once the daemon was up: the decoy the symlink
 * {@code l} names (its bytes and mode) and the names in the share's parent directory. A
 * request that changes either reached out of the share: a BREACH (the Jazzer test's decoy
 * check, held here against any daemon).
 */
public record OutsideTheShare(Path dir, String decoy, Set<PosixFilePermission> mode,
        Set<String> names) {

    public static final String RULE = "nothing outside the share changes (a decoy beside it, named by the symlink l)";

    static OutsideTheShare of(Path dir) throws IOException {
        Path decoy = dir.resolve("decoy");
        return new OutsideTheShare(dir, Files.readString(decoy), Files.getPosixFilePermissions(decoy), names(dir));
    }

    Optional<Violation> changes() {
        try {
            Path decoy = dir.resolve("decoy");
            if (!Files.exists(decoy) || !Files.readString(decoy).equals(this.decoy)
                    || !Files.getPosixFilePermissions(decoy).equals(mode)) {
                return Optional.of(new Violation(RULE, new Verdict.Breach(
                        "the decoy outside the share was changed or removed")));
            }
            Set<String> now = names(dir);
            if (!now.equals(names)) {
                return Optional.of(new Violation(RULE, new Verdict.Breach(
                        "beside the share there were " + names + ", now " + now)));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Violation(RULE, new Verdict.Breach(
                    "the decoy outside the share cannot be read: " + e.getMessage())));
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

