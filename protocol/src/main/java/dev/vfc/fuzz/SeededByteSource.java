package dev.vfc.fuzz;

import java.util.Random;

/**
 * A {@link ByteSource} without end, drawn from {@link Random} with a seed: the same seed gives
 * the same decisions, so a campaign's requests can be generated again from its seed alone
 * (and {@code java.util.Random}'s sequence is fixed by its specification, whatever the JVM).
 */
public final class SeededByteSource implements ByteSource {

    private final Random random;

    public SeededByteSource(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public int consumeInt(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        return (int) (min + Math.floorMod(random.nextLong(), (long) max - min + 1));
    }

    @Override
    public int consumeInt() {
        return random.nextInt();
    }

    @Override
    public long consumeLong() {
        return random.nextLong();
    }

    @Override
    public boolean consumeBoolean() {
        return random.nextBoolean();
    }

    @Override
    public byte[] consumeBytes(int maxLength) {
        byte[] bytes = new byte[Math.max(0, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public <T> T pickValue(T[] values) {
        return values[consumeInt(0, values.length - 1)];
    }

    @Override
    public int remainingBytes() {
        return Integer.MAX_VALUE;
    }
}
