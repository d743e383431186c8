package dev.vfc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run happened on, for the table's header: throughput numbers mean little
 * without the CPU count, the kernel (vhost-user and the page cache live there) and the JVM
 * (both the frontend and the Java daemon run on it).
 */
record Machine(int cpus, String kernel, String java) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), unameR(),
                System.getProperty("java.runtime.version", System.getProperty("java.version"))
                        + " (" + System.getProperty("java.vm.vendor", "unknown vendor") + ")");
    }

    String describe() {
        return cpus + " CPUs (nproc), kernel " + kernel + ", Java " + java;
    }

    /** {@code uname -r}; the JVM's os.version is the same string on Linux, and the fallback. */
    private static String unameR() {
        try {
            Process p = new ProcessBuilder("uname", "-r").redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                    return out;
                }
            }
        } catch (IOException e) {
            // no uname: fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.getProperty("os.version", "unknown");
    }
}
