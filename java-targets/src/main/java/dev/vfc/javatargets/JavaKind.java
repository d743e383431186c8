package dev.vfc.javatargets;

/** The spec {@code java}: the bundled daemon as its own process ({@link JavaDaemonTarget}). */
public final class JavaKind extends PlainKind {

    public JavaKind() {
        super(JavaDaemonTarget.NAME, JavaDaemonTarget::new);
    }
}
