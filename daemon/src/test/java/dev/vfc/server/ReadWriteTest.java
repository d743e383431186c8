package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.ReadIn;
import dev.vfc.fuse.WriteIn;
import dev.vfc.fuse.WriteOut;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.HeapChainWriter;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadWriteTest {

    /** grubx64.efi's size in virtiofsd issue #90: the READ that broke OVMF on Rust virtiofsd 1.4. */
    static final int GRUB_SIZE = 0x268A10;

    private final Fixture fx = new Fixture();
    private byte[] content;
    private long file;

    @BeforeEach
    void init() {
        fx.initOvmf();
        content = new byte[GRUB_SIZE];
        new Random(7).nextBytes(content);
        file = fx.fs.addFile("grubx64.efi", content);
    }

    private static Req read(long node, long offset, int size) {
        return Req.op(FuseOpcode.READ).node(node).body(new ReadIn(3, offset, size, 0, 0, 0));
    }

    private static Req write(long node, long offset, int size, byte[] data) {
        return Req.op(FuseOpcode.WRITE).node(node).body(new WriteIn(3, offset, size, 0, 0, 0)).bytes(data);
    }

    @Test
    void a_whole_file_READ_into_one_exact_descriptor_is_served_as_OVMF_needs() {
        Exchange x = fx.send(read(file, 0, GRUB_SIZE), 16, GRUB_SIZE);

        assertThat(x.errno()).isZero();
        assertThat(x.used()).isEqualTo(16 + GRUB_SIZE);
        assertThat(x.body().array()).isEqualTo(content);
    }

    @Test
    void a_READ_with_more_room_than_size_uses_exactly_16_plus_size() {
        Exchange x = fx.send(read(file, 100, 4096), 16, 8192);

        assertThat(x.used()).isEqualTo(16 + 4096);
        assertThat(x.body().array()).isEqualTo(Arrays.copyOfRange(content, 100, 4196));
        assertThat(x.writer().highWater()).as("no byte past the reply").isEqualTo(16 + 4096);
    }

    @Test
    void a_READ_into_617_pages_larger_than_the_file_still_returns_exactly_size_bytes() {
        int[] pages = new int[618];
        Arrays.fill(pages, 4096);
        pages[0] = 16;

        Exchange x = fx.send(read(file, 0, GRUB_SIZE), pages);

        assertThat(x.used()).isEqualTo(16 + GRUB_SIZE);
        assertThat(x.writer().highWater()).isEqualTo(16 + GRUB_SIZE);
    }

    @Test
    void a_READ_whose_room_is_smaller_than_16_plus_size_is_E2BIG_and_never_reaches_the_filesystem() {
        Exchange x = fx.send(read(file, 0, 2 << 20), 16, 1 << 20);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isEqualTo(Errno.E2BIG.number());
        assertThat(fx.fs.readSizes).isEmpty();
    }

    @Test
    void a_READ_with_8_writable_bytes_writes_nothing_and_returns_0() {
        Exchange x = fx.send(read(file, 0, 4096), 8);

        assertThat(x.used()).isZero();
        assertThat(fx.fs.readSizes).isEmpty();
    }

    @Test
    void a_READ_at_end_of_file_is_a_short_reply() {
        Exchange x = fx.send(read(file, GRUB_SIZE - 10, 4096), 16, 4096);

        assertThat(x.used()).isEqualTo(16 + 10);
        assertThat(x.body().array()).isEqualTo(Arrays.copyOfRange(content, GRUB_SIZE - 10, GRUB_SIZE));
    }

    @Test
    void a_READ_of_size_0_is_an_empty_reply() {
        assertThat(fx.send(read(file, 0, 0), 16, 4096).used()).isEqualTo(16);
    }

    @Test
    void a_READ_is_scattered_over_the_writable_descriptors_in_order() {
        Exchange x = fx.send(read(file, 0, 10000), 16, 4096, 4096, 1808);

        assertThat(x.used()).isEqualTo(10016);
        assertThat(x.body().array()).isEqualTo(Arrays.copyOf(content, 10000));
    }

    @Test
    void a_READ_above_2_GiB_is_served_in_several_filesystem_calls() {
        long size = 0xFFFF_FFEFL;
        List<long[]> seen = new ArrayList<>();
        Fixture big = Fixture.over(new MemoryFileSystem() {
            @Override
            public long read(Context ctx, long node, long fh, long offset, int n, ChainWriter out) {
                seen.add(new long[] {offset, n});
                ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
                for (long left = n; left > 0; left -= zeros.capacity()) {
                    out.write(zeros.clear().limit((int) Math.min(left, zeros.capacity())));
                }
                return n;
            }
        });
        big.initOvmf();

        Exchange x = big.send(read(2, 0, (int) size), HeapChainWriter.virtual(16 + size));

        assertThat(x.usedLength()).as("the largest reply used.len can describe").isEqualTo(0xFFFF_FFFFL);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).containsExactly(0, FileOps.CHUNK);
        assertThat(seen.get(1)).containsExactly(FileOps.CHUNK, FileOps.CHUNK);
        assertThat(seen.get(2)).containsExactly(2L * FileOps.CHUNK, size - 2L * FileOps.CHUNK);
    }

    @Test
    void a_filesystem_that_claims_more_than_it_put_into_the_chain_gets_EIO() {
        Fixture liar = Fixture.over(new MemoryFileSystem() {
            @Override
            public long read(Context ctx, long node, long fh, long offset, int n, ChainWriter out) {
                return n;
            }
        });
        liar.initOvmf();

        assertThat(liar.send(read(2, 0, 100), 16, 100).errno()).isEqualTo(Errno.EIO.number());
    }

    @Test
    void a_WRITE_is_written_and_answered_with_its_size() {
        byte[] data = "new bytes".getBytes();

        Exchange x = fx.send(write(file, 4, data.length, data), 16, 8);

        assertThat(x.used()).isEqualTo(24);
        assertThat(WriteOut.decode(x.body()).size()).isEqualTo(data.length);
        assertThat(Arrays.copyOfRange(fx.fs.data(file), 4, 4 + data.length)).isEqualTo(data);
    }

    @Test
    void a_WRITE_whose_data_is_longer_than_size_is_EINVAL_and_writes_nothing() {
        Exchange x = fx.send(write(file, 0, 4096, new byte[8192]), 16, 8);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
        assertThat(fx.fs.writeCalls).hasValue(0);
        assertThat(fx.fs.data(file)).isEqualTo(content);
    }

    @Test
    void a_WRITE_whose_data_is_shorter_than_size_is_EINVAL_and_writes_nothing() {
        Exchange x = fx.send(write(file, 0, 4096, new byte[100]), 16, 8);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
        assertThat(fx.fs.writeCalls).hasValue(0);
    }

    @Test
    void a_WRITE_of_2_MiB_is_served_although_max_write_is_1_MiB() {
        byte[] data = new byte[2 << 20];
        new Random(3).nextBytes(data);

        Exchange x = fx.send(write(file, 0, data.length, data), 16, 8);

        assertThat(x.errno()).isZero();
        assertThat(WriteOut.decode(x.body()).size()).isEqualTo(data.length);
        assertThat(Arrays.copyOf(fx.fs.data(file), data.length)).isEqualTo(data);
    }

    @Test
    void a_WRITE_split_over_many_readable_descriptors_is_written_in_order() {
        Req r = Req.op(FuseOpcode.WRITE).node(file).body(new WriteIn(3, 0, 9, 0, 0, 0))
                .bytes("abc".getBytes()).bytes("def".getBytes()).bytes("ghi".getBytes());

        assertThat(fx.send(r, 16, 8).errno()).isZero();
        assertThat(Arrays.copyOf(fx.fs.data(file), 9)).isEqualTo("abcdefghi".getBytes());
    }

    @Test
    void a_WRITE_above_2_GiB_is_served_in_several_filesystem_calls() {
        long size = 0xC000_0000L;
        List<long[]> seen = new ArrayList<>();
        Fixture big = Fixture.over(new MemoryFileSystem() {
            @Override
            public long write(Context ctx, long node, long fh, long offset, int n, ChainReader in, int flags) {
                seen.add(new long[] {offset, n});
                in.skip(n);
                return n;
            }
        });
        big.initOvmf();
        Req r = Req.op(FuseOpcode.WRITE).node(2).body(new WriteIn(3, 0, (int) size, 0, 0, 0)).virtualPayload(size);

        Exchange x = big.send(r, 16, 8);

        assertThat(x.errno()).isZero();
        assertThat(Integer.toUnsignedLong(WriteOut.decode(x.body()).size())).isEqualTo(size);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)[0]).isEqualTo(FileOps.CHUNK);
    }

    @Test
    void a_short_filesystem_write_is_reported_as_such() {
        Fixture shortFs = Fixture.over(new MemoryFileSystem() {
            @Override
            public long write(Context ctx, long node, long fh, long offset, int n, ChainReader in, int flags)
                    throws FsException {
                in.skip(n);
                return n / 2;
            }
        });
        shortFs.initOvmf();

        Exchange x = shortFs.send(write(2, 0, 100, new byte[100]), 16, 8);

        assertThat(WriteOut.decode(x.body()).size()).isEqualTo(50);
    }
}
