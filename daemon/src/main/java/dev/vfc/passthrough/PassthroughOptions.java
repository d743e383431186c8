package dev.vfc.passthrough;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the passthrough filesystem serves {@code sharedDir}.
 *
 * @param sharedDir the host directory the guest sees as its root (followed once at start-up
 *     if it is a symlink; nothing below it ever is)
 * @param cache entry/attribute timeouts and open flags ({@link CacheMode})
 * @param xattr whether extended attributes are served; off, every xattr op answers ENOSYS,
 *     as both reference daemons do by default
 * @param readonly whether every modifying operation (and every open for writing or
 *     truncation) answers EROFS
 * @param features the optional behaviours ({@link Features}), all off by default
 */
public record PassthroughOptions(Path sharedDir, CacheMode cache, boolean xattr, boolean readonly,
        Features features) {

    public PassthroughOptions {
        Objects.requireNonNull(sharedDir, "sharedDir");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(features, "features");
    }

    /** Without any of the optional {@link Features}. */
    public PassthroughOptions(Path sharedDir, CacheMode cache, boolean xattr, boolean readonly) {
        this(sharedDir, cache, xattr, readonly, Features.NONE);
    }

    /** The defaults of the reference daemons: cache auto, no xattrs, writable. */
    public static PassthroughOptions of(Path sharedDir) {
        return new PassthroughOptions(sharedDir, CacheMode.AUTO, false, false, Features.NONE);
    }

    public PassthroughOptions withCache(CacheMode mode) {
        return new PassthroughOptions(sharedDir, mode, xattr, readonly, features);
    }

    public PassthroughOptions withXattr(boolean on) {
        return new PassthroughOptions(sharedDir, cache, on, readonly, features);
    }

    public PassthroughOptions withReadonly(boolean on) {
        return new PassthroughOptions(sharedDir, cache, xattr, on, features);
    }

    public PassthroughOptions withFeatures(Features f) {
        return new PassthroughOptions(sharedDir, cache, xattr, readonly, f);
    }
}
