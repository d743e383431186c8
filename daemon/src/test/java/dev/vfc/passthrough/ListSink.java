package dev.vfc.passthrough;

import dev.vfc.fs.DirectorySink;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import java.util.ArrayList;
import java.util.List;

/** A READDIR(PLUS) reply that takes at most {@code room} entries, then refuses. */
final class ListSink implements DirectorySink {

    record Item(Dirent dirent, EntryOut entry) {
        String name() {
            return dirent.nameString();
        }
    }

    private final boolean plus;
    private final int room;
    final List<Item> items = new ArrayList<>();
    final List<Item> refused = new ArrayList<>();

    ListSink(boolean plus, int room) {
        this.plus = plus;
        this.room = room;
    }

    @Override
    public boolean add(Dirent dirent, EntryOut entry) {
        if (items.size() >= room) {
            refused.add(new Item(dirent, entry));
            return false;
        }
        items.add(new Item(dirent, entry));
        return true;
    }

    @Override
    public boolean plus() {
        return plus;
    }

    List<String> names() {
        return items.stream().map(Item::name).toList();
    }

    /** The cookie to continue after the last accepted entry. */
    long lastCookie() {
        return items.get(items.size() - 1).dirent().off();
    }
}
