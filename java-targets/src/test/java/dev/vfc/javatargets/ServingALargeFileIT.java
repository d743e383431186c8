package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.driver.DriverProfile;
import dev.vfc.driver.Segment;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.frontend.MemoryMode;
import dev.vfc.fuse.Direntplus;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitOut;
import dev.vfc.javatargets.JavaDaemonTarget;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.Availability;
import dev.vfc.targets.CVirtiofsdTarget;
import dev.vfc.targets.ContainerTarget;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RustVirtiofsdTarget;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foundation's end-to-end check against real daemons: a guest driver mounts the share,
 * finds the 2,525,712-byte grubx64.efi of the original bug report, and reads it whole, as
 * OVMF does (one READ, one writable descriptor of the whole size) and as Linux does (READs
 * of max_pages pages spread over page-sized descriptors).
 */
class ServingALargeFileIT {

    private static final long ROOT = 1;
    private static final int S_IFREG = 0100000;
    /** OVMF's READDIRPLUS buffer for STATFS namelen 255: align8(152 + 255) * 256 (SimpleFsRead.c). */
    private static final int OVMF_READDIRPLUS_SIZE = 0x19800;

    @TempDir
    Path work;
    @TempDir
    Path shared;

    /** The Rust virtiofsd image the harness builds from Debian trixie's packages (RustImage). */
    static final String RUST_IMAGE = "vfc/rust-virtiofsd:1.13.2";

    /** The same checks for every daemon: the bundled Java one, the C virtiofsd of QEMU 7.2, the Rust one. */
    static Stream<DaemonTarget> targets() {
        return Stream.of(new JavaDaemonTarget(), new CVirtiofsdTarget(), new RustVirtiofsdTarget(),
                new ContainerTarget(RUST_IMAGE));
    }

    static Stream<Arguments> targetsDriversAndMemory() {
        return targets().flatMap(t -> Stream.of(
                Arguments.of(t, "ovmf", MemoryMode.AUTO, false),
                Arguments.of(t, "linux", MemoryMode.AUTO, false),
                Arguments.of(t, "linux-direct", MemoryMode.SET_MEM_TABLE, false),
                Arguments.of(t, "ovmf", MemoryMode.SET_MEM_TABLE, true),
                Arguments.of(t, "linux", MemoryMode.ADD_MEM_REG, true)));
    }

    @ParameterizedTest(name = "{0} {1} {2} twoRegions={3}")
    @MethodSource("targetsDriversAndMemory")
    void theFileIsLookedUpOpenedReadWholeReleasedAndForgotten(DaemonTarget target, String driverName,
            MemoryMode memoryMode, boolean twoRegions) throws Exception {
        requireAvailable(target);
        byte[] expected = LargeFile.writeInto(shared);
        DriverProfile driver = DriverProfile.byName(driverName);
        FrontendOptions options = FrontendOptions.defaults().withMemoryMode(memoryMode).withTwoRegions(twoRegions);

        try (DaemonSession s = DaemonSession.start(target, work, shared, driver, options)) {
            FuseSession fuse = s.fuse();
            assertThat(s.frontend().memoryModeUsed())
                    .isEqualTo(memoryMode == MemoryMode.AUTO ? MemoryMode.ADD_MEM_REG : memoryMode);

            InitOut init = fuse.init().value();
            assertThat(init.major()).isEqualTo(7);
            assertThat(init.minor()).isGreaterThanOrEqualTo(31);
            assertThat(init.maxWrite()).isGreaterThanOrEqualTo(4096);

            EntryOut entry = fuse.lookup(ROOT, LargeFile.NAME).value();
            assertThat(entry.nodeid()).isNotZero();
            assertThat(entry.attr().size()).isEqualTo(LargeFile.SIZE);
            assertThat(entry.attr().mode() & 0170000).isEqualTo(S_IFREG);

            long fh = fuse.open(entry.nodeid(), 0).value().fh();
            List<FuseReply<ByteBuffer>> reads = fuse.readWhole(entry.nodeid(), fh, LargeFile.SIZE);

            assertThat(reads).allSatisfy(r -> assertThat(r.exchange().transportAnomalies()).isEmpty());
            assertThat(FuseSession.data(reads)).isEqualTo(expected);
            if (driverName.equals("ovmf")) {
                assertThat(reads).hasSize(1);
                assertThat(reads.get(0).exchange().layout().writableSegments())
                        .extracting(Segment::length).containsExactly(16, LargeFile.SIZE);
            } else {
                long maxRead = fuse.maxReadSize();
                assertThat((init.allFlags() & FuseInitFlags.MAX_PAGES)).isNotZero();
                assertThat(maxRead).isLessThanOrEqualTo((long) init.maxPages() * 4096);
                assertThat(reads).hasSize((int) ((LargeFile.SIZE + maxRead - 1) / maxRead));
                assertThat(reads.get(0).exchange().layout().writableSegments())
                        .extracting(Segment::length).allMatch(n -> n <= 4096);
                assertThat(reads.get(0).exchange().layout().indirect()).isEqualTo(driverName.equals("linux"));
            }

            assertThat(fuse.release(entry.nodeid(), fh).error()).isZero();
            assertThat(fuse.forget(entry.nodeid(), 1).completion().usedLen()).isZero();
            assertThat(s.death()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void readdirplusListsTheFileWithTheAttributesLookupGives(DaemonTarget target) throws Exception {
        requireAvailable(target);
        LargeFile.writeInto(shared);
        Files.createDirectory(shared.resolve("EFI"));

        try (DaemonSession s = DaemonSession.start(target, work, shared, DriverProfile.byName("ovmf"),
                FrontendOptions.defaults())) {
            FuseSession fuse = s.fuse();
            fuse.init().value();
            long fh = fuse.opendir(ROOT).value().fh();
            List<Direntplus> entries = fuse.readdirplus(ROOT, fh, 0, OVMF_READDIRPLUS_SIZE).value();

            assertThat(entries).extracting(e -> e.dirent().nameString())
                    .contains(LargeFile.NAME, "EFI");
            Direntplus file = entries.stream()
                    .filter(e -> e.dirent().nameString().equals(LargeFile.NAME))
                    .findFirst().orElseThrow();
            assertThat(file.entry().attr().size()).isEqualTo(LargeFile.SIZE);
            assertThat(file.entry().attr().mode() & 0170000).isEqualTo(S_IFREG);
            assertThat(file.entry().attr().nlink()).isEqualTo(1);
            assertThat(file.entry().nodeid()).isNotZero();

            EntryOut looked = fuse.lookup(ROOT, LargeFile.NAME).value();
            assertThat(file.entry().nodeid()).isEqualTo(looked.nodeid());
            assertThat(file.entry().attr().ino()).isEqualTo(looked.attr().ino());
            assertThat(file.entry().attr().mtime()).isEqualTo(looked.attr().mtime());

            assertThat(fuse.releasedir(ROOT, fh).error()).isZero();
            fuse.forget(file.entry().nodeid(), 2);
            assertThat(fuse.transcript().exchanges()).extracting(e -> e.request().opcode())
                    .containsExactly(FuseOpcode.INIT.code(), FuseOpcode.OPENDIR.code(), FuseOpcode.READDIRPLUS.code(),
                            FuseOpcode.LOOKUP.code(), FuseOpcode.RELEASEDIR.code(), FuseOpcode.FORGET.code());
        }
    }

    static void requireAvailable(DaemonTarget target) {
        Availability a = target.availability();
        assumeThat(a).as("target %s: %s", target.name(), a).isInstanceOf(Availability.Available.class);
    }
}
