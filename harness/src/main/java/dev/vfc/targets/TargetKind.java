package dev.vfc.targets;

import java.util.List;

/**
 * A kind of target another module contributes through {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.vfc.targets.TargetKind}), so that the harness judges every daemon
 * through {@link DaemonTarget} alone and carries no daemon of its own. The bundled Java daemon and
 * its mutants come this way; the peers (C, Rust, containers) are built in.
 */
public interface TargetKind {

    /** The word before {@code :} or {@code =} in a spec: {@code java}, {@code java-mutant}. */
    String kind();

    /** The spec forms this kind takes, for help and error texts: {@code java-mutant:NAME}. */
    List<String> forms();

    /**
     * The target of a spec of this kind.
     *
     * @param separator {@code ':'} or {@code '='} as the spec has it, 0 when it has no argument
     * @param arg the text after the separator, null when there is none
     * @throws IllegalArgumentException with the one-line reason the spec is bad
     */
    DaemonTarget create(char separator, String arg);
}
