package dev.vfc.suite;

import static dev.vfc.suite.Metadata.DIR;
import static dev.vfc.suite.Metadata.FUSE_H;

import dev.vfc.fuse.Attr;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Fixture;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What a directory listing says about each entry: its type in READDIR, its attributes in
 * READDIRPLUS, and the dot entries. The sizing area ({@link ReaddirSizing}) holds how listings are
 * paged; here a small directory of one file, one directory and one symlink is listed whole with
 * Linux 6.1's one-page buffer and every record is held to the host.
 */
final class Listings {

    private static final String FILE = "file";
    private static final String SUB = "sub";
    private static final String LINK = "link";
    private static final int FILE_SIZE = 1234;
    private static final int PAGE = 4096;

    private static final String TYPE_RULE = "fuse_dirent.type is the entry's DT_ value (" + FUSE_H + "); Linux 6.1 "
            + "hands it to dir_emit (fs/fuse/readdir.c fuse_emit), so it is the d_type getdents(2) reports: a wrong "
            + "type is FAIL, DT_UNKNOWN NON-STRICT (getdents(2): applications must handle DT_UNKNOWN); a listing "
            + "without \".\" and \"..\" NON-STRICT (POSIX.1-2017 readdir(): they are returned if they exist, and "
            + "on the host they do)";

    private static final String ATTR_RULE = "a READDIRPLUS record is fuse_entry_out then fuse_dirent (" + FUSE_H
            + " fuse_direntplus); Linux 6.1 instantiates each named entry (node id not 0, not \".\" or \"..\") "
            + "from its attributes and fails the whole getdents(2) with EIO when their mode has no file type "
            + "(fs/fuse/readdir.c fuse_direntplus_link, fs/fuse/fuse_i.h fuse_invalid_attr), so the attributes "
            + "must be the host file's: its type and, for a file, its size";

    private Listings() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("metadata/readdir/types")
                .title("READDIR of a directory holding a file, a directory and a symlink gives each its DT_ type, "
                        + "with \".\" and \"..\"")
                .rule(TYPE_RULE)
                .fixture(listing())
                .check(c -> list(c, false)));
        all.add(Scenario.builder("metadata/readdirplus/attributes")
                .title("READDIRPLUS of a directory holding a file, a directory and a symlink gives each the host "
                        + "entry's type and size")
                .rule(ATTR_RULE + "; " + TYPE_RULE)
                .fixture(listing())
                .check(c -> list(c, true)));
        return all;
    }

    private static Fixture listing() {
        return Fixtures.directory(DIR).and(Fixtures.file(DIR + "/" + FILE, FILE_SIZE))
                .and(Fixtures.directory(DIR + "/" + SUB)).and(Fixtures.symlink(DIR + "/" + LINK, FILE));
    }

    private static Verdict list(ScenarioContext c, boolean plus) throws IOException {
        FuseSession fuse = c.fuse();
        ReaddirSizing.Listing listing = ReaddirSizing.readAll(fuse, plus, ReaddirSizing.openDir(fuse), PAGE,
                UnaryOperator.identity(), 10);
        if (listing instanceof ReaddirSizing.Listing.RefusedFirst refused) {
            return Verdict.fail("records from cookie 0", Errno.describe(refused.error()));
        }
        Map<String, ReaddirSizing.Entry> seen = ((ReaddirSizing.Listing.Whole) listing).byName();
        Set<String> names = new TreeSet<>(seen.keySet());
        names.removeAll(Set.of(".", ".."));
        if (!names.equals(Set.of(FILE, SUB, LINK))) {
            return Verdict.fail("the entries [" + LINK + ", " + FILE + ", " + SUB + "]", names.toString());
        }
        Path host = c.shared().resolve(DIR);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            ReaddirSizing.Entry l = seen.get(name);
            int want = hostType(host.resolve(name));
            int type = l.dirent().type();
            if (type == Dirent.DT_UNKNOWN) {
                unknown.add(name);
            } else if (type != want) {
                return Verdict.fail(name + " with type " + want + " (" + TYPE_RULE + ")", "type " + type);
            }
            if (plus) {
                Verdict attributes = attributes(name, l.entry(), want);
                if (attributes != null) {
                    return attributes;
                }
            }
        }
        if (!unknown.isEmpty()) {
            return Verdict.nonStrict("DT_UNKNOWN for " + unknown + ", though the host knows each type");
        }
        if (!seen.containsKey(".") || !seen.containsKey("..")) {
            return Verdict.nonStrict("no \".\" or no \"..\" in the listing: " + seen.keySet());
        }
        return Verdict.pass(seen.size() + " entries, each once, typed as on the host"
                + (plus ? ", with the host's attributes" : ""));
    }

    /** FAIL when a named entry's attributes are not the host file's; null when they are or were withheld. */
    private static Verdict attributes(String name, EntryOut e, int type) {
        if (e.nodeid() == 0) {
            return null;
        }
        Attr a = e.attr();
        if (a.mode() >>> 12 != type) {
            return Verdict.fail(name + "'s attributes with file type " + type + " (" + ATTR_RULE + ")", "mode "
                    + HostFiles.octal(a.mode()));
        }
        if (name.equals(FILE) && a.size() != FILE_SIZE) {
            return Verdict.fail(name + "'s attributes with size " + FILE_SIZE, "size " + a.size());
        }
        return null;
    }

    /** The host entry's DT_ value: the file type bits of its mode, shifted (Dirent). */
    private static int hostType(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return Dirent.DT_LNK;
        }
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? Dirent.DT_DIR : Dirent.DT_REG;
    }
}
