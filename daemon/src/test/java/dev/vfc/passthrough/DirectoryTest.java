package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Opened;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.RenameFlags;
import dev.vfc.syscall.PosixFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DirectoryTest extends PassthroughTestBase {

    @Test
    void readdirListsEveryEntryWithCookiesThatCanBeSoughtBackTo() throws Exception {
        for (int i = 0; i < 40; i++) {
            Files.createFile(share.resolve("f" + i));
        }
        Opened dir = fs.opendir(GUEST_ROOT, ROOT, 0);
        ListSink all = new ListSink(false, 1000);
        fs.readdir(GUEST_ROOT, ROOT, dir.fh(), 0, all);
        assertThat(all.names()).hasSize(42).contains(".", "..", "f0", "f39");
        assertThat(all.items).allSatisfy(i -> assertThat(i.entry()).isNull());
        assertThat(all.items.get(all.items.size() - 1).dirent().type()).isIn(Dirent.DT_REG, Dirent.DT_DIR);

        // Any cookie handed out continues right after its entry, in any order, again and again.
        for (int k : new int[] {30, 3, 30, 0, 41}) {
            ListSink rest = new ListSink(false, 1000);
            fs.readdir(GUEST_ROOT, ROOT, dir.fh(), all.items.get(k).dirent().off(), rest);
            assertThat(rest.names()).isEqualTo(all.names().subList(k + 1, all.names().size()));
        }
    }

    @Test
    void aFullReplyIsContinuedFromTheLastAcceptedCookieWithoutLosingTheRefusedEntry() throws Exception {
        IntStream.range(0, 25).forEach(i -> create("n" + i));
        Opened dir = fs.opendir(GUEST_ROOT, ROOT, 0);
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        while (true) {
            ListSink page = new ListSink(false, 4);
            fs.readdir(GUEST_ROOT, ROOT, dir.fh(), cookie, page);
            if (page.items.isEmpty()) {
                break;
            }
            seen.addAll(page.names());
            cookie = page.lastCookie();
        }
        assertThat(seen).hasSize(27).doesNotHaveDuplicates();
    }

    @Test
    void readdirplusGivesDotAndDotDotNodeIdZeroAndLooksUpTheRest() throws Exception {
        Files.createDirectory(share.resolve("d"));
        Files.writeString(share.resolve("f"), "12345");
        Opened dir = fs.opendir(GUEST_ROOT, ROOT, 0);
        ListSink sink = new ListSink(true, 1000);
        fs.readdir(GUEST_ROOT, ROOT, dir.fh(), 0, sink);
        assertThat(sink.names()).containsExactlyInAnyOrder(".", "..", "d", "f");
        for (ListSink.Item item : sink.items) {
            if (item.name().equals(".") || item.name().equals("..")) {
                assertThat(item.entry().nodeid()).isZero();
                assertThat(item.entry().attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFDIR);
            } else {
                assertThat(item.entry().nodeid()).isGreaterThan(ROOT);
                assertThat(fs.lookupCount(item.entry().nodeid())).isEqualTo(1);
            }
        }
        ListSink.Item f = sink.items.stream().filter(i -> i.name().equals("f")).findFirst().orElseThrow();
        assertThat(f.entry().attr().size()).isEqualTo(5);
        assertThat(lookup(ROOT, "f").nodeid()).isEqualTo(f.entry().nodeid());
        assertThat(fs.lookupCount(f.entry().nodeid())).isEqualTo(2);
    }

    @Test
    void anEntryTheSinkRefusesIsForgottenAgain() throws Exception {
        IntStream.range(0, 6).forEach(i -> create("n" + i));
        Opened dir = fs.opendir(GUEST_ROOT, ROOT, 0);
        ListSink sink = new ListSink(true, 3);
        fs.readdir(GUEST_ROOT, ROOT, dir.fh(), 0, sink);
        assertThat(sink.items).hasSize(3);
        ListSink.Item refused = sink.refused.get(0);
        assertThat(refused.entry()).isNotNull();
        if (refused.entry().nodeid() != 0) {
            assertThat(fs.lookupCount(refused.entry().nodeid())).isEqualTo(-1);
        }
        long counted = sink.items.stream().filter(i -> i.entry().nodeid() != 0).count();
        assertThat(fs.nodeCount()).isEqualTo(1 + (int) counted);
    }

    @Test
    void readdirNeedsADirectoryHandle() throws Exception {
        create("f");
        long file = lookup(ROOT, "f").nodeid();
        assertErrno(() -> fs.opendir(GUEST_ROOT, file, 0), Errno.ENOTDIR);
        Opened o = fs.open(GUEST_ROOT, file, PosixFiles.O_RDONLY);
        assertErrno(() -> fs.readdir(GUEST_ROOT, file, o.fh(), 0, new ListSink(false, 10)), Errno.ENOTDIR);
        assertErrno(() -> fs.readdir(GUEST_ROOT, ROOT, 4242, 0, new ListSink(false, 10)), Errno.EBADF);
        Opened dir = fs.opendir(GUEST_ROOT, ROOT, 0);
        fs.fsyncdir(GUEST_ROOT, ROOT, dir.fh(), false);
        fs.releasedir(GUEST_ROOT, ROOT, dir.fh());
        assertErrno(() -> fs.readdir(GUEST_ROOT, ROOT, dir.fh(), 0, new ListSink(false, 10)), Errno.EBADF);
    }

    @Test
    void renameMovesReplacesAndHonoursNoreplaceAndExchange() throws Exception {
        Files.writeString(share.resolve("a"), "A");
        Files.writeString(share.resolve("b"), "B");
        Files.createDirectory(share.resolve("d"));
        long d = lookup(ROOT, "d").nodeid();
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, bytes("a"), ROOT, bytes("b"), RenameFlags.NOREPLACE),
                Errno.EEXIST);
        fs.rename(GUEST_ROOT, ROOT, bytes("a"), ROOT, bytes("b"), RenameFlags.EXCHANGE);
        assertThat(Files.readString(share.resolve("a"))).isEqualTo("B");
        assertThat(Files.readString(share.resolve("b"))).isEqualTo("A");
        fs.rename(GUEST_ROOT, ROOT, bytes("a"), d, bytes("moved"), RenameFlags.NOREPLACE);
        assertThat(Files.readString(share.resolve("d/moved"))).isEqualTo("B");
        fs.rename(GUEST_ROOT, d, bytes("moved"), ROOT, bytes("b"), 0);
        assertThat(Files.readString(share.resolve("b"))).isEqualTo("B");
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, bytes("b"), ROOT, bytes("c"), RenameFlags.WHITEOUT),
                Errno.EINVAL);
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, bytes("b"), ROOT, bytes("c"), 0x100), Errno.EINVAL);
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, bytes("nope"), ROOT, bytes("c"), 0), Errno.ENOENT);
    }

    @Test
    void unlinkRmdirAndMkdirPassHostErrnosThrough() throws Exception {
        Files.createDirectories(share.resolve("full/inner"));
        create("f");
        assertErrno(() -> fs.rmdir(GUEST_ROOT, ROOT, bytes("full")), Errno.ENOTEMPTY);
        assertErrno(() -> fs.rmdir(GUEST_ROOT, ROOT, bytes("f")), Errno.ENOTDIR);
        assertErrno(() -> fs.unlink(GUEST_ROOT, ROOT, bytes("full")), Errno.EISDIR);
        assertErrno(() -> fs.unlink(GUEST_ROOT, ROOT, bytes("nope")), Errno.ENOENT);
        assertErrno(() -> fs.mkdir(GUEST_ROOT, ROOT, bytes("f"), 0755, 0), Errno.EEXIST);
        fs.unlink(GUEST_ROOT, ROOT, bytes("f"));
        long full = lookup(ROOT, "full").nodeid();
        fs.rmdir(GUEST_ROOT, full, bytes("inner"));
        fs.rmdir(GUEST_ROOT, ROOT, bytes("full"));
        try (var left = Files.list(share)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void linkGivesTheSameNodeAnotherNameAndCountsALookup() throws Exception {
        create("f");
        long f = lookup(ROOT, "f").nodeid();
        var linked = fs.link(GUEST_ROOT, f, ROOT, bytes("g"));
        assertThat(linked.nodeid()).isEqualTo(f);
        assertThat(linked.attr().nlink()).isEqualTo(2);
        assertThat(fs.lookupCount(f)).isEqualTo(2);
        Files.createDirectory(share.resolve("d"));
        long d = lookup(ROOT, "d").nodeid();
        assertErrno(() -> fs.link(GUEST_ROOT, d, ROOT, bytes("d2")), Errno.EPERM);
    }

    @Test
    void linkingASymlinkLinksTheSymlinkItself() throws Exception {
        long l = fs.symlink(GUEST_ROOT, bytes("/etc/passwd"), ROOT, bytes("l")).nodeid();
        fs.link(GUEST_ROOT, l, ROOT, bytes("l2"));
        assertThat(Files.isSymbolicLink(share.resolve("l2"))).isTrue();
    }

    private void create(String name) {
        try {
            Files.createFile(share.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
