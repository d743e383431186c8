package dev.vfc.mutants;

import dev.vfc.daemon.DaemonOptions;
import dev.vfc.daemon.Main;
import dev.vfc.daemon.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar vfc-mutants-VERSION-all.jar --mutant NAME DAEMON-OPTIONS...}: the bundled
 * daemon with one bug of {@link Catalogue} planted, otherwise exactly as {@code vfc daemon} runs
 * (same options, signals and exit codes); {@code vfc mutants --list} prints the catalogue.
 */
public final class MutantDaemon {

    private MutantDaemon() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(args);
        Optional<String> name = takeMutant(rest);
        if (name.isEmpty()) {
            err.println("vfc-mutant: give --mutant NAME (vfc mutants --list names them) before the daemon's options");
            return 2;
        }
        Optional<Mutant> mutant = Catalogue.byName(name.get());
        if (mutant.isEmpty()) {
            err.println("vfc-mutant: no mutant named '" + name.get() + "' (vfc mutants --list names them)");
            return 2;
        }
        rest.addAll(0, mutant.get().daemonArgs());
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(rest);
        } catch (UsageException e) {
            err.println("vfc-mutant: " + e.getMessage());
            return 2;
        }
        if (options.action() != DaemonOptions.Action.SERVE) {
            return Main.run(rest.toArray(String[]::new), out, err);
        }
        return Main.serve(options, mutant.get().assembly(), err);
    }

    /** Removes {@code --mutant NAME} or {@code --mutant=NAME} from {@code args}; its value. */
    private static Optional<String> takeMutant(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--mutant=")) {
                args.remove(i);
                return Optional.of(a.substring("--mutant=".length()));
            }
            if (a.equals("--mutant") && i + 1 < args.size()) {
                args.remove(i);
                return Optional.of(args.remove(i));
            }
        }
        return Optional.empty();
    }
}
