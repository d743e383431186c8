package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.READDIR;
import static dev.vfc.fuse.FuseOpcode.READDIRPLUS;

import dev.vfc.fs.Context;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.server.decorator.ForwardingFileSystem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Bugs in READDIR and READDIRPLUS, planted between the filesystem and the reply's sink. */
final class DirectoryMutants {

    private DirectoryMutants() {
    }

    private record Offer(Dirent dirent, EntryOut entry) {
    }

    static List<Mutant> all() {
        return List.of(
                sinking("readdir-drops-dot-entries", "READDIR and READDIRPLUS leave out \".\" and \"..\"",
                        o -> isDot(o.dirent()) ? null : o),
                sinking("readdir-zero-offsets", "every entry's d_off is 0, so a resumed listing starts over",
                        o -> new Offer(new Dirent(o.dirent().ino(), 0, o.dirent().type(), o.dirent().name()), o.entry())),
                sinking("readdir-type-unknown", "every entry's type is DT_UNKNOWN instead of the file's type",
                        o -> new Offer(new Dirent(o.dirent().ino(), o.dirent().off(), 0, o.dirent().name()), o.entry())),
                sinking("readdirplus-zero-attributes", "READDIRPLUS entries carry all-zero attributes",
                        o -> o.entry() == null ? o : new Offer(o.dirent(), EntryMutants.withAttr(o.entry(),
                                new Attr(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))),
                Mutant.ofFileSystem("readdir-repeats-on-resume", "a resumed listing starts at the entry whose d_off "
                        + "is the cookie, repeating the last one sent", "",
                        Set.of(READDIR, READDIRPLUS), fs -> new ForwardingFileSystem(fs) {
                            @Override
                            public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink)
                                    throws FsException {
                                delegate.readdir(ctx, node, fh, 0, offset == 0 ? sink : fromCookie(offset, sink));
                            }
                        }));
    }

    /**
     * A sink that drops entries until the one whose {@code d_off} is {@code cookie} and forwards
     * that one and the rest: the off-by-one of reading a cookie as the entry's own position
     * rather than the next one's (fuse.h: {@code off} is the offset of the next entry).
     */
    private static DirectorySink fromCookie(long cookie, DirectorySink sink) {
        return new DirectorySink() {
            private boolean reached;

            @Override
            public boolean add(Dirent dirent, EntryOut entry) {
                reached |= dirent.off() == cookie;
                return !reached || sink.add(dirent, entry);
            }

            @Override
            public boolean plus() {
                return sink.plus();
            }
        };
    }

    private static boolean isDot(Dirent d) {
        String n = new String(d.name(), StandardCharsets.UTF_8);
        return n.equals(".") || n.equals("..");
    }

    /** {@code change} maps each offered entry to the one offered instead, or to null to drop it silently. */
    private static Mutant sinking(String name, String bug, UnaryOperator<Offer> change) {
        UnaryOperator<dev.vfc.fs.FileSystem> wrap = fs -> new ForwardingFileSystem(fs) {
            @Override
            public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
                delegate.readdir(ctx, node, fh, offset, new DirectorySink() {
                    @Override
                    public boolean add(Dirent dirent, EntryOut entry) {
                        Offer o = change.apply(new Offer(dirent, entry));
                        return o == null || sink.add(o.dirent(), o.entry());
                    }

                    @Override
                    public boolean plus() {
                        return sink.plus();
                    }
                });
            }
        };
        return Mutant.ofFileSystem(name, bug, "", Set.of(READDIR, READDIRPLUS), wrap);
    }
}
