package dev.vfc.server.decorator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.ReadIn;
import dev.vfc.server.FuseServer;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.HeapChainWriter;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadLimitFileSystemTest {

    private final MemoryFileSystem fs = new MemoryFileSystem();
    private final FuseServer server = new FuseServer(ReadLimitFileSystem.rust160(fs));
    private long grub;

    @BeforeEach
    void init() {
        ByteBuffer body = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        InitIn.of(7, 31, 0, FuseInitFlags.DO_READDIRPLUS).encodeTo(body, 16);
        server.handle(Req.op(FuseOpcode.INIT).bytes(body.array()).chain(), HeapChainWriter.of(16, 64));
        grub = fs.addFile("grubx64.efi", new byte[0x268A10]);
    }

    private Exchange read(int size) {
        Req r = Req.op(FuseOpcode.READ).node(grub).body(new ReadIn(1, 0, size, 0, 0, 0));
        HeapChainWriter w = HeapChainWriter.of(16, size);
        return new Exchange(r, w, server.handle(r.chain(), w));
    }

    @Test
    void a_READ_above_1_MiB_gets_ENOMEM_as_from_Rust_virtiofsd_1_4() {
        Exchange x = read(0x268A10);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isEqualTo(Errno.ENOMEM.number());
        assertThat(fs.readSizes).isEmpty();
    }

    @Test
    void a_READ_of_1_MiB_plus_1_gets_ENOMEM() {
        assertThat(read((1 << 20) + 1).errno()).isEqualTo(Errno.ENOMEM.number());
    }

    @Test
    void a_READ_of_exactly_1_MiB_passes_through() {
        Exchange x = read(1 << 20);

        assertThat(x.errno()).isZero();
        assertThat(x.used()).isEqualTo(16 + (1 << 20));
        assertThat(fs.readSizes).containsExactly(1 << 20);
    }

    @Test
    void the_limit_can_be_chosen() {
        assertThat(new ReadLimitFileSystem(fs, 4096).limit()).isEqualTo(4096);
        assertThat(ReadLimitFileSystem.rust160(fs).limit()).isEqualTo(1 << 20);
    }

    @Test
    void everything_else_is_forwarded() {
        Req lookup = Req.op(FuseOpcode.LOOKUP).node(1).name("grubx64.efi");
        HeapChainWriter w = HeapChainWriter.of(16, 128);

        assertThat(server.handle(lookup.chain(), w)).isEqualTo(144);
        assertThat(fs.lookups(grub)).isEqualTo(1);
    }
}
