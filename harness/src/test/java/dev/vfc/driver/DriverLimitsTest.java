package dev.vfc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.ReadIn;
import dev.vfc.fuse.WriteIn;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each profile's request limits, against numbers computed by hand from the sources its Javadoc
 * cites: Linux 6.1 max_pages = min(256, queue - 4, max(1, init max_pages)) with FUSE_MAX_PAGES,
 * 32 without; OVMF one READ of any size, WRITEs at max_write.
 */
class DriverLimitsTest {

    private static final LinuxProfile LINUX = new LinuxProfile(true);
    private static final LinuxProfile LINUX_DIRECT = new LinuxProfile(false);
    private static final OvmfProfile OVMF = new OvmfProfile();
    private static final InitGrant PAGES_256 = new InitGrant(true, 256, 1 << 20);

    @ParameterizedTest(name = "queue {0}: {1} bytes")
    @CsvSource({"16, 49152", "64, 245760", "128, 507904", "256, 1032192", "1024, 1048576"})
    void linuxReadsAtMostQueueMinusFourPagesUpTo256WhenMaxPagesIsGranted(int queue, long bytes) {
        assertThat(LINUX.limits(PAGES_256, queue, true).maxRead()).isEqualTo(bytes);
        assertThat(LINUX_DIRECT.limits(PAGES_256, queue, false).maxRead()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "queue {0}")
    @CsvSource({"16", "64", "128", "256", "1024"})
    void linuxReads32PagesOnAnyQueueWhenMaxPagesIsNotGranted(int queue) {
        InitGrant none = new InitGrant(false, 256, 1 << 20);
        assertThat(LINUX.limits(none, queue, true).maxRead()).isEqualTo(131_072);
        assertThat(LINUX.limits(none, queue, true).maxWrite()).isEqualTo(131_072);
    }

    @Test
    void linuxTakesTheDaemonsSmallerMaxPagesAndAtLeastOnePage() {
        assertThat(LINUX.limits(new InitGrant(true, 32, 1 << 20), 1024, true).maxRead()).isEqualTo(131_072);
        assertThat(LINUX.limits(new InitGrant(true, 0, 1 << 20), 128, true).maxRead()).isEqualTo(4096);
    }

    @Test
    void linuxReadsAreAlsoCappedByMaxReadButNeverBelowAPage() {
        assertThat(LinuxProfile.largestRead(PAGES_256, 1024, 65_536)).isEqualTo(65_536);
        assertThat(LinuxProfile.largestRead(PAGES_256, 1024, 100)).isEqualTo(4096);
        assertThat(LinuxProfile.largestRead(PAGES_256, 1024, LinuxProfile.VIRTIOFS_MAX_READ)).isEqualTo(1_048_576);
    }

    @ParameterizedTest(name = "max_write {0} on queue {1}: {2} bytes")
    @CsvSource({"1048576, 128, 507904", "131072, 128, 131072", "0, 128, 4096", "1048576, 1024, 1048576",
        "8192, 16, 8192"})
    void linuxWritesAtMostMaxWriteAndMaxPages(long maxWrite, int queue, long bytes) {
        assertThat(LINUX.limits(new InitGrant(true, 256, maxWrite), queue, true).maxWrite()).isEqualTo(bytes);
    }

    @Test
    void ovmfReadsAnySizeInOneRequestAndWritesAtMaxWriteWithoutIndirectTables() {
        RequestLimits limits = OVMF.limits(new InitGrant(true, 256, 131_072), 128, true);
        assertThat(limits.maxRead()).isEqualTo(0xFFFF_FFFFL);
        assertThat(limits.maxWrite()).isEqualTo(131_072);
        assertThat(limits.indirect()).isFalse();
    }

    @Test
    void linuxBuildsItsOwnLargestReadAndNothingBigger() {
        RequestLimits limits = LINUX.limits(PAGES_256, 128, true);
        assertThat(LINUX.wouldNotBuild(LINUX.layout(read(507_904), true), limits)).isEmpty();
        assertThat(LINUX.wouldNotBuild(LINUX.layout(read(507_905), true), limits)).get().asString()
                .contains("above the 507904 bytes");
    }

    @Test
    void aChainLongerThanTheQueueIsNoDriversShape() {
        ChainLayout eightMib = LINUX.layout(read(8 << 20), true);
        assertThat(eightMib.segments()).hasSize(2051);
        assertThat(LINUX.wouldNotBuild(eightMib, LINUX.limits(PAGES_256, 128, true))).get().asString()
                .contains("2051 descriptors in one chain on a 128-entry queue");
    }

    @Test
    void ovmfBuildsAWholeFileReadInOneBufferButNotALargerBuffer() {
        RequestLimits limits = OVMF.limits(PAGES_256, 128, false);
        ChainLayout whole = OVMF.layout(read(8 << 20), false);
        assertThat(OVMF.wouldNotBuild(whole, limits)).isEmpty();
        assertThat(OVMF.wouldNotBuild(grownByAPage().apply(whole), limits)).get().asString()
                .contains("exactly size bytes");
    }

    @Test
    void linuxNeverAsksForMoreThanOnePageOfDirectory() {
        ChainLayout readdir = LINUX.layout(new FuseRequest(header(FuseOpcode.READDIR, 40),
                List.of(FuseSession.encode(new ReadIn(1, 0, 65_536, 0, 0, 0))), false,
                List.of(ReplyArg.data(65_536))), true);
        assertThat(LINUX.wouldNotBuild(readdir, LINUX.limits(PAGES_256, 128, true))).get().asString()
                .contains("exactly one page");
    }

    @Test
    void linuxNeverWritesAboveMaxWrite() {
        ByteBuffer payload = ByteBuffer.allocate(262_144);
        ChainLayout write = LINUX.layout(new FuseRequest(header(FuseOpcode.WRITE, 40 + payload.remaining()),
                List.of(FuseSession.encode(new WriteIn(1, 0, payload.remaining(), 0, 0, 0)), payload), true,
                List.of(ReplyArg.fixed(8))), true);
        RequestLimits limits = LINUX.limits(new InitGrant(true, 256, 131_072), 128, true);
        assertThat(LINUX.wouldNotBuild(write, limits)).get().asString().contains("WRITE of 262144 bytes");
    }

    private static FuseRequest read(int size) {
        return new FuseRequest(header(FuseOpcode.READ, 40), List.of(FuseSession.encode(new ReadIn(1, 0, size, 0, 0,
                0))), false, List.of(ReplyArg.data(size)));
    }

    private static ByteBuffer header(FuseOpcode opcode, int bodyLength) {
        return FuseSession.encode(FuseInHeader.of(opcode, FuseInHeader.SIZE + bodyLength, 1, 1, 0, 0, 1));
    }

    private static UnaryOperator<ChainLayout> grownByAPage() {
        return layout -> {
            List<Segment> out = new java.util.ArrayList<>(layout.segments());
            Segment last = out.get(out.size() - 1);
            out.set(out.size() - 1, Segment.writable(last.length() + 4096));
            return new ChainLayout(out, layout.indirect());
        };
    }
}
