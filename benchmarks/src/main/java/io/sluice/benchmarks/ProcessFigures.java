package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak memory of the current process, as engine JVMs report them. */
public final class ProcessFigures {
    private ProcessFigures() {}

    /** CPU time of all threads of this process so far. */
    public static long cpuNanos() {
        // Read from the kernel's per-process accounting, in clock ticks.
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** VmHWM of this process: the most memory it has held resident, or -1 off Linux. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No procfs: unknown.
        }
        return -1;
    }
}
