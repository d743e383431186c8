package dev.vfc.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One subcommand's options: {@code --name VALUE} or {@code --name=VALUE}, repeatable where the
 * command says so, and bare flags. Anything else is a usage error naming the argument.
 */
final class Options {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> flags;

    private Options(Set<String> flags) {
        this.flags = flags;
    }

    /**
     * @param valued the options that take a value
     * @param flags  the options that take none
     */
    static Options parse(String command, List<String> args, Set<String> valued, Set<String> flags) throws UsageError {
        Options o = new Options(Set.copyOf(flags));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (flags.contains(a)) {
                o.values.computeIfAbsent(a, k -> new ArrayList<>());
            } else if (valued.contains(name)) {
                String value;
                if (a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageError(command + ": " + name + " needs a value (see vfc " + command + " --help)");
                }
                if (value.isBlank()) {
                    throw new UsageError(command + ": " + name + " needs a value (see vfc " + command + " --help)");
                }
                o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageError(command + ": unknown argument '" + a + "' (see vfc " + command + " --help)");
            }
        }
        return o;
    }

    /**
     * Options of {@code command}, or empty after printing {@code usage} when the arguments ask
     * for help ({@code --help}, {@code -h}).
     */
    static Optional<Options> parseOrHelp(String command, List<String> args, String usage, java.io.PrintStream out,
            Set<String> valued, Set<String> flags) throws UsageError {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage);
            return Optional.empty();
        }
        return Optional.of(parse(command, args, valued, flags));
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Optional<String> one(String command, String name) throws UsageError {
        List<String> v = all(name);
        if (v.size() > 1) {
            throw new UsageError(command + ": " + name + " given " + v.size() + " times; it takes one value");
        }
        return v.stream().findFirst();
    }

    String required(String command, String name) throws UsageError {
        return one(command, name).orElseThrow(() -> new UsageError(command + ": " + name
                + " is required (see vfc " + command + " --help)"));
    }
}
