package dev.vfc.passthrough;

/**
 * {@code --inode-file-handles}: whether nodes are referenced by file handles
 * (name_to_handle_at/open_by_handle_at) instead of O_PATH descriptors, as in Rust virtiofsd 1.13
 * (src/main.rs, {@code InodeFileHandlesCommandLineMode}; "fallback" is Rust's deprecated alias of
 * "prefer").
 *
 * <p>The Java daemon always keeps an O_PATH descriptor per node; what the mode changes is the
 * start-up check ({@link FileHandleSupport}): {@link #MANDATORY} refuses to start unless the
 * shared directory's filesystem gives file handles and the daemon holds CAP_DAC_READ_SEARCH
 * (open_by_handle_at needs it), {@link #PREFER} logs and goes on, {@link #NEVER} checks nothing.
 */
public enum InodeFileHandles { NEVER, PREFER, MANDATORY }
