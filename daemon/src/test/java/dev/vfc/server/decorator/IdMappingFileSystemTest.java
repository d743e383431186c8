package dev.vfc.server.decorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.passthrough.PassthroughFileSystem;
import dev.vfc.passthrough.PassthroughOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --translate-uid / --translate-gid over the passthrough filesystem (the tests run as root). */
class IdMappingFileSystemTest {

    private static final long ROOT = 1;
    private static final Context GUEST_USER = new Context(1000, 1000, 7);

    @TempDir
    Path share;

    @Test
    void mapTranslatesTheCallerGuestToHostAndTheOwnerHostToGuest() throws Exception {
        IdMap uids = IdMap.IDENTITY.plus("map:1000:2000:10");
        IdMap gids = IdMap.IDENTITY.plus("map:1000:3000:10");
        try (PassthroughFileSystem pt = new PassthroughFileSystem(PassthroughOptions.of(share))) {
            Files.setPosixFilePermissions(share, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            IdMappingFileSystem fs = new IdMappingFileSystem(pt, uids, gids);

            EntryOut made = fs.mkdir(GUEST_USER, ROOT, "d".getBytes(), 0755, 0);

            assertThat(Files.getAttribute(share.resolve("d"), "unix:uid")).as("host owner").isEqualTo(2000);
            assertThat(Files.getAttribute(share.resolve("d"), "unix:gid")).as("host group").isEqualTo(3000);
            assertThat(made.attr().uid()).as("guest sees").isEqualTo(1000);
            assertThat(made.attr().gid()).isEqualTo(1000);
            assertThat(new IdMappingFileSystem(pt, IdMap.IDENTITY, IdMap.IDENTITY)
                    .getattr(GUEST_USER, made.nodeid(), 0).attr().uid()).as("without the map").isEqualTo(2000);
        }
    }

    @Test
    void squashAndHostEntriesMapOneWayEach() {
        IdMap m = IdMap.IDENTITY.plus("squash-guest:100:5:50").plus("host:0:65534:1");
        assertThat(m.toHost(120)).isEqualTo(5);
        assertThat(m.toHost(99)).isEqualTo(99);
        assertThat(m.toGuest(0)).isEqualTo(65534);
        assertThat(m.toGuest(5)).as("squash-guest maps only guest to host").isEqualTo(5);
        assertThat(IdMap.IDENTITY.plus("squash-host/10/7/5").toGuest(12)).as("any separator").isEqualTo(7);
    }

    @Test
    void forbidGuestRefusesCreatingAndChowningWithThatId() throws Exception {
        IdMap uids = IdMap.IDENTITY.plus("forbid-guest:1000:1");
        try (PassthroughFileSystem pt = new PassthroughFileSystem(PassthroughOptions.of(share))) {
            IdMappingFileSystem fs = new IdMappingFileSystem(pt, uids, IdMap.IDENTITY);
            Context root = new Context(0, 0, 1);
            EntryOut d = fs.mkdir(root, ROOT, "ok".getBytes(), 0755, 0);

            assertThatThrownBy(() -> fs.mkdir(GUEST_USER, ROOT, "no".getBytes(), 0755, 0))
                    .isInstanceOf(FsException.class).hasMessageContaining("forbidden guest id");
            SetattrIn chown = new SetattrIn(FattrFlags.UID, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 0);
            assertThatThrownBy(() -> fs.setattr(root, d.nodeid(), chown)).isInstanceOf(FsException.class);
            assertThat(Files.exists(share.resolve("no"))).isFalse();
        }
    }
}
