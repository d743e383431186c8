package dev.vfc.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.daemon.Assembly;
import dev.vfc.fs.Context;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.passthrough.PassthroughFileSystem;
import dev.vfc.passthrough.PassthroughOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {

    private static final Context ROOT = new Context(0, 0, 1);

    @TempDir
    Path shared;

    @Test
    void theCatalogueHoldsAtLeastSixtyMutantsWithUniqueNamesAndOneLineBugs() {
        List<Mutant> all = Catalogue.all();

        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all).extracting(Mutant::name).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(m -> assertThat(m.bug()).as(m.name()).doesNotContain("\n").hasSizeLessThan(120));
    }

    @Test
    void everyMutantWrapsAtLeastOneLayerOfTheStockDaemon() {
        assertThat(Catalogue.all()).allSatisfy(m -> assertThat(m.assembly()).as(m.name()).isNotEqualTo(Assembly.STOCK));
    }

    private FileSystem mutated(String name) throws IOException {
        FileSystem stock = new PassthroughFileSystem(PassthroughOptions.of(shared));
        return Catalogue.byName(name).orElseThrow().assembly().fileSystem().apply(stock);
    }

    @Test
    void lookupMissingEioAnswersEioWhereTheStockDaemonAnswersEnoent() throws IOException {
        FileSystem fs = mutated("lookup-missing-eio");

        assertThatThrownBy(() -> fs.lookup(ROOT, 1, "missing".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(FsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO.number()));
    }

    @Test
    void getattrSizeMinusOneReportsTheFileOneByteShort() throws Exception {
        Files.write(shared.resolve("f"), new byte[100]);
        FileSystem fs = mutated("getattr-size-minus-one");

        long node = fs.lookup(ROOT, 1, "f".getBytes(StandardCharsets.UTF_8)).nodeid();

        assertThat(fs.getattr(ROOT, node, -1).attr().size()).isEqualTo(99);
    }

    @Test
    void unlinkKeepsFileAnswersSuccessAndLeavesTheHostFile() throws Exception {
        Files.write(shared.resolve("f"), new byte[1]);
        FileSystem fs = mutated("unlink-keeps-file");

        fs.unlink(ROOT, 1, "f".getBytes(StandardCharsets.UTF_8));

        assertThat(shared.resolve("f")).exists();
    }
}
