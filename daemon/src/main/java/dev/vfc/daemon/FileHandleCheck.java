package dev.vfc.daemon;

import dev.vfc.passthrough.InodeFileHandles;
import dev.vfc.passthrough.PassthroughOptions;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.FileHandles;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * {@code --inode-file-handles} at start-up. The Java daemon always keeps one O_PATH descriptor per
 * node, so the mode only decides what happens when file handles would not work: Rust virtiofsd
 * 1.13 needs CAP_DAC_READ_SEARCH for open_by_handle_at and a filesystem that gives handles
 * (src/passthrough/file_handle.rs, and main.rs keeps that capability unless the mode is never);
 * {@code mandatory} fails start-up when either is missing, {@code prefer} warns and falls back,
 * {@code never} checks nothing.
 */
final class FileHandleCheck {

    private static final Logger LOG = Logger.getLogger(FileHandleCheck.class.getName());
    /** CAP_DAC_READ_SEARCH, linux/capability.h. */
    private static final int CAP_DAC_READ_SEARCH = 2;

    private FileHandleCheck() {
    }

    static void atStartUp(PassthroughOptions options) throws IOException {
        InodeFileHandles mode = options.features().inodeFileHandles();
        if (mode == InodeFileHandles.NEVER) {
            return;
        }
        String problem = problem(options.sharedDir());
        if (problem == null) {
            return;
        }
        if (mode == InodeFileHandles.MANDATORY) {
            throw new IOException("--inode-file-handles=mandatory: " + problem);
        }
        LOG.fine("--inode-file-handles=prefer: " + problem + "; using O_PATH descriptors");
    }

    /** Why file handles cannot be used for {@code dir}, or null when they can. */
    static String problem(Path dir) throws IOException {
        if (!hasCapability(CAP_DAC_READ_SEARCH)) {
            return "the daemon lacks CAP_DAC_READ_SEARCH, which open_by_handle_at needs";
        }
        int fd = PosixFiles.openat(PosixFiles.AT_FDCWD,
                dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8),
                PosixFiles.O_PATH | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
        try {
            FileHandles.check(fd);
            return null;
        } catch (SyscallException e) {
            return "the filesystem of " + dir + " gives no file handles (" + e.getMessage() + ")";
        } finally {
            FileDescriptors.closeQuietly(fd);
        }
    }

    /** Whether the effective capability set (CapEff of /proc/self/status) holds {@code cap}. */
    static boolean hasCapability(int cap) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (caps & (1L << cap)) != 0;
            }
        }
        return false;
    }
}
