package io.sluice.benchmarks.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one phase of the ingest benchmark measured.
 *
 * @param offeredPerSecond the rate the phase aimed at, 0 for as fast as answers come back
 * @param acceptedEvents events answered 200
 * @param refusals failed events by HTTP status (-1 without an answer)
 * @param serverCpuNanos CPU time of the server process over the phase
 * @param rssStartBytes the server's resident memory when the phase started
 * @param rssMaxBytes the most resident memory sampled during the phase
 * @param rssEndBytes resident memory when the phase ended
 */
record PhaseResult(
        String name,
        int batchSize,
        double offeredPerSecond,
        long acceptedEvents,
        Map<Integer, Long> refusals,
        long nanos,
        long serverCpuNanos,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        long rssStartBytes,
        long rssMaxBytes,
        long rssEndBytes) {
    PhaseResult {
        requireNonNull(name, "name is null");
        refusals = Map.copyOf(refusals);
    }

    double eventsPerSecond() {
        return acceptedEvents * 1e9 / nanos;
    }

    double requestsPerSecond() {
        return eventsPerSecond() / batchSize;
    }

    /** Accepted events per CPU-second of the server: events/s for each core it keeps busy. */
    double eventsPerServerCpuSecond() {
        return serverCpuNanos <= 0 ? Double.NaN : acceptedEvents * 1e9 / serverCpuNanos;
    }

    String refusalsText() {
        if (refusals.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(refusals)
                .forEach(
                        (status, count) -> {
                            if (text.length() > 0) {
                                text.append(", ");
                            }
                            text.append(count)
                                    .append(" × ")
                                    .append(status < 0 ? "no answer" : status);
                        });
        return text.toString();
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
