package io.sluice.benchmarks.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.sluice.benchmarks.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real Sluice server ({@code sluice dev}: embedded catalog, broker and lake) in a process of its
 * own, started from the server's packaged classpath, so that its CPU time and resident memory can
 * be read from the operating system and are its alone. The benchmarks never link against the
 * server: it is only a command line here.
 */
public final class SluiceServerProcess implements AutoCloseable {
    private static final String READY_LINE = "Press Ctrl-C to stop.";

    private final Process process;
    private final int pgwirePort;
    private final int httpPort;

    private SluiceServerProcess(Process process, int pgwirePort, int httpPort) {
        this.process = process;
        this.pgwirePort = pgwirePort;
        this.httpPort = httpPort;
    }

    /**
     * Starts the server and returns once it serves.
     *
     * @param classpath the server's runtime classpath (its jar and libraries)
     * @param workDirectory where its data directory and log go
     * @param heap the server's maximum heap, e.g. {@code 1g}
     * @param javaOptions further options for the server's JVM, e.g. to record a profile
     * @param settings server settings as environment variables, e.g. {@code
     *     SLUICE_INGEST_MAX_IN_FLIGHT_BYTES}
     */
    public static SluiceServerProcess start(
            String classpath,
            Path workDirectory,
            String heap,
            List<String> javaOptions,
            Map<String, String> settings,
            Duration startTimeout) {
        requireNonNull(classpath, "classpath is null");
        int pgwirePort = freePort();
        int httpPort = freePort();
        int kafkaPort = freePort();
        Path dataDirectory = workDirectory.resolve("sluice-data");
        Path log = workDirectory.resolve("sluice-server.log");
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        command.add("-Xmx" + heap);
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-Darrow.allocation.manager.type=Unsafe");
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(classpath);
        command.add("io.sluice.server.Main");
        command.add("dev");
        command.add("--data-dir=" + dataDirectory);
        command.add("--pgwire-port=" + pgwirePort);
        command.add("--http-port=" + httpPort);
        command.add("--kafka-port=" + kafkaPort);
        Process process;
        try {
            Files.createDirectories(workDirectory);
            deleteRecursively(dataDirectory);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            builder.environment().putAll(settings);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Sluice server", e);
        }
        SluiceServerProcess server = new SluiceServerProcess(process, pgwirePort, httpPort);
        try {
            server.awaitReady(startTimeout, log);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout, Path log) {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(), UTF_8))) {
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    if (line.startsWith(READY_LINE)) {
                                        ready.countDown();
                                    }
                                }
                            } catch (IOException e) {
                                // The process ended; its log says why.
                            }
                        },
                        "sluice-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "the Sluice server did not start within " + timeout + ", see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the server", e);
        }
    }

    public int pgwirePort() {
        return pgwirePort;
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time of every thread of the server process so far. */
    public long cpuNanos() {
        return OsProcesses.cpuNanos(process.pid());
    }

    /** The server's resident memory now, in bytes. */
    public long rssBytes() {
        return OsProcesses.statusBytes(process.pid(), "VmRSS:");
    }

    /** The most memory the server has held resident, in bytes. */
    public long peakRssBytes() {
        return OsProcesses.statusBytes(process.pid(), "VmHWM:");
    }

    /** Stops the server the way Ctrl-C does, then forcibly if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
