package dev.vfc.cli;

import dev.vfc.host.HostCommand;
import dev.vfc.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Renders Allure's HTML report from a compare's allure-results with the Allure command line,
 * which Maven fetches from Maven Central ({@code io.qameta.allure:allure-commandline} zip) into
 * the local repository and we unpack into {@code ~/.cache/vfc/allure}. When Maven or the
 * artifact is not there, it says so in one line and the compare still succeeds: the static
 * report does not need Allure.
 */
final class AllureHtml {

    static final String VERSION = "2.34.0";

    private final PrintStream out;
    private final PrintStream err;

    AllureHtml(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void render(Path results, Path report) {
        try {
            Path allure = commandLine();
            HostCommand.run(List.of(allure.toString(), "generate", results.toString(), "-o", report.toString(), "--clean"),
                    results.toAbsolutePath().getParent(), Duration.ofMinutes(5));
            out.println("vfc compare: Allure report in " + report.resolve("index.html"));
        } catch (IOException e) {
            err.println("vfc compare: no Allure HTML report: " + ResultsChoice.firstLine(e));
        }
    }

    private Path commandLine() throws IOException {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "vfc", "allure");
        Path bin = home.resolve("allure-" + VERSION).resolve("bin").resolve("allure");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Path download = Files.createTempDirectory("vfc-allure");
        out.println("vfc compare: fetching the Allure command line " + VERSION + " through Maven");
        HostCommand.run(List.of("mvn", "-q", "-B", "dependency:copy",
                "-Dartifact=io.qameta.allure:allure-commandline:" + VERSION + ":zip",
                "-DoutputDirectory=" + download), download, Duration.ofMinutes(10));
        Path zip = download.resolve("allure-commandline-" + VERSION + ".zip");
        Path staging = Files.createDirectories(home.resolve(".staging-" + ProcessHandle.current().pid()));
        unzip(zip, staging);
        Path unpacked = staging.resolve("allure-" + VERSION);
        unpacked.resolve("bin").resolve("allure").toFile().setExecutable(true);
        Files.move(unpacked, home.resolve("allure-" + VERSION), StandardCopyOption.ATOMIC_MOVE);
        Trees.delete(staging);
        Trees.delete(download);
        return bin;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("a zip entry outside its directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
