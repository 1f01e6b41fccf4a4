package io.sluice.benchmarks.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.benchmarks.server.Options;
import io.sluice.benchmarks.server.OsProcesses;
import io.sluice.benchmarks.server.SluiceServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load on the HTTP ingest endpoint of a real Sluice server with its embedded broker, through {@code
 * io.sluice.clients.EventClient}:
 *
 * <ol>
 *   <li>single-event requests as fast as answers come back,
 *   <li>batches of 100 as fast as answers come back,
 *   <li>single-event requests at half the rate of (1), for latency below saturation,
 *   <li>batches of 100 offered at three times the rate of (2), for behaviour under overload.
 * </ol>
 *
 * Events per server CPU-second (the server JVM's own CPU time over the phase, broker included) is
 * the figure per core; the server's resident memory is sampled throughout.
 *
 * <pre>
 * IngestBenchmark --server-classpath FILE [--seconds 10] [--warmup 3] [--concurrency 64] [--max-in-flight-bytes 4194304]
 *                 [--results DIR] [--work DIR] [--server-java-options "OPTS"] [--check]
 * </pre>
 */
public final class IngestBenchmark {
    private static final int BATCH = 100;

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        boolean check = options.containsKey("check");
        String classpath =
                Files.readString(Path.of(Options.required(options, "server-classpath")), UTF_8)
                        .trim();
        Duration measured =
                Duration.ofSeconds(
                        Long.parseLong(options.getOrDefault("seconds", check ? "2" : "10")));
        Duration warmup =
                Duration.ofSeconds(
                        Long.parseLong(options.getOrDefault("warmup", check ? "1" : "3")));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        Path work = Path.of(options.getOrDefault("work", "target/ingest-work"));
        // Small enough that the overload phase's requests in flight exceed it, so the server's
        // refusal under overload is exercised; the phases at max rate stay well below it.
        long maxInFlightBytes =
                Long.parseLong(options.getOrDefault("max-in-flight-bytes", Long.toString(4 << 20)));

        List<PhaseResult> results = new ArrayList<>();
        try (SluiceServerProcess server =
                SluiceServerProcess.start(
                        classpath,
                        work,
                        "1g",
                        Options.javaOptions(options),
                        Map.of(
                                "SLUICE_INGEST_MAX_IN_FLIGHT_BYTES",
                                Long.toString(maxInFlightBytes)),
                        Duration.ofMinutes(3))) {
            IngestLoad load = new IngestLoad(server);
            PhaseResult single =
                    print(load.run("single events, max rate", 1, concurrency, 0, warmup, measured));
            results.add(single);
            PhaseResult batched =
                    print(
                            load.run(
                                    "batches of 100, max rate",
                                    BATCH,
                                    Math.max(1, concurrency / 4),
                                    0,
                                    warmup,
                                    measured));
            results.add(batched);
            results.add(
                    print(
                            load.run(
                                    "single events, half max rate",
                                    1,
                                    concurrency,
                                    single.eventsPerSecond() / 2,
                                    Duration.ZERO,
                                    measured)));
            results.add(
                    print(
                            load.run(
                                    "batches of 100, 3x max rate",
                                    BATCH,
                                    concurrency * 4,
                                    batched.eventsPerSecond() * 3,
                                    Duration.ZERO,
                                    measured.multipliedBy(2))));
        }
        String report = report(results, concurrency, warmup, measured, maxInFlightBytes);
        System.out.println();
        System.out.println(report);
        if (!check && options.containsKey("results")) {
            Path directory = Path.of(options.get("results"));
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("ingest.md"), report, UTF_8);
        }
    }

    private static PhaseResult print(PhaseResult result) {
        System.out.printf(
                Locale.ROOT,
                "%-32s %9.0f events/s %9.0f events/server-CPU-s  p50 %6.1f ms  p99 %6.1f ms"
                        + "  refused: %s  RSS max %s%n",
                result.name(),
                result.eventsPerSecond(),
                result.eventsPerServerCpuSecond(),
                result.p50Millis(),
                result.p99Millis(),
                result.refusalsText(),
                PhaseResult.megabytes(result.rssMaxBytes()));
        return result;
    }

    static String report(
            List<PhaseResult> results,
            int concurrency,
            Duration warmup,
            Duration measured,
            long maxInFlightBytes) {
        StringBuilder out = new StringBuilder();
        out.append("# HTTP ingest load\n\n");
        out.append("Single run on ")
                .append(LocalDate.now(java.time.ZoneOffset.UTC))
                .append(", ")
                .append(OsProcesses.machine())
                .append(".\n");
        out.append("Server: `sluice dev` (embedded broker, `acks=all`) in its own JVM (-Xmx1g); ")
                .append("client: `EventClient` without retries in the harness JVM on the same")
                .append(" machine, ")
                .append(concurrency)
                .append(" single-event requests or ")
                .append(Math.max(1, concurrency / 4))
                .append(" batches in flight at max rate; ")
                .append(warmup.toSeconds())
                .append(" s warm-up, ")
                .append(measured.toSeconds())
                .append(" s measured (overload: ")
                .append(measured.toSeconds() * 2)
                .append(" s). Events are 300-350 bytes of JSON from `LoadGenerator`. The server's")
                .append(" `ingest.max_in_flight_bytes` is ")
                .append(maxInFlightBytes)
                .append(" (events waiting for the broker; beyond it requests get 429).\n\n");
        out.append(
                "| phase | offered events/s | accepted events/s | requests/s |"
                        + " events/server-CPU-s | p50 ms | p95 ms | p99 ms | refused |"
                        + " RSS start | RSS max | RSS end |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (PhaseResult result : results) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %s | %s | %s |"
                                    + " %s |%n",
                            result.name(),
                            result.offeredPerSecond() > 0
                                    ? String.format(Locale.ROOT, "%.0f", result.offeredPerSecond())
                                    : "max",
                            result.eventsPerSecond(),
                            result.requestsPerSecond(),
                            result.eventsPerServerCpuSecond(),
                            result.p50Millis(),
                            result.p95Millis(),
                            result.p99Millis(),
                            result.refusalsText(),
                            PhaseResult.megabytes(result.rssStartBytes()),
                            PhaseResult.megabytes(result.rssMaxBytes()),
                            PhaseResult.megabytes(result.rssEndBytes())));
        }
        return out.toString();
    }
}
