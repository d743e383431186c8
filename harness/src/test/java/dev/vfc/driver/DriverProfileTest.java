package dev.vfc.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverProfileTest {

    private static final ReplyArg ENTRY_OUT = new ReplyArg(ReplyArg.Kind.ENTRY_OUT, 128);
    private static final ReplyArg ATTR_OUT = new ReplyArg(ReplyArg.Kind.ATTR_OUT, 104);

    private static FuseRequest request(List<Integer> args, boolean dataArg, ReplyArg... reply) {
        return new FuseRequest(ByteBuffer.allocate(40),
                args.stream().map(ByteBuffer::allocate).toList(), dataArg, List.of(reply));
    }

    @Test
    void ovmfGivesAWholeFileReadOneWritableDescriptorAfterTheHeader() {
        ChainLayout layout = new OvmfProfile().layout(request(List.of(40), false, ReplyArg.data(2_525_712)), true);
        assertThat(layout.describe()).isEqualTo("[R40 R40 W16 W2525712]");
        assertThat(layout.indirect()).isFalse();
    }

    @Test
    void ovmfSplitsEntryAndAttrRepliesAtTheAttrStruct() {
        assertThat(new OvmfProfile().layout(request(List.of(12), false, ENTRY_OUT), false).describe())
                .isEqualTo("[R40 R12 W16 W40 W88]");
        assertThat(new OvmfProfile().layout(request(List.of(16), false, ATTR_OUT), false).describe())
                .isEqualTo("[R40 R16 W16 W16 W88]");
    }

    @Test
    void ovmfSendsOnlyTheHeaderDescriptorForRepliesWithoutBody() {
        assertThat(new OvmfProfile().layout(request(List.of(24), false), false).describe())
                .isEqualTo("[R40 R24 W16]");
    }

    @Test
    void linuxSpreadsReadDataOverPagesInAnIndirectTable() {
        ByteBuffer readHeader = ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 15);
        FuseRequest read = new FuseRequest(readHeader, List.of(ByteBuffer.allocate(40)), false,
                List.of(ReplyArg.data(10_000)));
        ChainLayout layout = new LinuxProfile(true).layout(read, true);
        assertThat(layout.describe()).isEqualTo("indirect[R40 R40 W16 W4096 W4096 W1808]");
    }

    @Test
    void linuxUsesDirectDescriptorsWhenIndirectWasNotNegotiated() {
        ChainLayout layout = new LinuxProfile(true).layout(request(List.of(40), false, ReplyArg.data(4096)), false);
        assertThat(layout.indirect()).isFalse();
    }

    @Test
    void linuxSpreadsWritePayloadOverReadablePages() {
        ChainLayout layout = new LinuxProfile(false).layout(request(List.of(40, 5000), true, ReplyArg.fixed(8)), true);
        assertThat(layout.describe()).isEqualTo("[R40 R40 R4096 R904 W16 W8]");
    }

    @Test
    void linuxCapsReadsAtTheQueueWithIndirectDescriptorsOrWithout() {
        assertThat(new LinuxProfile(true).maxReadSize(256, true, 128)).isEqualTo(507_904);
        assertThat(new LinuxProfile(true).maxReadSize(256, false, 128)).isEqualTo(131_072);
        assertThat(new LinuxProfile(false).maxReadSize(256, true, 128)).isEqualTo(507_904);
        assertThat(new OvmfProfile().maxReadSize(256, true, 128)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void linuxPutsAllFixedArgumentsOfEachDirectionIntoOneEntry() {
        assertThat(new LinuxProfile(true).layout(request(List.of(8, 6), false, ENTRY_OUT), true).describe())
                .isEqualTo("indirect[R40 R14 W16 W128]");
        assertThat(new LinuxProfile(true).layout(request(List.of(16, 6), false, ENTRY_OUT, ReplyArg.fixed(32)),
                true).describe()).isEqualTo("indirect[R40 R22 W16 W160]");
    }

    @Test
    void ovmfAcksOnlyVersion1AndAccessPlatform() {
        long offered = 0x1_7500_0000L;
        assertThat(new OvmfProfile().ackedFeatures(offered)).isEqualTo(1L << 32);
        assertThat(new LinuxProfile(true).ackedFeatures(offered)).isEqualTo(0x1_3000_0000L);
    }

    @Test
    void unknownProfileNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> DriverProfile.byName("windows"))
                .hasMessageContaining("unknown driver profile 'windows'").hasMessageContaining("ovmf");
    }
}
