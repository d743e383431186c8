package dev.vfc.fuzz;

/**
 * Where a {@link RequestGenerator} takes its decisions from. Jazzer's {@code FuzzedDataProvider}
 * is one (coverage-guided: each decision is a few bytes of the input it mutates); a seeded
 * pseudo-random source is another ({@link SeededByteSource}, for {@code vfc fuzz} against daemons
 * that run without coverage feedback). The methods are the subset of {@code FuzzedDataProvider}
 * the generator uses, with its semantics, so the Jazzer test's saved inputs decode as before.
 */
public interface ByteSource {

    /** An int in {@code [min, max]}, both inclusive. */
    int consumeInt(int min, int max);

    /** Any int. */
    int consumeInt();

    /** Any long. */
    long consumeLong();

    boolean consumeBoolean();

    /** Up to {@code maxLength} bytes (fewer when the source runs out). */
    byte[] consumeBytes(int maxLength);

    /** One element of {@code values}. */
    <T> T pickValue(T[] values);

    /** How many bytes are left; a source without end answers {@link Integer#MAX_VALUE}. */
    int remainingBytes();
}
