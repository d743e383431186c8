package dev.vfc.ovmf.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.fuse.FuseOpcode;
import org.junit.jupiter.api.Test;

class TraceTest {

    private static final String TEXT = """
            # a comment
            vfc-trace 1
            title a title
            source a source
            share grubx64.efi image
            share startup.nsh text fs0:\\r\\ngrubx64.efi\\r\\n
            1 INIT nodeid=0 major=7 minor=31 max_readahead=0 flags=0x2000 | R40 R16 | W16 W64 | ok
            3 LOOKUP nodeid=@root name=grubx64.efi | R40 R12 | W16 W40 W88 | ok nodeid>@grubx64.efi
            4 LOOKUP nodeid=@root name=EFI | R40 R4 | W16 W40 W88 | ENOENT
            9 READ nodeid=@grubx64.efi fh=@fh5 offset=0 size=$IMAGE_SIZE | R40 R40 | W16 W$IMAGE_SIZE | ok
            10 FORGET nodeid=@grubx64.efi nlookup=1 | R40 R8 | - | none
            """;

    @Test
    void aTraceReadsBackAsWrittenAndRendersToTheSameText() {
        Trace trace = Trace.parse("t", TEXT);

        assertThat(trace.title()).isEqualTo("a title");
        assertThat(trace.share()).hasSize(2);
        assertThat(trace.image().orElseThrow().path()).isEqualTo("grubx64.efi");
        assertThat(trace.share().get(1).text()).isEqualTo("fs0:\r\ngrubx64.efi\r\n");
        TraceRequest read = trace.requests().get(3);
        assertThat(read.opcode()).isEqualTo(FuseOpcode.READ);
        assertThat(read.field("size")).isEqualTo("$IMAGE_SIZE");
        assertThat(read.layout()).isEqualTo("[R40 R40 W16 W$IMAGE_SIZE]");
        assertThat(trace.requests().get(1).binds()).containsEntry("nodeid", "@grubx64.efi");
        assertThat(trace.requests().get(2).expect()).isEqualTo("ENOENT");
        assertThat(trace.requests().get(4).layout()).isEqualTo("[R40 R8]");
        assertThat(Trace.parse("t", trace.render()).render()).isEqualTo(trace.render());
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> Trace.parse("t", "vfc-trace 1\n1 INIT nodeid=0 | R40 | W16\n"))
                .isInstanceOf(TraceFormatException.class).hasMessageStartingWith("line 2: expected 'UNIQUE OPCODE");
        assertThatThrownBy(() -> Trace.parse("t", "vfc-trace 1\n\n2 NOPE nodeid=0 | R40 | W16 | ok\n"))
                .hasMessageStartingWith("line 3: bad unique or opcode");
        assertThatThrownBy(() -> Trace.parse("t", "vfc-trace 1\n2 OPEN nodeid=1 | R40 X8 | W16 | ok\n"))
                .hasMessageContaining("expected descriptors like R40 R16");
        assertThatThrownBy(() -> Trace.parse("t", "vfc-trace 1\n2 OPEN nodeid=1 | R40 R8 | W16 W16 | maybe\n"))
                .hasMessageContaining("expected ok, none or an errno name");
        assertThatThrownBy(() -> Trace.parse("t", "title no magic\n")).hasMessageContaining("expected 'vfc-trace 1' first");
    }

    @Test
    void theShippedTracesParseAndHaveTheRequestCountsOfTheRealFirmware() {
        Trace removable = Trace.resource("ovmf-removable-media");
        Trace shell = Trace.resource("ovmf-shell");

        // 14 requests for the removable-media boot, as the C virtiofsd logs them for a real OVMF boot
        assertThat(removable.requests()).hasSize(14);
        assertThat(removable.requests().stream().filter(r -> r.field("nodeid").equals("@EFI/BOOT/BOOTX64.EFI")
                && r.opcode() == FuseOpcode.READ)).singleElement()
                .satisfies(r -> assertThat(r.layout()).isEqualTo("[R40 R40 W16 W$IMAGE_SIZE]"));
        // edk2-stable202211 MdeModulePkg/Core/Dxe/Image/Image.c and OvmfPkg/VirtioFsDxe: three open-and-test cycles, then LoadImage's one READ of the whole image
        assertThat(shell.requests().stream().filter(r -> r.opcode() == FuseOpcode.LOOKUP
                && r.field("name").equals("grubx64.efi"))).hasSize(4);
        assertThat(shell.requests().stream().filter(r -> r.opcode() == FuseOpcode.READ
                && r.field("size").equals(Trace.IMAGE_SIZE))).hasSize(1);
        assertThat(shell.share()).extracting(ShareEntry::path).containsExactly("grubx64.efi", "startup.nsh");
    }
}
