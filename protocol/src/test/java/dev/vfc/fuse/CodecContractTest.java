package dev.vfc.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every struct codec shares. Expected sizes are sizeof() of the C structs in
 * /usr/include/linux/fuse.h 7.38, as printed by gcc on x86-64.
 */
class CodecContractTest {

    static Stream<Arguments> structs() {
        return Stream.of(
                s("fuse_in_header", 40, FuseInHeader.SIZE, FuseInHeader::decode),
                s("fuse_out_header", 16, FuseOutHeader.SIZE, FuseOutHeader::decode),
                s("fuse_init_in", 64, InitIn.SIZE, InitIn::decode),
                s("fuse_init_out", 64, InitOut.SIZE, InitOut::decode),
                s("fuse_attr", 88, Attr.SIZE, Attr::decode),
                s("fuse_entry_out", 128, EntryOut.SIZE, EntryOut::decode),
                s("fuse_attr_out", 104, AttrOut.SIZE, AttrOut::decode),
                s("fuse_kstatfs", 80, Kstatfs.SIZE, Kstatfs::decode),
                s("fuse_statfs_out", 80, StatfsOut.SIZE, StatfsOut::decode),
                s("fuse_file_lock", 24, FileLock.SIZE, FileLock::decode),
                s("fuse_forget_in", 8, ForgetIn.SIZE, ForgetIn::decode),
                s("fuse_forget_one", 16, ForgetOne.SIZE, ForgetOne::decode),
                s("fuse_batch_forget_in", 8, BatchForgetIn.SIZE, BatchForgetIn::decode),
                s("fuse_getattr_in", 16, GetattrIn.SIZE, GetattrIn::decode),
                s("fuse_setattr_in", 88, SetattrIn.SIZE, SetattrIn::decode),
                s("fuse_mknod_in", 16, MknodIn.SIZE, MknodIn::decode),
                s("fuse_mkdir_in", 8, MkdirIn.SIZE, MkdirIn::decode),
                s("fuse_rename_in", 8, RenameIn.SIZE, RenameIn::decode),
                s("fuse_rename2_in", 16, Rename2In.SIZE, Rename2In::decode),
                s("fuse_link_in", 8, LinkIn.SIZE, LinkIn::decode),
                s("fuse_open_in", 8, OpenIn.SIZE, OpenIn::decode),
                s("fuse_create_in", 16, CreateIn.SIZE, CreateIn::decode),
                s("fuse_open_out", 16, OpenOut.SIZE, OpenOut::decode),
                s("fuse_release_in", 24, ReleaseIn.SIZE, ReleaseIn::decode),
                s("fuse_flush_in", 24, FlushIn.SIZE, FlushIn::decode),
                s("fuse_read_in", 40, ReadIn.SIZE, ReadIn::decode),
                s("fuse_write_in", 40, WriteIn.SIZE, WriteIn::decode),
                s("fuse_write_out", 8, WriteOut.SIZE, WriteOut::decode),
                s("fuse_fsync_in", 16, FsyncIn.SIZE, FsyncIn::decode),
                s("fuse_setxattr_in", 16, SetxattrIn.SIZE, SetxattrIn::decode),
                s("fuse_getxattr_in", 8, GetxattrIn.SIZE, GetxattrIn::decode),
                s("fuse_getxattr_out", 8, GetxattrOut.SIZE, GetxattrOut::decode),
                s("fuse_lk_in", 48, LkIn.SIZE, LkIn::decode),
                s("fuse_lk_out", 24, LkOut.SIZE, LkOut::decode),
                s("fuse_access_in", 8, AccessIn.SIZE, AccessIn::decode),
                s("fuse_interrupt_in", 8, InterruptIn.SIZE, InterruptIn::decode),
                s("fuse_bmap_in", 16, BmapIn.SIZE, BmapIn::decode),
                s("fuse_bmap_out", 8, BmapOut.SIZE, BmapOut::decode),
                s("fuse_ioctl_in", 32, IoctlIn.SIZE, IoctlIn::decode),
                s("fuse_ioctl_iovec", 16, IoctlIovec.SIZE, IoctlIovec::decode),
                s("fuse_ioctl_out", 16, IoctlOut.SIZE, IoctlOut::decode),
                s("fuse_poll_in", 24, PollIn.SIZE, PollIn::decode),
                s("fuse_poll_out", 8, PollOut.SIZE, PollOut::decode),
                s("fuse_fallocate_in", 32, FallocateIn.SIZE, FallocateIn::decode),
                s("fuse_lseek_in", 24, LseekIn.SIZE, LseekIn::decode),
                s("fuse_lseek_out", 8, LseekOut.SIZE, LseekOut::decode),
                s("fuse_copy_file_range_in", 56, CopyFileRangeIn.SIZE, CopyFileRangeIn::decode),
                s("fuse_setupmapping_in", 40, SetupmappingIn.SIZE, SetupmappingIn::decode),
                s("fuse_removemapping_in", 4, RemovemappingIn.SIZE, RemovemappingIn::decode),
                s("fuse_removemapping_one", 16, RemovemappingOne.SIZE, RemovemappingOne::decode),
                s("fuse_syncfs_in", 8, SyncfsIn.SIZE, SyncfsIn::decode),
                s("fuse_ext_header", 8, ExtHeader.SIZE, ExtHeader::decode),
                s("fuse_secctx_header", 8, SecctxHeader.SIZE, SecctxHeader::decode),
                s("fuse_secctx", 8, Secctx.SIZE, Secctx::decode));
    }

    private static Arguments s(String cName, int cSize, int size, Function<ByteBuffer, ? extends FuseStruct> d) {
        return Arguments.of(cName, cSize, size, d);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void sizeMatchesSizeofInTheKernelHeader(String cName, int cSize, int size, Function<ByteBuffer, FuseStruct> d) {
        assertThat(size).isEqualTo(cSize);
        assertThat(d.apply(Golden.le(size)).wireSize()).isEqualTo(cSize);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void decodeOfOneByteTooFewFailsWithEinvalAndConsumesNothing(String cName, int cSize, int size,
            Function<ByteBuffer, FuseStruct> d) {
        ByteBuffer b = Golden.le(size - 1);
        assertThatThrownBy(() -> d.apply(b)).isInstanceOfSatisfying(FuseDecodeException.class,
                e -> assertThat(e.errno()).isEqualTo(22));
        assertThat(b.position()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void bigEndianBuffersAreRefusedBothWays(String cName, int cSize, int size, Function<ByteBuffer, FuseStruct> d) {
        ByteBuffer big = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        assertThatThrownBy(() -> d.apply(big)).isInstanceOf(IllegalArgumentException.class);
        FuseStruct zero = d.apply(Golden.le(size));
        assertThatThrownBy(() -> zero.encodeTo(big)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void encodeIntoTooLittleRoomWritesNothing(String cName, int cSize, int size, Function<ByteBuffer, FuseStruct> d) {
        FuseStruct zero = d.apply(Golden.le(size));
        ByteBuffer small = Golden.le(size - 1);
        assertThatThrownBy(() -> zero.encodeTo(small)).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
    }
}
