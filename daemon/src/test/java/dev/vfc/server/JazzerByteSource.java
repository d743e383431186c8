package dev.vfc.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.vfc.fuzz.ByteSource;

/** Jazzer's input as the request generator's source of decisions: each call goes straight to Jazzer's. */
record JazzerByteSource(FuzzedDataProvider data) implements ByteSource {

    @Override
    public int consumeInt(int min, int max) {
        return data.consumeInt(min, max);
    }

    @Override
    public int consumeInt() {
        return data.consumeInt();
    }

    @Override
    public long consumeLong() {
        return data.consumeLong();
    }

    @Override
    public boolean consumeBoolean() {
        return data.consumeBoolean();
    }

    @Override
    public byte[] consumeBytes(int maxLength) {
        return data.consumeBytes(maxLength);
    }

    @Override
    public <T> T pickValue(T[] values) {
        return data.pickValue(values);
    }

    @Override
    public int remainingBytes() {
        return data.remainingBytes();
    }
}
