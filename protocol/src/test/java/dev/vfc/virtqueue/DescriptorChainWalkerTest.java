package dev.vfc.virtqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.memory.GuestMemory;
import dev.vfc.memory.HeapGuestMemory;
import java.nio.ByteBuffer;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class DescriptorChainWalkerTest {

    static final long BASE = 0x10_0000;
    static final int N = 16;
    static final long DATA = BASE + 0x1_0000;
    static final long TABLE = BASE + 0x2_0000;

    final GuestMemory memory = new HeapGuestMemory(BASE, 1 << 20);
    final SplitRingLayout layout = SplitRingLayout.contiguous(N, BASE);
    final SplitQueueDriver driver = new SplitQueueDriver(memory, layout, false);
    final DescriptorChainWalker walker = new DescriptorChainWalker(memory, layout);

    private AbstractThrowableAssert<?, ?> assertRefused(int head, int index, String reason) {
        return assertThatThrownBy(() -> walker.walk(head))
                .isInstanceOfSatisfying(InvalidChainException.class, e -> {
                    assertThat(e.head()).isEqualTo(head);
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).contains("head " + head).contains("descriptor " + index);
                });
    }

    private static Descriptor indirect(long addr, int len) {
        return new Descriptor(addr, len, Descriptor.INDIRECT, 0);
    }

    @Test
    void aSingleWritableBufferLikeOvmf() {
        driver.writeDescriptor(0, Descriptor.writable(DATA, 0x10_0000 - 0x1_0000));
        DescriptorChain chain = walker.walk(0);
        assertThat(chain.readable()).isEmpty();
        assertThat(chain.writableBytes()).isEqualTo(0xf_0000);
    }

    @Test
    void aReusedChainBuffersHoldsOnlyTheLatestChainAndGrowsPastItsFirstSize() {
        for (int i = 0; i < N; i++) {
            Descriptor d = i < 3 ? Descriptor.readable(DATA + 64L * i, 64) : Descriptor.writable(DATA + 64L * i, 64);
            driver.writeDescriptor(i, i < N - 1 ? d.chainedTo(i + 1) : d);
        }
        ChainBuffers buffers = new ChainBuffers();
        walker.walk(0, buffers);
        assertThat(buffers.size()).isEqualTo(N);
        assertThat(buffers.readableCount()).isEqualTo(3);
        assertThat(buffers.totalLength()).isEqualTo(64L * N);
        assertThat(buffers.toChain()).isEqualTo(walker.walk(0));

        driver.writeDescriptor(5, Descriptor.writable(DATA, 0x100));
        walker.walk(5, buffers);
        assertThat(buffers.head()).isEqualTo(5);
        assertThat(buffers.size()).isEqualTo(1);
        assertThat(buffers.readableCount()).isZero();
        assertThat(buffers.addr(0)).isEqualTo(DATA);
        assertThat(buffers.unsignedLen(0)).isEqualTo(0x100);
        assertThatThrownBy(() -> buffers.addr(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void headAtOrAboveQueueSize() {
        assertRefused(N, N, "head index 16 >= queue size 16");
        assertRefused(-1, -1, "head index");
    }

    @Test
    void nextAtOrAboveQueueSize() {
        driver.writeDescriptor(2, Descriptor.readable(DATA, 8).chainedTo(N));
        assertRefused(2, 2, "next index 16 >= queue size 16");
    }

    @Test
    void aLoopIsCaughtByTheLengthLimit() {
        driver.writeDescriptor(0, Descriptor.readable(DATA, 8).chainedTo(1));
        driver.writeDescriptor(1, Descriptor.readable(DATA, 8).chainedTo(0));
        assertRefused(0, 0, "longer than the queue size");
        driver.writeDescriptor(3, Descriptor.readable(DATA, 8).chainedTo(3));
        assertRefused(3, 3, "(a loop)");
    }

    @Test
    void aChainOfExactlyQueueSizeIsFine() {
        for (int i = 0; i < N; i++) {
            Descriptor d = Descriptor.readable(DATA + 64L * i, 64);
            driver.writeDescriptor(i, i < N - 1 ? d.chainedTo(i + 1) : d);
        }
        assertThat(walker.walk(0).readable()).hasSize(N);
    }

    @Test
    void readableAfterWritable() {
        driver.writeDescriptor(0, Descriptor.writable(DATA, 8).chainedTo(1));
        driver.writeDescriptor(1, Descriptor.readable(DATA, 8));
        assertRefused(0, 1, "device-readable descriptor after a device-writable one");
    }

    @Test
    void bufferOutsideGuestMemory() {
        driver.writeDescriptor(0, Descriptor.readable(DATA, 8).chainedTo(1));
        driver.writeDescriptor(1, Descriptor.writable(BASE + (1 << 20) - 8, 9));
        assertRefused(0, 1, "outside guest memory");
        driver.writeDescriptor(4, Descriptor.readable(-8, 16));
        assertRefused(4, 4, "outside guest memory");
    }

    @Test
    void indirectTogetherWithNext() {
        driver.writeDescriptor(0, new Descriptor(TABLE, 16, Descriptor.INDIRECT | Descriptor.NEXT, 1));
        assertRefused(0, 0, "INDIRECT together with NEXT");
    }

    @Test
    void indirectTableLengthMustBeANonZeroMultipleOf16() {
        driver.writeDescriptor(0, indirect(TABLE, 0));
        assertRefused(0, 0, "not a non-zero multiple of 16");
        driver.writeDescriptor(1, indirect(TABLE, 40));
        assertRefused(1, 1, "indirect table len 40");
    }

    @Test
    void indirectTableOutsideMemory() {
        driver.writeDescriptor(0, indirect(BASE + (1 << 20) - 16, 32));
        assertRefused(0, 0, "indirect table").hasMessageContaining("outside guest memory");
    }

    @Test
    void nestedIndirect() {
        driver.writeIndirectTable(TABLE, List.of(Descriptor.readable(DATA, 8).chainedTo(1), indirect(TABLE, 16)));
        driver.writeDescriptor(6, indirect(TABLE, 32));
        assertRefused(6, 6, "nested INDIRECT").hasMessageContaining("indirect entry 1");
    }

    @Test
    void indirectNextBeyondTheTable() {
        driver.writeIndirectTable(TABLE, List.of(Descriptor.readable(DATA, 8).chainedTo(2), Descriptor.readable(DATA, 8)));
        driver.writeDescriptor(0, indirect(TABLE, 32));
        assertRefused(0, 0, "indirect next 2 >= table entries 2");
    }

    @Test
    void indirectChainLongerThanItsTable() {
        driver.writeIndirectTable(TABLE, List.of(Descriptor.readable(DATA, 8).chainedTo(1), Descriptor.readable(DATA, 8).chainedTo(0)));
        driver.writeDescriptor(0, indirect(TABLE, 32));
        assertRefused(0, 0, "indirect chain longer than its table's 2 entries");
    }

    @Test
    void readableAfterWritableAcrossTheIndirectBoundary() {
        driver.writeIndirectTable(TABLE, List.of(Descriptor.readable(DATA, 8)));
        driver.writeDescriptor(0, Descriptor.writable(DATA, 8).chainedTo(1));
        driver.writeDescriptor(1, indirect(TABLE, 16));
        assertRefused(0, 1, "device-readable descriptor after a device-writable one");
    }

    @Test
    void directDescriptorsMayPrecedeOneIndirectWhoseWriteFlagIsIgnored() {
        driver.writeIndirectTable(TABLE, List.of(Descriptor.readable(DATA + 64, 8).chainedTo(1), Descriptor.writable(DATA + 128, 32)));
        driver.writeDescriptor(0, Descriptor.readable(DATA, 40).chainedTo(9));
        driver.writeDescriptor(9, new Descriptor(TABLE, 32, Descriptor.INDIRECT | Descriptor.WRITE, 0));
        DescriptorChain chain = walker.walk(0);
        assertThat(chain.readable()).extracting(Descriptor::addr).containsExactly(DATA, DATA + 64);
        assertThat(chain.writable()).extracting(Descriptor::addr).containsExactly(DATA + 128);
        assertThat(chain.readableBytes()).isEqualTo(48);
        assertThat(chain.writableBytes()).isEqualTo(32);
    }

    @Test
    void totalLengthAbove4GiB() {
        GuestMemory sparse = new LargeWindowMemory(memory);
        SplitQueueDriver d = new SplitQueueDriver(sparse, layout, false);
        DescriptorChainWalker w = new DescriptorChainWalker(sparse, layout);
        long big = LargeWindowMemory.WINDOW;
        d.writeDescriptor(0, Descriptor.writable(big, 0x8000_0000).chainedTo(1));
        d.writeDescriptor(1, Descriptor.writable(big, 0x8000_0000));
        assertThat(w.walk(0).writableBytes()).isEqualTo(1L << 32); // exactly 4 GiB is allowed

        d.writeDescriptor(1, Descriptor.writable(big, 0x8000_0000).chainedTo(2));
        d.writeDescriptor(2, Descriptor.writable(big, 1));
        assertThatThrownBy(() -> w.walk(0)).isInstanceOfSatisfying(InvalidChainException.class, e -> {
            assertThat(e.index()).isEqualTo(2);
            assertThat(e.reason()).contains("exceeds 4 GiB");
        });
    }

    /**
     * Heap memory plus an 8 GiB window at 0x10_0000_0000 whose bytes are never read: buffers
     * there pass the bounds check, which is all the length-overflow rule needs.
     */
    static final class LargeWindowMemory implements GuestMemory {
        static final long WINDOW = 0x10_0000_0000L;
        private final GuestMemory backing;

        LargeWindowMemory(GuestMemory backing) {
            this.backing = backing;
        }

        @Override
        public ByteBuffer slice(long gpa, int length) {
            return backing.slice(gpa, length);
        }

        @Override
        public boolean contains(long gpa, long length) {
            return backing.contains(gpa, length)
                    || (length >= 0 && gpa >= WINDOW && gpa - WINDOW <= (8L << 30) - length);
        }
    }
}
