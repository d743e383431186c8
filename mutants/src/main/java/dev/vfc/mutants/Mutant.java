package dev.vfc.mutants;

import dev.vfc.daemon.Assembly;
import dev.vfc.fs.FileSystem;
import dev.vfc.fuse.FuseOpcode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The Java daemon with one realistic bug planted, so the suite can be seen to fail: a scenario
 * that gives the mutant another verdict than the stock daemon kills it.
 *
 * @param name     the target's name ({@code java-mutant:NAME}): lower case, digits and '-'
 * @param bug      one line: what the planted bug does
 * @param origin   where such a bug was seen or why it is realistic (a daemon's history, a CVE, a
 *                 finding of this suite), or "" when it is a plain slip
 * @param reach    the opcodes whose requests the bug can change; empty when it can change any
 *                 request. The kill matrix runs a mutant only on scenarios that send one of them,
 *                 as mutation testing runs only the tests that cover a mutated line
 * @param assembly the layers the bug is planted in
 * @param daemonArgs options the mutant daemon takes before its command line's own (which win): a
 *                 bug that only a sandbox contains runs with {@code --sandbox=none}
 */
public record Mutant(String name, String bug, String origin, Set<FuseOpcode> reach, Assembly assembly,
        List<String> daemonArgs) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Mutant {
        Objects.requireNonNull(bug);
        Objects.requireNonNull(origin);
        reach = Set.copyOf(reach);
        Objects.requireNonNull(assembly);
        daemonArgs = List.copyOf(daemonArgs);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a mutant name is lower-case words joined by '-': " + name);
        }
    }

    public Mutant(String name, String bug, String origin, Set<FuseOpcode> reach, Assembly assembly) {
        this(name, bug, origin, reach, assembly, List.of());
    }

    /** This mutant, started with {@code args} before its command line's options. */
    Mutant withDaemonArgs(List<String> args) {
        return new Mutant(name, bug, origin, reach, assembly, args);
    }

    /** A mutant whose bug lies in the filesystem the FUSE server calls. */
    static Mutant ofFileSystem(String name, String bug, String origin, Set<FuseOpcode> reach,
            UnaryOperator<FileSystem> wrap) {
        return new Mutant(name, bug, origin, reach, Assembly.ofFileSystem(wrap));
    }

    /** Whether a scenario that sent these opcodes can reach the bug. */
    public boolean reachedBy(Set<FuseOpcode> sent) {
        return reach.isEmpty() || sent.stream().anyMatch(reach::contains);
    }
}
