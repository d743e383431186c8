package dev.vfc.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code vfc} command: compare daemons, gate a run against a baseline, rewrite a baseline,
 * run the bundled daemon, measure throughput, fuzz a daemon. Bad arguments print one line and exit 2.
 */
public final class Vfc {

    static final String USAGE = """
            usage: vfc COMMAND [OPTIONS]

            Conformance harness for virtio-fs daemons.

            commands:
              compare   run the suite against daemons and write a comparison report
              gate      hold a run's verdicts to a baseline (exit 0 match, 1 changed, 2 bad input)
              baseline  rewrite a baseline from a run's verdicts
              junit     write a run's verdicts as JUnit XML for a CI server's test view
              merge     join the reports of vfc compare --shard K/N into one
              doctor    say which targets, frontends and guests can run here, and why not
              mutants   run the suite against mutant daemons and print the kill matrix
              daemon    run the bundled Java virtio-fs daemon (its own flags; vfc daemon --help)
              bench     READ/GETATTR throughput of the Java daemon beside the C virtiofsd
              fuzz      send generated FUSE requests to one daemon; save and minimise what kills or hangs it

            vfc COMMAND --help shows a command's options.
            """;

    private Vfc() {
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** The whole command line; returns its exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "compare" -> new CompareCommand(out, err).run(rest);
                case "gate" -> new GateCommand(out).run(rest);
                case "baseline" -> new BaselineCommand(out).run(rest);
                case "junit" -> new JunitCommand(out).run(rest);
                case "merge" -> new MergeCommand(out, err).run(rest);
                case "doctor" -> new DoctorCommand(out).run(rest);
                case "mutants" -> new MutantsCommand(out).run(rest);
                case "daemon" -> dev.vfc.daemon.Main.run(rest.toArray(String[]::new), out, err);
                case "bench" -> dev.vfc.bench.ThroughputBenchmark.run(rest, out, err);
                case "fuzz" -> new FuzzCommand(out, err).run(rest);
                default -> {
                    err.println("vfc: unknown command '" + command + "' (commands: compare, gate, baseline, junit,"
                            + " merge, doctor, mutants, daemon, bench, fuzz; see vfc --help)");
                    yield 2;
                }
            };
        } catch (UsageError e) {
            err.println("vfc " + e.getMessage());
            return 2;
        }
    }
}
