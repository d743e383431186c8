package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Context;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.Direntplus;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.ReadIn;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DirectoryTest {

    /** OVMF's READDIRPLUS size for namelen 255: align8(152 + 255) * 256 (edk2-stable202211 OvmfPkg/VirtioFsDxe/SimpleFsRead.c). */
    static final int OVMF_SIZE = 104448;

    private final Fixture fx = new Fixture();
    private final List<Long> files = new ArrayList<>();

    @BeforeEach
    void init() {
        fx.initOvmf();
        for (String name : List.of("a", "grubx64.efi", "a-name-of-seventeen", "EFI")) {
            files.add(fx.fs.addFile(name, new byte[3]));
        }
    }

    private static Req readdir(FuseOpcode op, long offset, int size) {
        return Req.op(op).node(1).body(new ReadIn(9, offset, size, 0, 0, 0));
    }

    /** Decodes strictly: whole records, each 8-aligned, nothing left over. */
    private static List<Direntplus> plusRecords(Exchange x) {
        ByteBuffer body = x.body();
        List<Direntplus> out = new ArrayList<>();
        while (body.hasRemaining()) {
            int start = body.position();
            Direntplus d = DirentStream.decodePlus(body);
            assertThat(body.position() - start).as("record length").isEqualTo(d.recordLength())
                    .satisfies(len -> assertThat(len % 8).isZero());
            out.add(d);
        }
        return out;
    }

    @Test
    void READDIRPLUS_returns_whole_8_aligned_records_with_dot_entries_at_nodeid_0() {
        Exchange x = fx.send(readdir(FuseOpcode.READDIRPLUS, 0, OVMF_SIZE), 16, OVMF_SIZE);

        List<Direntplus> records = plusRecords(x);
        assertThat(records).extracting(d -> d.dirent().nameString())
                .containsExactly(".", "..", "a", "grubx64.efi", "a-name-of-seventeen", "EFI");
        assertThat(records.get(0).entry().nodeid()).isZero();
        assertThat(records.get(1).entry().nodeid()).isZero();
        assertThat(records.get(3).entry().nodeid()).isEqualTo(files.get(1));
        assertThat(x.used()).isEqualTo(16 + records.stream().mapToInt(Direntplus::recordLength).sum());
        assertThat(fx.fs.lookups(files.get(1))).as("a READDIRPLUS entry counts as a lookup").isEqualTo(1);
    }

    @Test
    void READDIRPLUS_stops_at_the_last_whole_record_that_fits_and_resumes_at_its_cookie() {
        int threeRecords = 3 * DirentStream.recordLength(1, true) + 7;

        Exchange first = fx.send(readdir(FuseOpcode.READDIRPLUS, 0, threeRecords), 16, threeRecords);
        List<Direntplus> part = plusRecords(first);
        Exchange rest = fx.send(readdir(FuseOpcode.READDIRPLUS, part.get(part.size() - 1).dirent().off(), OVMF_SIZE),
                16, OVMF_SIZE);

        assertThat(part).extracting(d -> d.dirent().nameString()).containsExactly(".", "..", "a");
        assertThat(plusRecords(rest)).extracting(d -> d.dirent().nameString())
                .containsExactly("grubx64.efi", "a-name-of-seventeen", "EFI");
        assertThat(fx.fs.lookups(files.get(0))).as("the refused entry was not counted").isEqualTo(1);
    }

    @Test
    void READDIR_fills_at_most_the_room_when_the_chain_is_smaller_than_size() {
        Exchange x = fx.send(readdir(FuseOpcode.READDIR, 0, 4096), 16, 70);

        List<Dirent> records = DirentStream.decodeAll(x.body());
        assertThat(records).extracting(Dirent::nameString).containsExactly(".", "..");
        assertThat(x.used()).isEqualTo(16 + 64);
    }

    @Test
    void READDIR_past_the_end_is_an_empty_reply() {
        Exchange x = fx.send(readdir(FuseOpcode.READDIR, 6, 4096), 16, 4096);

        assertThat(x.errno()).isZero();
        assertThat(x.used()).isEqualTo(16);
    }

    @Test
    void a_READDIR_size_too_small_for_the_first_record_is_EINVAL_not_end_of_directory() {
        Exchange x = fx.send(readdir(FuseOpcode.READDIRPLUS, 0, 80), 16, 4096);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
    }

    @Test
    void a_chain_too_small_for_the_first_record_is_E2BIG() {
        Exchange x = fx.send(readdir(FuseOpcode.READDIRPLUS, 0, 4096), 16, 80);

        assertThat(x.errno()).isEqualTo(Errno.E2BIG.number());
    }

    @Test
    void a_READDIR_with_fewer_than_16_writable_bytes_writes_nothing() {
        assertThat(fx.send(readdir(FuseOpcode.READDIR, 0, 4096), 8).used()).isZero();
    }

    @Test
    void READDIRPLUS_is_ENOSYS_when_the_session_did_not_negotiate_it() {
        Fixture linuxWithout = new Fixture();
        linuxWithout.send(Fixture.init(7, 38, FuseInitFlags.ASYNC_READ, InitIn.SIZE), 16, 64);

        Exchange x = linuxWithout.send(readdir(FuseOpcode.READDIRPLUS, 0, 4096), 16, 4096);

        assertThat(x.errno()).isEqualTo(Errno.ENOSYS.number());
    }

    @Test
    void after_refusing_one_entry_the_sink_refuses_all_later_ones() {
        Fixture greedy = Fixture.over(new MemoryFileSystem() {
            @Override
            public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) {
                sink.add(Dirent.of(1, 1, Dirent.DT_REG, "x".repeat(100)), null);
                sink.add(Dirent.of(2, 2, Dirent.DT_REG, "y"), null);
            }
        });
        greedy.initOvmf();

        Exchange x = greedy.send(readdir(FuseOpcode.READDIR, 0, 64), 16, 4096);

        assertThat(x.errno()).as("nothing accepted, first record too big for size").isEqualTo(Errno.EINVAL.number());
    }

    @Test
    void an_entry_with_an_empty_name_from_the_filesystem_is_EIO() {
        Fixture broken = Fixture.over(new MemoryFileSystem() {
            @Override
            public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) {
                sink.add(new Dirent(1, 1, Dirent.DT_REG, new byte[0]), new EntryOut(0, 0, 0, 0, 0, 0,
                        new dev.vfc.fuse.Attr(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
            }
        });
        broken.initOvmf();

        assertThat(broken.send(readdir(FuseOpcode.READDIRPLUS, 0, 4096), 16, 4096).errno())
                .isEqualTo(Errno.EIO.number());
    }
}
