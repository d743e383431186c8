package dev.vfc.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Every FUSE exchange of a session in order, so a failure can be read, compared with another
 * daemon's, and replayed.
 */
public final class Transcript {

    private final List<Exchange> exchanges = new ArrayList<>();

    synchronized void add(Exchange e) {
        exchanges.add(e);
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /**
     * Drops every exchange kept so far: a long run (a soak of hundreds of thousands of
     * requests) checks each as it comes and keeps only what it has not yet checked.
     */
    public synchronized void clear() {
        exchanges.clear();
    }

    public synchronized Exchange last() {
        return exchanges.get(exchanges.size() - 1);
    }

    public synchronized String describe() {
        StringBuilder b = new StringBuilder();
        exchanges.forEach(e -> b.append(e.describe()).append('\n'));
        return b.toString();
    }
}
