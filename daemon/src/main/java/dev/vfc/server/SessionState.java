package dev.vfc.server;

import dev.vfc.fs.FileSystem;

/**
 * Whether a FUSE session is open, shared by every queue worker. Reads are lock-free (a volatile
 * reference to an immutable {@link Session}); INIT and DESTROY change it under this object's lock,
 * so two INITs racing on two queues cannot both destroy and re-initialise the filesystem at once.
 */
final class SessionState {

    private volatile Session current;

    /** The open session, or null before INIT and after DESTROY. */
    Session current() {
        return current;
    }

    /**
     * Ends the open session, if any, with {@link FileSystem#destroy()}. Called by DESTROY and at
     * the start of every INIT: a guest after a reboot, and OVMF at every driver start, sends a
     * fresh INIT without a DESTROY first (edk2-stable202211 OvmfPkg/VirtioFsDxe/DriverBinding.c and
     * FuseInit.c, on every rebind), and the old node ids mean nothing to it. Caller holds the lock.
     */
    void end(FileSystem fs) {
        if (current != null) {
            current = null;
            fs.destroy();
        }
    }

    /** Opens a session; caller holds the lock. */
    void begin(Session session) {
        current = session;
    }
}
