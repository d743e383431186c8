package dev.vfc.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleTest {

    @Test
    void theTailDropsEscapeSequencesAndBlankLines() {
        assertThat(Console.tail("a\n\n\u001b[2Jb\r\nc\n", 2)).containsExactly("b", "c");
    }
}
