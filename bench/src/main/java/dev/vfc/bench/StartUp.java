package dev.vfc.bench;

/**
 * How long a daemon takes from exec to serving, which QEMU pays once per VM: until its socket
 * listens (the target's start returns), and until the first 1 MiB READ has come back (after
 * the vhost-user set-up, INIT, LOOKUP and OPEN). A JVM pays class loading and interpretation
 * here that a native daemon does not.
 *
 * @param listeningNanos exec to the socket accepting a connection
 * @param firstReadNanos exec to the first READ's checked reply
 */
record StartUp(long listeningNanos, long firstReadNanos) {

    static final int FIRST_READ = 1 << 20;
}
