package dev.vfc.targets;

import java.util.List;

/**
 * One pinned Debian build of the Rust virtiofsd and the target that runs it: the package version
 * {@link RustProvisioner} downloads, the upstream version the binary must print, and the suites it
 * comes from. Every release runs with trixie's loader and libraries: 1.14.0-4 (forky)
 * depends on {@code libc6 (>= 2.39)}, {@code libcap-ng0 (>= 0.7.9)}, {@code libgcc-s1 (>= 4.2)} and
 * {@code libseccomp2}, all of which trixie's satisfy (its .deb's Depends field), so a trixie system
 * would install it unchanged; trixie is a stable suite, so its libraries do not move under a pin.
 *
 * @param target the target kind and default name: it says the version ({@code rust} stays 1.13.2,
 *     so the baselines and CI lists written for it keep their meaning)
 * @param upstreamVersion as {@code virtiofsd --version} prints it
 * @param debianVersion the exact package version ({@code apt-cache madison virtiofsd})
 * @param daemonSuites the suites whose archive holds that version
 */
public record RustRelease(String target, String upstreamVersion, String debianVersion, List<String> daemonSuites) {

    /** Debian trixie's, the {@code rust} target's. */
    public static final RustRelease V1_13 = new RustRelease("rust", "1.13.2", "1.13.2-1+deb13u1", List.of("trixie"));
    /**
     * Debian forky's (sid has the same build), the {@code rust-1.14} target's. From testing, not
     * sid: an upload to sid replaces sid's version at once, while forky keeps this one until the
     * next has migrated, so the pin holds longer; and one suite's lists are half the update.
     */
    public static final RustRelease V1_14 = new RustRelease("rust-1.14", "1.14.0", "1.14.0-4", List.of("forky"));
    /** Every release a target kind names, oldest first. */
    public static final List<RustRelease> ALL = List.of(V1_13, V1_14);

    /** The suite the loader and libraries come from. */
    static final String LIBRARY_SUITE = "trixie";
    static final String DAEMON_PACKAGE = "virtiofsd";
    static final List<String> LIBRARIES = List.of("libc6", "libcap-ng0", "libseccomp2", "libgcc-s1");

    public RustRelease {
        daemonSuites = List.copyOf(daemonSuites);
        if (!debianVersion.startsWith(upstreamVersion + "-")) {
            throw new IllegalArgumentException("Debian " + debianVersion + " is not a build of " + upstreamVersion);
        }
    }

    /** What {@code apt-get download} is given: the daemon pinned, each library from {@link #LIBRARY_SUITE}. */
    public List<String> packages() {
        List<String> packages = new java.util.ArrayList<>(List.of(DAEMON_PACKAGE + "=" + debianVersion));
        LIBRARIES.forEach(library -> packages.add(library + "/" + LIBRARY_SUITE));
        return List.copyOf(packages);
    }

    /** The private sources list: the library suite, then the daemon's (once each). */
    public List<String> sources() {
        List<String> suites = new java.util.ArrayList<>(List.of(LIBRARY_SUITE));
        daemonSuites.stream().filter(s -> !suites.contains(s)).forEach(suites::add);
        return suites.stream().map(s -> "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                + "http://deb.debian.org/debian " + s + " main").toList();
    }

    /** The pinned package's file name as apt-get download names it (an epoch's ':' would be %3a). */
    public String debFileName() {
        return DAEMON_PACKAGE + "_" + debianVersion + "_amd64.deb";
    }

    /** Where the daemon comes from, for progress lines: {@code Debian trixie} or {@code Debian forky}. */
    public String origin() {
        return "Debian " + String.join("/", daemonSuites);
    }
}
