package dev.vfc.host;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch and cache directories the harness makes, removed whole (children first, links not followed). */
public final class Trees {

    private Trees() {
    }

    /** How often a tree that gained a file while it was being deleted is walked again. */
    private static final int ATTEMPTS = 5;

    /**
     * Deletes {@code root} and everything under it; nothing when it does not exist. A daemon
     * that is still being torn down (a container's last writes into its bind-mounted work
     * directory) can add a file after the walk listed the tree, so a directory found not empty
     * is walked again, a few times, before that is an error.
     */
    public static void delete(Path root) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteOnce(root);
                return;
            } catch (DirectoryNotEmptyException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                pause();
            }
        }
    }

    private static void deleteOnce(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting a tree", e);
        }
    }
}
