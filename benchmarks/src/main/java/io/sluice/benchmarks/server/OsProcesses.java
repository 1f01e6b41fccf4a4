package io.sluice.benchmarks.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and memory of another process, from the kernel's accounting. */
public final class OsProcesses {
    private OsProcesses() {}

    /** CPU time (user and system, all threads) of process {@code pid} so far. */
    public static long cpuNanos(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid))
                .toNanos();
    }

    /**
     * A size line of {@code /proc/<pid>/status}, e.g. {@code VmRSS:}, in bytes; -1 when unknown (no
     * procfs).
     */
    public static long statusBytes(long pid, String field) {
        try {
            for (String line :
                    Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), UTF_8)) {
                if (line.startsWith(field)) {
                    String kilobytes = line.substring(field.length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No procfs, or the process is gone: unknown.
        }
        return -1;
    }

    /** One line describing the machine: host name, cores and processor model. */
    public static String machine() {
        String model = "unknown processor";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), UTF_8)) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // Keep the default.
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return host
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores, "
                + model
                + ", Java "
                + Runtime.version();
    }
}
