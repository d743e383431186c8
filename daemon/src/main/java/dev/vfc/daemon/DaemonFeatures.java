package dev.vfc.daemon;

import dev.vfc.server.decorator.IdMap;
import java.util.OptionalLong;

/**
 * What the Rust virtiofsd 1.13 options outside the passthrough filesystem ask of the daemon.
 *
 * @param readdirplus   off with {@code --no-readdirplus} (and always off with cache never, as Rust)
 * @param tag           {@code --tag}: offered as the device's config space (VHOST_USER_GET_CONFIG)
 * @param uids          {@code --translate-uid} entries
 * @param gids          {@code --translate-gid} entries
 * @param rlimitNofile  {@code --rlimit-nofile}; empty: Rust's default, min(1,000,000, fs.nr_open)
 * @param syslog        {@code --syslog}: log through /dev/log instead of stderr
 */
public record DaemonFeatures(boolean readdirplus, java.util.Optional<String> tag, IdMap uids, IdMap gids,
        OptionalLong rlimitNofile, boolean syslog) {

    public static final DaemonFeatures DEFAULTS = new DaemonFeatures(true, java.util.Optional.empty(), IdMap.IDENTITY,
            IdMap.IDENTITY, OptionalLong.empty(), false);
}
