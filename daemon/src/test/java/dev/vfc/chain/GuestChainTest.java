package dev.vfc.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.memory.GuestRegion;
import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.MemFd;
import dev.vfc.virtqueue.Descriptor;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestChainTest {

    private static final int SIZE = 1 << 16;

    @TempDir
    Path dir;
    private MappedGuestMemory memory;

    @BeforeEach
    void mapGuestRam() throws Exception {
        memory = MappedGuestMemory.empty().with(new GuestRegion(0x10000, SIZE, 0x7f00_0000_0000L, 0),
                MemFd.create("test", SIZE));
    }

    @AfterEach
    void unmap() {
        memory.unmapAll();
    }

    private static Descriptor w(long addr, int len) {
        return new Descriptor(addr, len, Descriptor.WRITE, 0);
    }

    private static Descriptor r(long addr, int len) {
        return new Descriptor(addr, len, 0, 0);
    }

    @Test
    void aSplitWriterKeepsTheHeaderApartFromTheBodyAcrossDescriptors() throws Exception {
        GuestChainWriter writer = new GuestChainWriter(memory, List.of(w(0x10000, 10), w(0x10100, 6), w(0x10200, 100)));
        ChainWriter body = writer.split(16);
        Path file = dir.resolve("data");
        byte[] data = new byte[50];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i + 1);
        }
        Files.write(file, data);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            int fd = fdOf(f);
            assertThat(body.readFrom(fd, 0, 1000)).isEqualTo(50);
        }
        ByteBuffer header = ByteBuffer.allocate(16);
        for (int i = 0; i < 16; i++) {
            header.put((byte) (0xF0 + i));
        }
        writer.write(header.flip());

        assertThat(writer.written()).isEqualTo(16);
        assertThat(body.written()).isEqualTo(50);
        assertThat(writer.remaining()).isZero();
        assertThat(memory.slice(0x10000, 10).get(9)).isEqualTo((byte) 0xF9);
        assertThat(memory.slice(0x10100, 6).get(0)).isEqualTo((byte) 0xFA);
        assertThat(memory.slice(0x10200, 50).get(49)).isEqualTo((byte) 50);
        assertThat(memory.slice(0x10200 + 50, 1).get(0)).isZero();
    }

    @Test
    void aReadNeverPassesTheCountItWasGiven() throws Exception {
        Path file = dir.resolve("big");
        Files.write(file, new byte[8192]);
        GuestChainWriter writer = new GuestChainWriter(memory, List.of(w(0x10000, 8208)));
        memory.slice(0x10000 + 16 + 4096, 1).put(0, (byte) 0x5A);
        ChainWriter body = writer.split(16);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            assertThat(body.readFrom(fdOf(f), 0, 4096)).isEqualTo(4096);
        }
        assertThat(memory.slice(0x10000 + 16 + 4096, 1).get(0)).isEqualTo((byte) 0x5A);
    }

    @Test
    void aReplyThatDoesNotFitIsRefusedWithoutWritingAnything() {
        GuestChainWriter writer = new GuestChainWriter(memory, List.of(w(0x10000, 8)));
        assertThatThrownBy(() -> writer.write(ByteBuffer.allocate(16)))
                .isInstanceOf(ChainException.class).hasMessageContaining("does not fit");
        assertThat(writer.written()).isZero();
        assertThatThrownBy(() -> writer.split(16)).isInstanceOf(ChainException.class);
    }

    @Test
    void aReaderReadsStructsThatStraddleDescriptorsAndWritesPayloadsToFiles() throws Exception {
        ByteBuffer a = memory.slice(0x10000, 4);
        a.putInt(0, 0x11223344);
        memory.slice(0x10400, 4).putInt(0, 0x55667788);
        ByteBuffer payload = memory.slice(0x10800, 3);
        payload.put(0, (byte) 'a').put(1, (byte) 'b').put(2, (byte) 'c');
        GuestChainReader reader = new GuestChainReader(memory, List.of(r(0x10000, 4), r(0x10400, 4), r(0x10800, 3)));

        ByteBuffer both = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        reader.read(both);
        assertThat(both.getInt(0)).isEqualTo(0x11223344);
        assertThat(both.getInt(4)).isEqualTo(0x55667788);
        Path file = dir.resolve("out");
        Files.write(file, new byte[0]);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            assertThat(reader.writeTo(fdOf(f), 10, 3)).isEqualTo(3);
        }
        assertThat(Files.readAllBytes(file)).hasSize(13).endsWith('a', 'b', 'c');
        assertThat(reader.remaining()).isZero();
        assertThatThrownBy(() -> reader.read(ByteBuffer.allocate(1))).isInstanceOf(ChainException.class);
    }

    @Test
    void aReusedChainServesTheNextRequestFromItsOwnBuffersOnly() {
        GuestChain chain = new GuestChain();
        fill(chain, r(0x10000, 8), w(0x10100, 100));
        ChainWriter firstBody = chain.writer().split(16);
        assertThat(firstBody.remaining()).isEqualTo(84);

        fill(chain, r(0x10000, 4), r(0x10010, 4), w(0x10200, 20), w(0x10300, 12));
        assertThat(chain.head()).isEqualTo(7);
        assertThat(chain.reader().remaining()).isEqualTo(8);
        assertThat(chain.writer().remaining()).isEqualTo(32);
        assertThat(chain.writer().written()).isZero();
        ChainWriter body = chain.writer().split(16);
        assertThat(body).as("the split-off writer is kept for the next request").isSameAs(firstBody);
        assertThat(body.remaining()).isEqualTo(16);
        assertThat(body.written()).isZero();
        body.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertThat(memory.slice(0x10210, 4).getInt(0)).as("after the 16 header bytes").isEqualTo(0x04030201);
    }

    @Test
    void aSecondSplitOfOneWriterGetsItsOwnWriterSoTheFirstStaysValid() {
        GuestChainWriter writer = new GuestChainWriter(memory, List.of(w(0x10000, 64)));
        ChainWriter rest = writer.split(16);
        ChainWriter header = writer.split(8);
        assertThat(header).isNotSameAs(rest);
        assertThat(rest.remaining()).isEqualTo(48);
        assertThat(header.remaining()).isEqualTo(8);
        assertThat(writer.remaining()).isEqualTo(8);
    }

    private void fill(GuestChain chain, Descriptor... descriptors) {
        chain.buffers().clear(7);
        for (Descriptor d : descriptors) {
            chain.buffers().add(d);
        }
        chain.bind(memory);
    }

    /** The OS descriptor of an open RandomAccessFile, found in /proc/self/fd (no reflection needed). */
    private int fdOf(RandomAccessFile f) throws Exception {
        assertThat(f.getFD().valid()).isTrue();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).startsWith(dir.toRealPath());
                } catch (Exception e) {
                    return false;
                }
            }).mapToInt(p -> Integer.parseInt(p.getFileName().toString())).max().orElseThrow();
        }
    }
}
