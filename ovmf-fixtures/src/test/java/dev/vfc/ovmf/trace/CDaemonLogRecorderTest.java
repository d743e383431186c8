package dev.vfc.ovmf.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder against lines of a real C virtiofsd -d log (QEMU 7.2), prefixes included. */
class CDaemonLogRecorderTest {

    private static final String P = "[2026-11-24 14:33:17.682011+0000] [ID: 00007756] ";

    private static String log(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(P).append(l).append('\n');
        }
        return b.toString();
    }

    private static final String SESSION = log(
            "fv_queue_worker: elem 0: with 2 out desc of length 56",
            "unique: 1, opcode: INIT (26), nodeid: 0, insize: 56, pid: 1",
            "INIT: 7.31",
            "flags=0x0000000000002000",
            "max_readahead=0x00000000",
            "   INIT: 7.36",
            "   flags2=0x00000000 flags=0x00002020",
            "   unique: 1, success, outsize: 80",
            "virtio_send_msg: elem 0: with 2 in desc of length 80",
            "fv_queue_worker: elem 0: with 2 out desc of length 48",
            "unique: 2, opcode: OPENDIR (27), nodeid: 1, insize: 48, pid: 1",
            "   unique: 2, success, outsize: 32",
            "virtio_send_msg: elem 0: with 2 in desc of length 32",
            "fv_queue_worker: elem 0: with 2 out desc of length 44",
            "unique: 3, opcode: LOOKUP (1), nodeid: 1, insize: 44, pid: 1",
            "lo_lookup(parent=1, name=EFI)",
            "   unique: 3, error: -2 (No such file or directory), outsize: 16",
            "virtio_send_msg: elem 0: with 3 in desc of length 144",
            "fv_queue_worker: elem 0: with 2 out desc of length 52",
            "unique: 4, opcode: LOOKUP (1), nodeid: 1, insize: 52, pid: 1",
            "lo_lookup(parent=1, name=grubx64.efi)",
            "  1/grubx64.efi -> 3",
            "   unique: 4, success, outsize: 144",
            "virtio_send_msg: elem 0: with 3 in desc of length 144",
            "fv_queue_worker: elem 0: with 2 out desc of length 48",
            "unique: 5, opcode: OPEN (14), nodeid: 3, insize: 48, pid: 1",
            "lo_open(ino=3, flags=0, kill_priv=0)",
            "   unique: 5, success, outsize: 32",
            "virtio_send_msg: elem 0: with 2 in desc of length 32",
            "fv_queue_worker: elem 0: with 2 out desc of length 64",
            "unique: 6, opcode: RELEASEDIR (29), nodeid: 1, insize: 64, pid: 1",
            "   unique: 6, success, outsize: 16",
            "virtio_send_msg: elem 0: with 1 in desc of length 16",
            "fv_queue_worker: elem 0: with 2 out desc of length 80",
            "unique: 7, opcode: READ (15), nodeid: 3, insize: 80, pid: 1",
            "lo_read(ino=3, size=4182016, off=0)",
            "virtio_send_data_iov: count=1 len=4182016 iov_len=16",
            "virtio_send_data_iov: elem 0: with 2 in desc of length 4182032",
            "fv_queue_worker: elem 0: with 2 out desc of length 48",
            "unique: 8, opcode: FORGET (2), nodeid: 3, insize: 48, pid: 1",
            "  forget 3 1 -1",
            "fv_queue_worker: elem 0 no reply sent");

    @Test
    void aLogBecomesRequestsWithSymbolsLayoutsAndTheImageSizeAsASymbol() {
        List<TraceRequest> requests = new CDaemonLogRecorder("grubx64.efi", 4_182_016).record(SESSION);

        assertThat(requests).extracting(TraceRequest::render).containsExactly(
                "1 INIT nodeid=0 major=7 minor=31 max_readahead=0 flags=0x2000 | R40 R16 | W16 W64 | ok",
                "2 OPENDIR nodeid=@root flags=0 | R40 R8 | W16 W16 | ok fh>@fh2",
                "3 LOOKUP nodeid=@root name=EFI | R40 R4 | W16 W40 W88 | ENOENT",
                "4 LOOKUP nodeid=@root name=grubx64.efi | R40 R12 | W16 W40 W88 | ok nodeid>@grubx64.efi",
                "5 OPEN nodeid=@grubx64.efi flags=0 | R40 R8 | W16 W16 | ok fh>@fh5",
                "6 RELEASEDIR nodeid=@root fh=@fh2 | R40 R24 | W16 | ok",
                "7 READ nodeid=@grubx64.efi fh=@fh5 offset=0 size=$IMAGE_SIZE | R40 R40 | W16 W$IMAGE_SIZE | ok",
                "8 FORGET nodeid=@grubx64.efi nlookup=1 | R40 R8 | - | none");
    }

    @Test
    void aLayoutThatDisagreesWithWhatTheDaemonSawIsRefused() {
        String wrong = SESSION.replace("with 3 in desc of length 144", "with 2 in desc of length 56");

        assertThatThrownBy(() -> new CDaemonLogRecorder("grubx64.efi", 4_182_016).record(wrong))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("edk2's layout W16 W40 W88 is 3 descriptors of 144 bytes, the daemon saw 2 of 56");
    }
}
