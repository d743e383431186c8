package dev.vfc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
            Process p = new ProcessBuilder(allure.toString(), "generate", results.toString(), "-o", report.toString(),
                    "--clean").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                err.println("vfc compare: allure generate failed: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
                return;
            }
            out.println("vfc compare: Allure report in " + report.resolve("index.html"));
        } catch (IOException e) {
            err.println("vfc compare: no Allure HTML report: " + ResultsChoice.firstLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path commandLine() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "vfc", "allure");
        Path bin = home.resolve("allure-" + VERSION).resolve("bin").resolve("allure");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Path download = Files.createTempDirectory("vfc-allure");
        out.println("vfc compare: fetching the Allure command line " + VERSION + " through Maven");
        Process mvn = new ProcessBuilder(List.of("mvn", "-q", "-B", "dependency:copy",
                "-Dartifact=io.qameta.allure:allure-commandline:" + VERSION + ":zip",
                "-DoutputDirectory=" + download)).redirectErrorStream(true).start();
        String output = new String(mvn.getInputStream().readAllBytes());
        if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
            throw new IOException("Maven could not fetch io.qameta.allure:allure-commandline:" + VERSION + ": "
                    + output.strip().lines().findFirst().orElse("(no output)"));
        }
        Path zip = download.resolve("allure-commandline-" + VERSION + ".zip");
        Path staging = Files.createDirectories(home.resolve(".staging-" + ProcessHandle.current().pid()));
        unzip(zip, staging);
        Path unpacked = staging.resolve("allure-" + VERSION);
        unpacked.resolve("bin").resolve("allure").toFile().setExecutable(true);
        Files.move(unpacked, home.resolve("allure-" + VERSION), StandardCopyOption.ATOMIC_MOVE);
        CompareCommand.deleteTree(staging);
        CompareCommand.deleteTree(download);
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
