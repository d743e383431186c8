package dev.vfc.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.report.Transcript.Exchange;
import dev.vfc.report.Transcript.Note;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TranscriptTest {

    @Test
    void an_exchange_splits_into_request_layout_reply_and_round_trip_time() {
        Transcript t = Transcript.parse("#4 q1 FuseInHeader[len=80, opcode=READ, unique=4] ReadIn[fh=0, size=8192] "
                + "layout=[R40 R40 W16 W8192] -> used.len=8208 FuseOutHeader[len=8208, error=OK, unique=4] "
                + "<8192 data bytes> (0.08 ms)");

        assertThat(t.lines()).containsExactly(new Exchange(4, "q1",
                "FuseInHeader[len=80, opcode=READ, unique=4] ReadIn[fh=0, size=8192]", "[R40 R40 W16 W8192]",
                "used.len=8208 FuseOutHeader[len=8208, error=OK, unique=4] <8192 data bytes>", "0.08"));
    }

    @Test
    void the_arrow_between_two_names_of_a_rename_is_part_of_the_request() {
        Exchange e = Transcript.parse("#3 q1 FuseInHeader[opcode=RENAME] RenameIn[newdir=1] \"a.txt\" -> \"b.txt\" "
                + "layout=indirect[R40 R8 R12 W16] -> used.len=16 FuseOutHeader[len=16, error=OK, unique=3]  (9.32 ms)")
                .exchanges().get(0);

        assertThat(e.request()).isEqualTo("FuseInHeader[opcode=RENAME] RenameIn[newdir=1] \"a.txt\" -> \"b.txt\"");
        assertThat(e.layout()).isEqualTo("indirect[R40 R8 R12 W16]");
        assertThat(e.reply()).isEqualTo("used.len=16 FuseOutHeader[len=16, error=OK, unique=3]");
    }

    @Test
    void a_layout_with_spaces_and_an_elision_stays_whole() {
        Exchange e = Transcript.parse("#4 q1 ReadIn[size=8388608] layout=indirect[R40 R40 W16 W4096 ... "
                + "(2051 descriptors) W4096] -> used.len=16 FuseOutHeader[len=16, error=EINVAL(-22), unique=4]  (0.44 ms)")
                .exchanges().get(0);

        assertThat(e.layout()).isEqualTo("indirect[R40 R40 W16 W4096 ... (2051 descriptors) W4096]");
        assertThat(e.millis()).isEqualTo("0.44");
    }

    @Test
    void a_request_that_got_no_reply_has_an_empty_reply() {
        Exchange e = Transcript.parse("#5 q1 FuseInHeader[opcode=READ] layout=[R40 R40 W8]").exchanges().get(0);

        assertThat(e.request()).isEqualTo("FuseInHeader[opcode=READ]");
        assertThat(e.reply()).isEmpty();
        assertThat(e.millis()).isEmpty();
    }

    @Test
    void the_daemon_log_section_at_the_end_is_kept_apart_from_the_exchanges() {
        Transcript t = Transcript.parse("""
                #1 q1 A[x=1] layout=[R40] -> used.len=16 B[error=OK] (0.10 ms)
                --- daemon log (last 2 lines) ---
                [INFO] Client connected

                thread 'vring_worker' panicked
                
                """);

        assertThat(t.exchanges()).hasSize(1);
        assertThat(t.logHeading()).isEqualTo("--- daemon log (last 2 lines) ---");
        assertThat(t.logLines()).containsExactly("[INFO] Client connected", "", "thread 'vring_worker' panicked");
    }

    @Test
    void lines_that_are_not_exchanges_are_kept_as_written_and_blank_lines_dropped() {
        Transcript t = Transcript.parse("BdsDxe: loading Boot0001\n\n#not an exchange\ngrub>");

        assertThat(t.lines()).containsExactly(new Note("BdsDxe: loading Boot0001"), new Note("#not an exchange"),
                new Note("grub>"));
        assertThat(t.logHeading()).isEmpty();
        assertThat(t.logLines()).isEmpty();
    }

    @Test
    void an_empty_or_missing_transcript_has_no_lines() {
        assertThat(Transcript.parse("").lines()).isEmpty();
        assertThat(Transcript.parse(null).lines()).isEmpty();
    }
}
