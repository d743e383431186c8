package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.OPEN;
import static dev.vfc.fuse.FuseOpcode.READ;
import static dev.vfc.fuse.FuseOpcode.RELEASE;

import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Errno;
import dev.vfc.server.decorator.ForwardingFileSystem;
import dev.vfc.syscall.PosixFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bugs that open a path by name from the daemon's own root instead of beneath the shared
 * directory: the class of bug a sandbox exists for. Each runs with {@code --sandbox=none}, so
 * the kill matrix sees the path-safety scenario catch it; with the default
 * {@code --sandbox=namespace} the same bug opens a name inside the share, which is the root
 * there (cli's SandboxContainsAnEscapeIT shows both).
 */
final class EscapeMutants {

    private EscapeMutants() {
    }

    static List<Mutant> all() {
        return List.of(Mutant.ofFileSystem("open-follows-absolute-symlink", "OPEN of a symlink node resolves its "
                + "target itself and opens an absolute target by name, from the daemon's root", "",
                Set.of(OPEN, READ, RELEASE), FollowsAbsoluteSymlinks::new).withDaemonArgs(List.of("--sandbox=none")));
    }

    /** The decorator: its own handles for the files it opened by name, above the delegate's. */
    private static final class FollowsAbsoluteSymlinks extends ForwardingFileSystem {

        /** Above any handle the passthrough hands out. */
        private static final long FIRST_FH = 1L << 62;

        private final Map<Long, FileChannel> opened = new ConcurrentHashMap<>();
        private final AtomicLong next = new AtomicLong(FIRST_FH);

        FollowsAbsoluteSymlinks(FileSystem delegate) {
            super(delegate);
        }

        @Override
        public Opened open(Context ctx, long node, int flags) throws FsException {
            if ((delegate.getattr(ctx, node, 0).attr().mode() & PosixFiles.S_IFMT) != PosixFiles.S_IFLNK) {
                return delegate.open(ctx, node, flags);
            }
            String target = new String(delegate.readlink(ctx, node), StandardCharsets.UTF_8);
            if (!target.startsWith("/")) {
                return delegate.open(ctx, node, flags);
            }
            try {
                FileChannel file = FileChannel.open(Path.of(target), StandardOpenOption.READ);
                long fh = next.getAndIncrement();
                opened.put(fh, file);
                return new Opened(fh, 0);
            } catch (NoSuchFileException e) {
                throw new FsException(Errno.ENOENT, "mutant: no " + target + " from the daemon's root");
            } catch (IOException e) {
                throw new FsException(Errno.EIO, "mutant: " + target + ": " + e.getMessage());
            }
        }

        @Override
        public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
            FileChannel file = opened.get(fh);
            if (file == null) {
                return delegate.read(ctx, node, fh, offset, size, out);
            }
            try {
                ByteBuffer data = ByteBuffer.allocate(size);
                int n = Math.max(0, file.read(data, offset));
                out.write(data.flip());
                return n;
            } catch (IOException e) {
                throw new FsException(Errno.EIO, "mutant: " + e.getMessage());
            }
        }

        @Override
        public void release(Context ctx, long node, long fh, int flags) throws FsException {
            FileChannel file = opened.remove(fh);
            if (file == null) {
                delegate.release(ctx, node, fh, flags);
                return;
            }
            try {
                file.close();
            } catch (IOException e) {
                throw new FsException(Errno.EIO, "mutant: " + e.getMessage());
            }
        }
    }
}
