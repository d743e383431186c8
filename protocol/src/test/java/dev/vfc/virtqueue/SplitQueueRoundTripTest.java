package dev.vfc.virtqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.memory.GuestMemory;
import dev.vfc.memory.HeapGuestMemory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitQueueRoundTripTest {

    static final long BASE = 0x10_0000;
    static final int N = 128;

    final GuestMemory memory = new HeapGuestMemory(BASE, 1 << 20);
    final SplitRingLayout layout = SplitRingLayout.contiguous(N, BASE);

    /** A FUSE-like request: header in, header and payload out; three descriptors. */
    static void writeThreeDescriptorChain(SplitQueueDriver driver, int first) {
        driver.writeDescriptor(first, Descriptor.readable(BASE + 0x2_0000, 40).chainedTo(first + 1));
        driver.writeDescriptor(first + 1, Descriptor.writable(BASE + 0x2_1000, 16).chainedTo(first + 2));
        driver.writeDescriptor(first + 2, Descriptor.writable(BASE + 0x2_2000, 4096));
    }

    @Test
    void driverAndDeviceExchangeADirectAndAnIndirectChain() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, false);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, false);

        memory.slice(BASE + 0x2_0000, 5).put("hello".getBytes(StandardCharsets.US_ASCII));
        writeThreeDescriptorChain(driver, 0);
        driver.publish(0);

        List<Descriptor> table = List.of(
                Descriptor.readable(BASE + 0x4_0000, 40).chainedTo(1),
                Descriptor.readable(BASE + 0x4_1000, 100).chainedTo(2),
                Descriptor.writable(BASE + 0x4_2000, 16));
        driver.writeIndirectTable(BASE + 0x3_0000, table);
        driver.writeDescriptor(3, new Descriptor(BASE + 0x3_0000, 48, Descriptor.INDIRECT, 0));
        driver.publish(3);

        assertThat(driver.availIdx()).isEqualTo(2);
        assertThat(device.availIdx()).isEqualTo(2);
        assertThat(driver.deviceWantsKick(0, 2)).isTrue();

        DescriptorChain first = device.nextAvailable().orElseThrow();
        assertThat(first.head()).isZero();
        assertThat(first.readable()).containsExactly(Descriptor.readable(BASE + 0x2_0000, 40).chainedTo(1));
        assertThat(first.writable()).hasSize(2);
        assertThat(first.readableBytes()).isEqualTo(40);
        assertThat(first.writableBytes()).isEqualTo(16 + 4096);
        ByteBuffer in = memory.slice(first.readable().get(0).addr(), 5);
        assertThat(StandardCharsets.US_ASCII.decode(in).toString()).isEqualTo("hello");

        DescriptorChain second = device.nextAvailable().orElseThrow();
        assertThat(second.head()).isEqualTo(3);
        assertThat(second.readable()).containsExactlyElementsOf(table.subList(0, 2));
        assertThat(second.writable()).containsExactly(table.get(2));
        assertThat(second.readableBytes()).isEqualTo(140);
        assertThat(device.nextAvailable()).isEmpty();
        assertThat(device.lastAvailIdx()).isEqualTo(2);

        memory.slice(first.writable().get(0).addr(), 4).putInt(0, 16);
        device.pushUsed(0, 16);
        device.pushUsed(3, 16);
        assertThat(device.needsNotification()).isTrue();

        assertThat(driver.usedIdx()).isEqualTo(2);
        assertThat(driver.pollUsed()).contains(new UsedElement(0, 16));
        assertThat(memory.slice(BASE + 0x2_1000, 4).getInt(0)).isEqualTo(16);
        assertThat(driver.pollUsed()).contains(new UsedElement(3, 16));
        assertThat(driver.pollUsed()).isEmpty();
        assertThat(driver.lastUsedIdx()).isEqualTo(2);
    }

    @Test
    void indicesWrapAt65536() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, false, 65534);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, false, 65534);
        assertThat(device.lastAvailIdx()).isEqualTo(65534);
        assertThat(driver.usedIdx()).isEqualTo(65534);
        assertThat(driver.pollUsed()).isEmpty();

        List<Integer> seenAvail = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int head = 4 * i;
            writeThreeDescriptorChain(driver, head);
            int old = driver.availIdx();
            driver.publish(head);
            seenAvail.add(driver.availIdx());
            assertThat(driver.deviceWantsKick(old, driver.availIdx())).isTrue();

            DescriptorChain chain = device.nextAvailable().orElseThrow();
            assertThat(chain.head()).isEqualTo(head);
            device.pushUsed(chain.head(), 20 + i);
            assertThat(driver.pollUsed()).contains(new UsedElement(head, 20 + i));
        }
        assertThat(seenAvail).containsExactly(65535, 0, 1, 2);
        // slots 65534 % 128 = 126 and 127, then 0 and 1
        assertThat(memory.slice(layout.availEntryAddress(126), 2).getShort(0)).isEqualTo((short) 0);
        assertThat(memory.slice(layout.availEntryAddress(127), 2).getShort(0)).isEqualTo((short) 4);
        assertThat(memory.slice(layout.availEntryAddress(0), 2).getShort(0)).isEqualTo((short) 8);
        assertThat(memory.slice(layout.availEntryAddress(1), 2).getShort(0)).isEqualTo((short) 12);
        assertThat(memory.slice(layout.usedElementAddress(127), 8).getInt(0)).isEqualTo(4);
        assertThat(device.lastAvailIdx()).isEqualTo(2);
        assertThat(device.nextUsedIdx()).isEqualTo(2);
        assertThat(driver.usedIdx()).isEqualTo(2);
        assertThat(driver.pollUsed()).isEmpty();
    }

    @Test
    void eventIdxSuppressesKicksUntilTheDeviceCatchesUp() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, true);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, true);
        for (int i = 0; i < 4; i++) {
            driver.writeDescriptor(i, Descriptor.writable(BASE + 0x2_0000 + 0x1000L * i, 64));
        }
        driver.publish(0);
        assertThat(driver.deviceWantsKick(0, 1)).isTrue(); // avail_event 0: "tell me about entry 0"

        device.nextAvailable().orElseThrow();
        assertThat(memory.slice(layout.availEventAddress(), 2).getShort(0)).isEqualTo((short) 1);

        driver.publish(1);
        driver.publish(2);
        assertThat(driver.deviceWantsKick(1, 3)).isTrue();
        driver.publish(3);
        // the device has not read past 1 yet: it already knows there is work, no kick
        assertThat(driver.deviceWantsKick(3, 4)).isFalse();
    }

    @Test
    void eventIdxSuppressesInterruptsUntilUsedPassesUsedEvent() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, true);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, true);
        for (int i = 0; i < 3; i++) {
            driver.writeDescriptor(i, Descriptor.writable(BASE + 0x2_0000, 64));
            driver.publish(i);
        }
        device.nextAvailable();
        device.pushUsed(0, 1);
        assertThat(device.needsNotification()).isTrue(); // first decision always signals

        driver.pollUsed().orElseThrow();
        driver.setUsedEvent(driver.lastUsedIdx()); // wake me for the next one
        device.nextAvailable();
        device.pushUsed(1, 1);
        assertThat(device.needsNotification()).isTrue();

        device.nextAvailable();
        device.pushUsed(2, 1);
        assertThat(device.needsNotification()).isFalse(); // used_event 1 was already passed
    }

    @Test
    void flagsSuppressNotificationsWithoutEventIdx() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, false);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, false);
        driver.writeDescriptor(0, Descriptor.writable(BASE + 0x2_0000, 64));

        device.disableNotification();
        driver.publish(0);
        assertThat(driver.deviceWantsKick(0, 1)).isFalse();
        assertThat(device.enableNotification()).isTrue(); // work arrived while disabled
        assertThat(driver.deviceWantsKick(0, 1)).isTrue();

        device.nextAvailable().orElseThrow();
        assertThat(device.enableNotification()).isFalse();

        device.pushUsed(0, 0);
        assertThat(device.needsNotification()).isTrue();
        driver.setAvailFlags(SplitQueueDriver.AVAIL_F_NO_INTERRUPT);
        assertThat(device.needsNotification()).isFalse();
    }

    @Test
    void anInvalidChainIsConsumedAndCanBeReturned() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, false);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, false);
        driver.writeDescriptor(5, Descriptor.readable(0x10, 8)); // below guest memory
        driver.publish(5);
        assertThatThrownBy(device::nextAvailable)
                .isInstanceOfSatisfying(InvalidChainException.class, e -> assertThat(e.head()).isEqualTo(5));
        assertThat(device.lastAvailIdx()).isEqualTo(1);
        device.pushUsed(5, 0);
        assertThat(driver.pollUsed()).contains(new UsedElement(5, 0));
    }

    @Test
    void aDriverRunningMoreThanTheQueueSizeAheadIsRefused() {
        SplitRingLayout small = SplitRingLayout.contiguous(4, BASE);
        SplitQueueDriver driver = new SplitQueueDriver(memory, small, false);
        SplitQueueDevice device = new SplitQueueDevice(memory, small, false);
        driver.writeDescriptor(0, Descriptor.writable(BASE + 0x2_0000, 64));
        for (int i = 0; i < 5; i++) {
            driver.publish(0);
        }
        assertThatThrownBy(device::nextAvailable).isInstanceOf(InvalidRingException.class)
                .hasMessageContaining("from 0 to 5");
    }

    @Test
    void ringsWorkWhenTheBackingBufferIsMisaligned() {
        // gpa 0x1000 sits at byte offset 0xfff of the heap array: the VarHandle refuses
        // ordered access there and the fence fallback must take over.
        GuestMemory odd = new HeapGuestMemory(1, 1 << 16);
        SplitRingLayout l = SplitRingLayout.contiguous(8, 0x1000);
        SplitQueueDriver driver = new SplitQueueDriver(odd, l, false, 65535);
        SplitQueueDevice device = new SplitQueueDevice(odd, l, false, 65535);
        driver.writeDescriptor(2, Descriptor.writable(0x8000, 64));
        driver.publish(2);
        assertThat(device.availIdx()).isZero();
        assertThat(device.nextAvailable().orElseThrow().head()).isEqualTo(2);
        device.pushUsed(2, 64);
        assertThat(driver.pollUsed()).contains(new UsedElement(2, 64));
    }

    @Test
    void driverChecksItsOwnIndices() {
        SplitQueueDriver driver = new SplitQueueDriver(memory, layout, false);
        assertThatThrownBy(() -> driver.writeDescriptor(N, Descriptor.readable(BASE, 1)))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> driver.publish(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, false);
        assertThatThrownBy(() -> device.pushUsed(N, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
