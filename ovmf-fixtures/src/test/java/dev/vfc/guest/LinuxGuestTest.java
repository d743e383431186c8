package dev.vfc.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxGuestTest {

    @TempDir
    Path shared;

    @Test
    void createWriteStaysOkWhenTheHostFileHasTheGuestsHash() throws Exception {
        byte[] content = "written by the guest".getBytes(StandardCharsets.UTF_8);
        Files.write(shared.resolve(LinuxGuest.BIG_FILE), content);
        SerialMarkers m = SerialMarkers.parse("VFC-STEP create-write OK sha256=" + LinuxGuestImage.sha256(content));

        GuestStep step = LinuxGuest.withHostCheck(m.steps(List.of("create-write"), "-"), m, shared).get(0);

        assertThat(step.ok()).as(step.detail()).isTrue();
        assertThat(step.detail()).endsWith("host file matches");
    }

    @Test
    void createWriteFailsWhenTheHostFileDiffers() throws Exception {
        Files.writeString(shared.resolve(LinuxGuest.BIG_FILE), "what the daemon stored");
        SerialMarkers m = SerialMarkers.parse("VFC-STEP create-write OK sha256=" + "0".repeat(64));

        GuestStep step = LinuxGuest.withHostCheck(m.steps(List.of("create-write"), "-"), m, shared).get(0);

        assertThat(step.ok()).isFalse();
        assertThat(step.detail()).contains("but the host file has sha256=");
    }

    @Test
    void createWriteFailsWhenTheHostHasNoFile() {
        SerialMarkers m = SerialMarkers.parse("VFC-STEP create-write OK sha256=" + "0".repeat(64));

        GuestStep step = LinuxGuest.withHostCheck(m.steps(List.of("create-write"), "-"), m, shared).get(0);

        assertThat(step.ok()).isFalse();
        assertThat(step.detail()).contains("the host has no");
    }

    /** init.sh and STEPS are one contract: the same names, in the same order. */
    @Test
    void theInitScriptRunsExactlyTheStepsInOrder() {
        Matcher m = Pattern.compile("(?m)^step (\\S+) ").matcher(LinuxGuestImage.initScript());
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).containsExactlyElementsOf(LinuxGuest.STEPS);
    }

    @Test
    void theInitScriptMountsTheMachinesTag() {
        assertThat(LinuxGuestImage.initScript()).contains("TAG=" + dev.vfc.qemu.QemuVm.TAG).doesNotContain("@TAG@");
    }
}
