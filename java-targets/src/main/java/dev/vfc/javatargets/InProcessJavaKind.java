package dev.vfc.javatargets;

/** The spec {@code java-inprocess}: the bundled daemon in the harness's JVM ({@link InProcessJavaTarget}). */
public final class InProcessJavaKind extends PlainKind {

    public InProcessJavaKind() {
        super(InProcessJavaTarget.NAME, InProcessJavaTarget::new);
    }
}
