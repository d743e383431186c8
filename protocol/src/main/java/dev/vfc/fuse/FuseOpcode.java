package dev.vfc.fuse;

import java.util.Optional;

/**
 * {@code enum fuse_opcode} from fuse.h 7.38. Opcode 7 and 19 are unused by the protocol
 * and so absent. FUSE_STATX arrived in 7.39 and is deliberately not here.
 */
public enum FuseOpcode {
    LOOKUP(1),
    FORGET(2),
    GETATTR(3),
    SETATTR(4),
    READLINK(5),
    SYMLINK(6),
    MKNOD(8),
    MKDIR(9),
    UNLINK(10),
    RMDIR(11),
    RENAME(12),
    LINK(13),
    OPEN(14),
    READ(15),
    WRITE(16),
    STATFS(17),
    RELEASE(18),
    FSYNC(20),
    SETXATTR(21),
    GETXATTR(22),
    LISTXATTR(23),
    REMOVEXATTR(24),
    FLUSH(25),
    INIT(26),
    OPENDIR(27),
    READDIR(28),
    RELEASEDIR(29),
    FSYNCDIR(30),
    GETLK(31),
    SETLK(32),
    SETLKW(33),
    ACCESS(34),
    CREATE(35),
    INTERRUPT(36),
    BMAP(37),
    DESTROY(38),
    IOCTL(39),
    POLL(40),
    NOTIFY_REPLY(41),
    BATCH_FORGET(42),
    FALLOCATE(43),
    READDIRPLUS(44),
    RENAME2(45),
    LSEEK(46),
    COPY_FILE_RANGE(47),
    SETUPMAPPING(48),
    REMOVEMAPPING(49),
    SYNCFS(50),
    TMPFILE(51),
    CUSE_INIT(4096);

    /**
     * CUSE_INIT_BSWAP_RESERVED: CUSE_INIT as seen through the wrong byte order; reserved
     * so a daemon can recognise a peer of the other endianness.
     */
    public static final int CUSE_INIT_BSWAP_RESERVED = 1048576;
    /** FUSE_INIT_BSWAP_RESERVED: FUSE_INIT byte-swapped (26 &lt;&lt; 24). */
    public static final int FUSE_INIT_BSWAP_RESERVED = 436207616;

    private static final FuseOpcode[] BY_CODE = new FuseOpcode[52];

    static {
        for (FuseOpcode op : values()) {
            if (op.code < BY_CODE.length) {
                BY_CODE[op.code] = op;
            }
        }
    }

    private final int code;

    FuseOpcode(int code) {
        this.code = code;
    }

    /** The value of fuse_in_header.opcode. */
    public int code() {
        return code;
    }

    /** FORGET and BATCH_FORGET are the only requests the kernel never waits on. */
    public boolean expectsReply() {
        return this != FORGET && this != BATCH_FORGET;
    }

    public static Optional<FuseOpcode> of(int code) {
        if (code == CUSE_INIT.code) {
            return Optional.of(CUSE_INIT);
        }
        if (code < 0 || code >= BY_CODE.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_CODE[code]);
    }

    /** The name for a raw opcode, or {@code OPCODE(n)} when unknown, for transcripts. */
    public static String describe(int code) {
        return of(code).map(Enum::name).orElse("OPCODE(" + code + ")");
    }
}
