package dev.vfc.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagConstantsTest {

    @Test
    void fattrBitsMatchFuseH() {
        assertThat(FattrFlags.MODE).isEqualTo(1);
        assertThat(FattrFlags.SIZE).isEqualTo(8);
        assertThat(FattrFlags.FH).isEqualTo(64);
        assertThat(FattrFlags.LOCKOWNER).isEqualTo(512);
        assertThat(FattrFlags.CTIME).isEqualTo(1024);
        assertThat(FattrFlags.KILL_SUIDGID).isEqualTo(2048);
        assertThat(FattrFlags.describe(FattrFlags.SIZE | FattrFlags.FH)).isEqualTo("SIZE|FH");
    }

    @Test
    void fopenBitsMatchFuseH() {
        assertThat(FopenFlags.DIRECT_IO).isEqualTo(1);
        assertThat(FopenFlags.KEEP_CACHE).isEqualTo(2);
        assertThat(FopenFlags.CACHE_DIR).isEqualTo(8);
        assertThat(FopenFlags.PARALLEL_DIRECT_WRITES).isEqualTo(64);
        assertThat(FopenFlags.describe(FopenFlags.DIRECT_IO | 1 << 9)).isEqualTo("DIRECT_IO|0x200");
    }

    @Test
    void smallFlagHoldersMatchFuseH() {
        assertThat(RenameFlags.NOREPLACE).isEqualTo(1);
        assertThat(RenameFlags.EXCHANGE).isEqualTo(2);
        assertThat(RenameFlags.WHITEOUT).isEqualTo(4);
        assertThat(ReadFlags.LOCKOWNER).isEqualTo(2);
        assertThat(WriteFlags.CACHE).isEqualTo(1);
        assertThat(WriteFlags.LOCKOWNER).isEqualTo(2);
        assertThat(WriteFlags.KILL_SUIDGID).isEqualTo(4).isEqualTo(WriteFlags.KILL_PRIV);
        assertThat(ReleaseFlags.FLUSH).isEqualTo(1);
        assertThat(ReleaseFlags.FLOCK_UNLOCK).isEqualTo(2);
        assertThat(GetattrFlags.FH).isEqualTo(1);
        assertThat(FsyncFlags.FDATASYNC).isEqualTo(1);
        assertThat(LkFlags.FLOCK).isEqualTo(1);
        assertThat(OpenFlags.KILL_SUIDGID).isEqualTo(1);
        assertThat(SetxattrFlags.ACL_KILL_SGID).isEqualTo(1);
        assertThat(AttrFlags.SUBMOUNT).isEqualTo(1);
        assertThat(AttrFlags.DAX).isEqualTo(2);
        assertThat(IoctlFlags.COMPAT_X32).isEqualTo(32);
        assertThat(PollFlags.SCHEDULE_NOTIFY).isEqualTo(1);
        assertThat(SetupmappingFlags.READ).isEqualTo(2L);
        assertThat(FuseKernel.MINOR_VERSION).isEqualTo(38);
        assertThat(FuseKernel.ROOT_ID).isEqualTo(1L);
    }

    @Test
    void describeOfNothingIsZero() {
        assertThat(WriteFlags.describe(0)).isEqualTo("0");
        assertThat(ReleaseFlags.describe(3)).isEqualTo("FLUSH|FLOCK_UNLOCK");
    }
}
