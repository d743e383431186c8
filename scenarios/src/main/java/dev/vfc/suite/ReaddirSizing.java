package dev.vfc.suite;

import static dev.vfc.suite.Sizing.*;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.Direntplus;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseDecodeException;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.ReadIn;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * READDIR and READDIRPLUS into buffers too small for one record or large enough for a thousand; part of {@link Sizing}.
 */
final class ReaddirSizing {

    private ReaddirSizing() {
    }

    static void add(List<Scenario> all) {
        all.add(Scenario.builder("sizing/readdir/size-below-one-entry")
                .title("READDIR with size 16, smaller than any record, on a directory of 5 files")
                .rule(READDIR_SMALL_RULE + "EINVAL is PASS (the answer getdents(2) gives for \"Result buffer is too "
                        + "small\"), another clear errno NON-STRICT; legal, though Linux 6.1 always asks for a page")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, false, 16, UnaryOperator.identity(), Errno.EINVAL)));
        all.add(Scenario.builder("sizing/readdirplus/size-below-one-entry")
                .title("READDIRPLUS with size 64, smaller than any record (152 + name), on a directory of 5 files")
                .rule(READDIR_SMALL_RULE + "EINVAL is PASS (the answer getdents(2) gives for \"Result buffer is too "
                        + "small\"), another clear errno NON-STRICT; legal, though Linux 6.1 always asks for a page")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, true, 64, UnaryOperator.identity(), Errno.EINVAL)));
        all.add(Scenario.builder("sizing/readdir/buffer-below-size/room-for-none")
                .title("READDIR with size 4096 but only 16 + 16 writable bytes, too few for one record: legal, no "
                        + "named driver sends it")
                .rule(READDIR_SMALL_RULE + "E2BIG is PASS (the reply does not fit the chain; the C virtiofsd's errno "
                        + "for that), another clear errno NON-STRICT")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, false, 4096, writables(16, 16), Errno.E2BIG)));
        all.add(Scenario.builder("sizing/readdirplus/buffer-below-size/room-for-none")
                .title("READDIRPLUS with size 4096 but only 16 + 64 writable bytes, too few for one record: legal, "
                        + "no named driver sends it")
                .rule(READDIR_SMALL_RULE + "E2BIG is PASS (the reply does not fit the chain), another clear errno "
                        + "NON-STRICT")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, true, 4096, writables(16, 64), Errno.E2BIG)));
        all.add(Scenario.builder("sizing/readdir/buffer-below-size/room-for-some")
                .title("READDIR with size 4096 but 16 + 80 writable bytes, paged to the end: every entry exactly "
                        + "once; legal, no named driver sends it")
                .rule(READDIR_RULE + "; with less room than size the records that fit are the preferred answer (a "
                        + "non-empty short reply is not end of directory), a clear errno on the first reply "
                        + "NON-STRICT, used.len 0 with no out-header FAIL")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> listAll(c, false, 4096, writables(16, 80), 5, true)));
        all.add(Scenario.builder("sizing/readdir/large/1000-in-4096")
                .title("READDIR of 1,000 entries with Linux 6.1's one-page buffer (fs/fuse/readdir.c "
                        + "fuse_readdir_uncached), paged by cookie until an empty reply")
                .rule(READDIR_RULE)
                .fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, false, PAGE, UnaryOperator.identity(), 1000, false)));
        all.add(Scenario.builder("sizing/readdir/large/1000-in-1mib")
                .title("READDIR of 1,000 entries in one 1 MiB writable buffer, paged until an empty reply: legal, no "
                        + "named driver sends it (Linux 6.1 asks for one page, OVMF for 0x19800 bytes)")
                .rule(READDIR_RULE + "; " + ARRANGEMENT)
                .fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, false, MIB, Layouts::coalesceReply, 1000, false)));
        all.add(Scenario.builder("sizing/readdirplus/large/1000-in-1mib")
                .title("READDIRPLUS of 1,000 entries in one 1 MiB writable buffer, paged until an empty reply: legal, "
                        + "no named driver sends it (Linux 6.1 asks for one page, OVMF for 0x19800 bytes)")
                .rule(READDIR_RULE + "; " + ARRANGEMENT)
                .fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, true, MIB, Layouts::coalesceReply, 1000, false)));
        all.add(Scenario.builder("sizing/readdirplus/large/1000-in-0x19800/ovmf")
                .title("READDIRPLUS of 1,000 entries in OVMF's 0x19800-byte buffer (one descriptor), paged until an "
                        + "empty reply")
                .rule(READDIR_RULE + "; OVMF edk2-stable202211 sizes the buffer align8(152 + 255) x 256 = 0x19800 "
                        + "(OvmfPkg/VirtioFsDxe/SimpleFsRead.c)")
                .driver("ovmf").fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, true, OVMF_READDIR_BUFFER, UnaryOperator.identity(), 1000, false)));
    }

    /** One parsed directory record: its dirent, and for READDIRPLUS its entry (null for READDIR). */
    record Entry(Dirent dirent, EntryOut entry) {
        String name() {
            return dirent.nameString();
        }

        /** The cookie to continue after this record. */
        long off() {
            return dirent.off();
        }
    }

    /** What paging through a listing gave: every record to the first empty reply, or the first reply's errno. */
    sealed interface Listing permits Listing.Whole, Listing.RefusedFirst {
        record Whole(Map<String, Entry> byName, int replies) implements Listing {
        }

        record RefusedFirst(int error) implements Listing {
        }
    }

    /** READDIR or READDIRPLUS at {@code cookie}; the reply body stays raw so the check parses it strictly. */
    static FuseReply<ByteBuffer> readdir(FuseSession fuse, boolean plus, long node, long fh, long cookie, int size) {
        ReadIn in = new ReadIn(fh, cookie, size, 0, 0, 0);
        return fuse.call(plus ? FuseOpcode.READDIRPLUS : FuseOpcode.READDIR, node, List.of(FuseSession.encode(in)),
                false, List.of(ReplyArg.data(size)), b -> b, in.toString());
    }

    /**
     * The records of a successful reply body; ends the check with FAIL when the body is larger
     * than {@code size}, not a multiple of 8, or holds a partial record.
     */
    static List<Entry> records(ByteBuffer body, boolean plus, int size, long cookie) {
        int length = body.remaining();
        if (Integer.toUnsignedLong(length) > Integer.toUnsignedLong(size)) {
            throw new VerdictReached(Verdict.fail("a body of at most size " + size + " bytes", length + " bytes"));
        }
        if (length % 8 != 0) {
            throw new VerdictReached(Verdict.fail("whole records padded to 8 bytes", "a body of " + length
                    + " bytes at cookie " + cookie));
        }
        try {
            ByteBuffer b = body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            List<Entry> out = new ArrayList<>();
            if (plus) {
                for (Direntplus d : DirentStream.decodeAllPlus(b)) {
                    out.add(new Entry(d.dirent(), d.entry()));
                }
            } else {
                for (Dirent d : DirentStream.decodeAll(b)) {
                    out.add(new Entry(d, null));
                }
            }
            return out;
        } catch (FuseDecodeException e) {
            throw new VerdictReached(Verdict.fail("whole records", e.getMessage() + " (cookie " + cookie + ")"));
        }
    }

    /** INIT, LOOKUP and OPENDIR of the fixture directory; returns {node, fh}. */
    static long[] openDir(FuseSession fuse) {
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, DIR);
        return new long[] {node, Steps.require(fuse.opendir(node), "OPENDIR of " + DIR).fh()};
    }

    /**
     * One READDIR(PLUS) where no record can fit (size or room too small): an errno is required,
     * {@code preferred} is PASS, another clear errno NON-STRICT.
     */
    static Verdict noRecordFits(ScenarioContext c, boolean plus, int size, UnaryOperator<ChainLayout> shape,
            Errno preferred) {
        FuseSession fuse = c.fuse();
        long[] dir = openDir(fuse);
        FuseReply<ByteBuffer> r = fuse.reshapeNext(shape).call(plus ? FuseOpcode.READDIRPLUS : FuseOpcode.READDIR,
                dir[0], List.of(FuseSession.encode(new ReadIn(dir[1], 0, size, 0, 0, 0))), false,
                List.of(ReplyArg.data(size)), b -> b, "size " + size);
        requireReplyHeader(r.exchange());
        Verdict verdict;
        if (r.isOk()) {
            List<Entry> entries = records(r.value(), plus, size, 0);
            verdict = entries.isEmpty()
                    ? Verdict.nonStrict("an empty reply, which reads as end of directory for a directory of 5 files; "
                            + "an errno is preferred")
                    : Verdict.pass(entries.size() + " whole records that fit after all");
        } else {
            Errno[] others = Arrays.stream(new Errno[] {Errno.EINVAL, Errno.E2BIG, Errno.ERANGE, Errno.ENOMEM,
                Errno.EIO, Errno.EOVERFLOW}).filter(e -> e != preferred).toArray(Errno[]::new);
            verdict = Expect.errno(r, preferred, others);
        }
        return Robustness.afterwards(c, verdict);
    }

    /**
     * Lists the fixture directory of {@code files} entries ({@code entry-0000}...) from cookie 0,
     * each request shaped by {@code shape}, until an empty reply: every record whole and aligned,
     * every entry exactly once ("." and ".." at most once), nothing else. An errno on the first
     * reply is NON-STRICT when {@code errnoFirstAllowed} (the chain was smaller than size), FAIL
     * otherwise.
     */
    static Verdict listAll(ScenarioContext c, boolean plus, int size, UnaryOperator<ChainLayout> shape, int files,
            boolean errnoFirstAllowed) {
        FuseSession fuse = c.fuse();
        Listing listing = readAll(fuse, plus, openDir(fuse), size, shape, files + 10);
        if (listing instanceof Listing.RefusedFirst refused) {
            if (errnoFirstAllowed) {
                return Robustness.afterwards(c, Verdict.nonStrict("refused with " + Errno.describe(refused.error())
                        + "; returning the records that fit the chain is preferred"));
            }
            return Verdict.fail("records from cookie 0", Errno.describe(refused.error()));
        }
        Listing.Whole whole = (Listing.Whole) listing;
        Set<String> seen = whole.byName().keySet();
        int replies = whole.replies();
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < files; i++) {
            expected.add(String.format("entry-%04d", i));
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(seen);
        Set<String> extra = new TreeSet<>(seen);
        extra.removeAll(expected);
        extra.removeAll(Set.of(".", ".."));
        if (!missing.isEmpty()) {
            return Verdict.fail("all " + files + " entries", (files - missing.size()) + " of them in " + replies
                    + " replies (first missing: " + missing.iterator().next() + ")");
        }
        if (!extra.isEmpty()) {
            return Verdict.fail("only the directory's entries", "also " + extra);
        }
        return Verdict.pass(files + " entries, each once, whole and 8-aligned, in " + replies + " replies");
    }

    /**
     * READDIR(PLUS) from cookie 0, each request shaped by {@code shape}, to the first empty reply:
     * every record whole and aligned ({@link #records}), every name once. Ends the check with
     * FAIL on a name seen twice, an errno after the first reply, or more than {@code maxReplies}
     * replies; an errno on the first reply is the caller's to grade.
     */
    static Listing readAll(FuseSession fuse, boolean plus, long[] dir, int size, UnaryOperator<ChainLayout> shape,
            int maxReplies) {
        Map<String, Entry> seen = new LinkedHashMap<>();
        long cookie = 0;
        for (int replies = 1; ; replies++) {
            if (replies - 1 > maxReplies) {
                throw new VerdictReached(Verdict.fail("an empty reply after at most " + maxReplies + " replies",
                        "still entries after " + (replies - 1)));
            }
            FuseReply<ByteBuffer> r = readdirShaped(fuse, plus, dir, cookie, size, shape);
            requireReplyHeader(r.exchange());
            if (!r.isOk()) {
                if (replies == 1) {
                    return new Listing.RefusedFirst(r.error());
                }
                throw new VerdictReached(Verdict.fail("records from cookie " + cookie, Errno.describe(r.error())));
            }
            List<Entry> entries = records(r.value(), plus, size, cookie);
            if (entries.isEmpty()) {
                return new Listing.Whole(seen, replies);
            }
            for (Entry e : entries) {
                if (seen.putIfAbsent(e.name(), e) != null) {
                    throw new VerdictReached(Verdict.fail("each entry once", "\"" + e.name() + "\" again in reply "
                            + replies + " (cookie " + cookie + ")"));
                }
            }
            cookie = entries.get(entries.size() - 1).off();
        }
    }

    private static FuseReply<ByteBuffer> readdirShaped(FuseSession fuse, boolean plus, long[] dir, long cookie,
            int size, UnaryOperator<ChainLayout> shape) {
        return readdir(fuse.reshapeNext(shape), plus, dir[0], dir[1], cookie, size);
    }
}
