package dev.vfc.fuse;

import static dev.vfc.fuse.Golden.assertRoundTrip;
import static dev.vfc.fuse.Golden.i;
import static dev.vfc.fuse.Golden.l;

import org.junit.jupiter.api.Test;

/** One golden test per fixed-size body, offsets as in fuse.h 7.38. */
class RequestStructsGoldenTest {

    @Test
    void forgetInIsNlookupAlone() {
        assertRoundTrip(new ForgetIn(l(0)), new Golden(8).u64(0, l(0)).bytes(), 8, ForgetIn::decode);
    }

    @Test
    void forgetOneIsNodeidThenNlookup() {
        assertRoundTrip(new ForgetOne(l(0), l(1)), new Golden(16).u64(0, l(0)).u64(8, l(1)).bytes(), 16,
                ForgetOne::decode);
    }

    @Test
    void batchForgetInIsCountThenZeroDummy() {
        assertRoundTrip(new BatchForgetIn(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, BatchForgetIn::decode);
    }

    @Test
    void getattrInHasFlagsThenDummyThenFh() {
        assertRoundTrip(new GetattrIn(i(0), l(0)), new Golden(16).u32(0, i(0)).u64(8, l(0)).bytes(), 16,
                GetattrIn::decode);
    }

    @Test
    void setattrInPutsModeAtSixtyEightAndUidAtSeventySix() {
        SetattrIn s = new SetattrIn(i(0), l(0), l(1), l(2), l(3), l(4), l(5), i(1), i(2), i(3), i(4), i(5), i(6));
        byte[] want = new Golden(88).u32(0, i(0)).u64(8, l(0)).u64(16, l(1)).u64(24, l(2)).u64(32, l(3))
                .u64(40, l(4)).u64(48, l(5)).u32(56, i(1)).u32(60, i(2)).u32(64, i(3)).u32(68, i(4))
                .u32(76, i(5)).u32(80, i(6)).bytes();
        assertRoundTrip(s, want, 88, SetattrIn::decode);
    }

    @Test
    void mknodInIsModeRdevUmaskPadding() {
        assertRoundTrip(new MknodIn(i(0), i(1), i(2)), new Golden(16).u32(0, i(0)).u32(4, i(1)).u32(8, i(2)).bytes(),
                16, MknodIn::decode);
    }

    @Test
    void mkdirInIsModeThenUmask() {
        assertRoundTrip(new MkdirIn(i(0), i(1)), new Golden(8).u32(0, i(0)).u32(4, i(1)).bytes(), 8,
                MkdirIn::decode);
    }

    @Test
    void renameInIsNewdirAlone() {
        assertRoundTrip(new RenameIn(l(0)), new Golden(8).u64(0, l(0)).bytes(), 8, RenameIn::decode);
    }

    @Test
    void rename2InIsNewdirFlagsPadding() {
        assertRoundTrip(new Rename2In(l(0), i(0)), new Golden(16).u64(0, l(0)).u32(8, i(0)).bytes(), 16,
                Rename2In::decode);
    }

    @Test
    void linkInIsOldNodeidAlone() {
        assertRoundTrip(new LinkIn(l(0)), new Golden(8).u64(0, l(0)).bytes(), 8, LinkIn::decode);
    }

    @Test
    void openInIsFlagsThenOpenFlags() {
        assertRoundTrip(new OpenIn(i(0), i(1)), new Golden(8).u32(0, i(0)).u32(4, i(1)).bytes(), 8, OpenIn::decode);
    }

    @Test
    void openOutIsFhThenOpenFlagsThenPadding() {
        assertRoundTrip(new OpenOut(l(0), i(0)), new Golden(16).u64(0, l(0)).u32(8, i(0)).bytes(), 16,
                OpenOut::decode);
    }

    @Test
    void createInIsFlagsModeUmaskOpenFlags() {
        assertRoundTrip(new CreateIn(i(0), i(1), i(2), i(3)),
                new Golden(16).u32(0, i(0)).u32(4, i(1)).u32(8, i(2)).u32(12, i(3)).bytes(), 16, CreateIn::decode);
    }

    @Test
    void releaseInIsFhFlagsReleaseFlagsLockOwner() {
        assertRoundTrip(new ReleaseIn(l(0), i(0), i(1), l(1)),
                new Golden(24).u64(0, l(0)).u32(8, i(0)).u32(12, i(1)).u64(16, l(1)).bytes(), 24, ReleaseIn::decode);
    }

    @Test
    void flushInKeepsLockOwnerAtSixteenPastUnusedAndPadding() {
        assertRoundTrip(new FlushIn(l(0), l(1)), new Golden(24).u64(0, l(0)).u64(16, l(1)).bytes(), 24,
                FlushIn::decode);
    }

    @Test
    void fsyncInIsFhThenFsyncFlags() {
        assertRoundTrip(new FsyncIn(l(0), i(0)), new Golden(16).u64(0, l(0)).u32(8, i(0)).bytes(), 16,
                FsyncIn::decode);
    }

    @Test
    void readInIsFortyBytesWithFlagsAtThirtyTwo() {
        assertRoundTrip(new ReadIn(l(0), l(1), i(0), i(1), l(2), i(2)),
                new Golden(40).u64(0, l(0)).u64(8, l(1)).u32(16, i(0)).u32(20, i(1)).u64(24, l(2)).u32(32, i(2))
                        .bytes(), 40, ReadIn::decode);
    }

    @Test
    void writeInIsFortyBytesWithTheCompatPrefixOfTwentyFour() {
        assertRoundTrip(new WriteIn(l(0), l(1), i(0), i(1), l(2), i(2)),
                new Golden(40).u64(0, l(0)).u64(8, l(1)).u32(16, i(0)).u32(20, i(1)).u64(24, l(2)).u32(32, i(2))
                        .bytes(), 40, WriteIn::decode);
        org.assertj.core.api.Assertions.assertThat(WriteIn.COMPAT_SIZE).isEqualTo(24);
    }

    @Test
    void writeOutIsSizeThenPadding() {
        assertRoundTrip(new WriteOut(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, WriteOut::decode);
    }

    @Test
    void getxattrInIsSizeThenPadding() {
        assertRoundTrip(new GetxattrIn(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, GetxattrIn::decode);
    }

    @Test
    void getxattrOutIsSizeThenPadding() {
        assertRoundTrip(new GetxattrOut(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, GetxattrOut::decode);
    }

    @Test
    void accessInIsMaskThenPadding() {
        assertRoundTrip(new AccessIn(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, AccessIn::decode);
    }

    @Test
    void interruptInIsUniqueAlone() {
        assertRoundTrip(new InterruptIn(l(0)), new Golden(8).u64(0, l(0)).bytes(), 8, InterruptIn::decode);
    }

    @Test
    void fileLockIsStartEndTypePid() {
        assertRoundTrip(new FileLock(l(0), l(1), i(0), i(1)),
                new Golden(24).u64(0, l(0)).u64(8, l(1)).u32(16, i(0)).u32(20, i(1)).bytes(), 24, FileLock::decode);
    }

    @Test
    void lkInEmbedsFileLockAtSixteenAndLkFlagsAtForty() {
        LkIn lk = new LkIn(l(0), l(1), new FileLock(l(2), l(3), i(0), i(1)), i(2));
        byte[] want = new Golden(48).u64(0, l(0)).u64(8, l(1)).u64(16, l(2)).u64(24, l(3)).u32(32, i(0))
                .u32(36, i(1)).u32(40, i(2)).bytes();
        assertRoundTrip(lk, want, 48, LkIn::decode);
    }

    @Test
    void lkOutIsFileLockAlone() {
        assertRoundTrip(new LkOut(new FileLock(l(0), l(1), i(0), i(1))),
                new Golden(24).u64(0, l(0)).u64(8, l(1)).u32(16, i(0)).u32(20, i(1)).bytes(), 24, LkOut::decode);
    }

    @Test
    void bmapInIsBlockBlocksizePadding() {
        assertRoundTrip(new BmapIn(l(0), i(0)), new Golden(16).u64(0, l(0)).u32(8, i(0)).bytes(), 16,
                BmapIn::decode);
    }

    @Test
    void bmapOutIsBlockAlone() {
        assertRoundTrip(new BmapOut(l(0)), new Golden(8).u64(0, l(0)).bytes(), 8, BmapOut::decode);
    }

    @Test
    void ioctlInIsThirtyTwoBytesWithArgAtSixteen() {
        assertRoundTrip(new IoctlIn(l(0), i(0), i(1), l(1), i(2), i(3)),
                new Golden(32).u64(0, l(0)).u32(8, i(0)).u32(12, i(1)).u64(16, l(1)).u32(24, i(2)).u32(28, i(3))
                        .bytes(), 32, IoctlIn::decode);
    }

    @Test
    void ioctlIovecIsBaseThenLen() {
        assertRoundTrip(new IoctlIovec(l(0), l(1)), new Golden(16).u64(0, l(0)).u64(8, l(1)).bytes(), 16,
                IoctlIovec::decode);
    }

    @Test
    void ioctlOutKeepsANegativeResultSigned() {
        assertRoundTrip(new IoctlOut(-25, i(0), i(1), i(2)),
                new Golden(16).u32(0, -25).u32(4, i(0)).u32(8, i(1)).u32(12, i(2)).bytes(), 16, IoctlOut::decode);
    }

    @Test
    void pollInIsFhKhFlagsEvents() {
        assertRoundTrip(new PollIn(l(0), l(1), i(0), i(1)),
                new Golden(24).u64(0, l(0)).u64(8, l(1)).u32(16, i(0)).u32(20, i(1)).bytes(), 24, PollIn::decode);
    }

    @Test
    void pollOutIsReventsThenPadding() {
        assertRoundTrip(new PollOut(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, PollOut::decode);
    }

    @Test
    void fallocateInIsThirtyTwoBytesWithModeAtTwentyFour() {
        assertRoundTrip(new FallocateIn(l(0), l(1), l(2), i(0)),
                new Golden(32).u64(0, l(0)).u64(8, l(1)).u64(16, l(2)).u32(24, i(0)).bytes(), 32,
                FallocateIn::decode);
    }

    @Test
    void lseekInIsTwentyFourBytesWithWhenceAtSixteen() {
        assertRoundTrip(new LseekIn(l(0), l(1), i(0)), new Golden(24).u64(0, l(0)).u64(8, l(1)).u32(16, i(0)).bytes(),
                24, LseekIn::decode);
    }

    @Test
    void lseekOutIsOffsetAlone() {
        assertRoundTrip(new LseekOut(l(0)), new Golden(8).u64(0, l(0)).bytes(), 8, LseekOut::decode);
    }

    @Test
    void copyFileRangeInIsSevenU64s() {
        assertRoundTrip(new CopyFileRangeIn(l(0), l(1), l(2), l(3), l(4), l(5), l(6)),
                new Golden(56).u64(0, l(0)).u64(8, l(1)).u64(16, l(2)).u64(24, l(3)).u64(32, l(4)).u64(40, l(5))
                        .u64(48, l(6)).bytes(), 56, CopyFileRangeIn::decode);
    }

    @Test
    void setupmappingInIsFiveU64s() {
        assertRoundTrip(new SetupmappingIn(l(0), l(1), l(2), l(3), l(4)),
                new Golden(40).u64(0, l(0)).u64(8, l(1)).u64(16, l(2)).u64(24, l(3)).u64(32, l(4)).bytes(), 40,
                SetupmappingIn::decode);
    }

    @Test
    void removemappingInIsOnlyFourBytes() {
        assertRoundTrip(new RemovemappingIn(i(0)), new Golden(4).u32(0, i(0)).bytes(), 4, RemovemappingIn::decode);
    }

    @Test
    void removemappingOneIsMoffsetThenLen() {
        assertRoundTrip(new RemovemappingOne(l(0), l(1)), new Golden(16).u64(0, l(0)).u64(8, l(1)).bytes(), 16,
                RemovemappingOne::decode);
    }

    @Test
    void syncfsInIsEightZeroBytes() {
        assertRoundTrip(new SyncfsIn(), new Golden(8).bytes(), 8, SyncfsIn::decode);
    }

    @Test
    void extHeaderIsSizeThenType() {
        assertRoundTrip(new ExtHeader(i(0), i(1)), new Golden(8).u32(0, i(0)).u32(4, i(1)).bytes(), 8,
                ExtHeader::decode);
    }

    @Test
    void secctxHeaderIsSizeThenCount() {
        assertRoundTrip(new SecctxHeader(i(0), i(1)), new Golden(8).u32(0, i(0)).u32(4, i(1)).bytes(), 8,
                SecctxHeader::decode);
    }

    @Test
    void secctxIsSizeThenPadding() {
        assertRoundTrip(new Secctx(i(0)), new Golden(8).u32(0, i(0)).bytes(), 8, Secctx::decode);
    }
}
