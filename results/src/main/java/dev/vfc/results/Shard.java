package dev.vfc.results;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} deterministic parts of a suite ({@code vfc compare --shard K/N}). A
 * scenario belongs to the shard its id hashes to: the first 8 bytes of SHA-256 of the id's UTF-8
 * bytes, read as an unsigned big-endian number, modulo {@code count}, plus one. The hash depends
 * on the id alone, so adding or removing a scenario moves no other scenario between shards (the
 * property wptrunner's hash chunker has for {@code --this-chunk/--total-chunks}); SHA-256 is fixed
 * by FIPS 180-4, so every JVM, release and machine agrees, unlike {@link String#hashCode}, whose
 * value is only specified for Java's own strings and spreads similar ids poorly.
 *
 * @param index the shard, 1 to {@code count}
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, not " + index + "/" + count);
        }
    }

    /**
     * Parses {@code K/N}.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("a shard is K/N (two whole numbers, e.g. 2/4), not '" + text + "'");
        }
        int index = Integer.parseInt(parts[0]);
        int count = Integer.parseInt(parts[1]);
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, not '" + text + "'");
        }
        return new Shard(index, count);
    }

    /** The shard {@code scenario} hashes to, out of {@code count}. */
    public static Shard of(String scenario, int count) {
        return new Shard((int) Long.remainderUnsigned(hash(scenario), count) + 1, count);
    }

    /** Whether this shard's part of the suite holds {@code scenario}. */
    public boolean holds(String scenario) {
        return of(scenario, count).equals(this);
    }

    /** The first 8 bytes of SHA-256 of the id's UTF-8 bytes, big-endian. */
    static long hash(String scenario) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scenario.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** {@code K/N}, as it is given and recorded. */
    public String label() {
        return index + "/" + count;
    }

    @Override
    public String toString() {
        return label();
    }
}
