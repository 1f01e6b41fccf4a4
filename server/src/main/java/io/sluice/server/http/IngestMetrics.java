package io.sluice.server.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of the ingest endpoint, exposed in the Prometheus text format at {@code GET /metrics}.
 * An event counts once, as what its client was told: accepted (acked by the broker before the
 * answer), rejected (refused, by reason) or failed (the store failed or did not answer in time; the
 * client was told to retry).
 *
 * <p>A request refused as a whole before its events could be counted (a body too large, a wrong
 * content type, a missing key) counts as one rejection.
 */
public final class IngestMetrics {
    /** Request latency buckets in seconds, from 1 ms to 30 s (the default request timeout). */
    private static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter accepted;
    private final Counter failed;
    private final Counter rejected;
    private final Histogram latency;
    private final Map<RejectReason, io.prometheus.metrics.core.datapoints.CounterDataPoint>
            rejectedByReason = new EnumMap<>(RejectReason.class);

    public IngestMetrics() {
        accepted =
                Counter.builder()
                        .name("sluice_ingest_events_accepted_total")
                        .help("Events the broker acknowledged before the client was answered")
                        .register(registry);
        failed =
                Counter.builder()
                        .name("sluice_ingest_events_failed_total")
                        .help(
                                "Events whose client was told to retry: the broker failed or was"
                                        + " slow")
                        .register(registry);
        rejected =
                Counter.builder()
                        .name("sluice_ingest_events_rejected_total")
                        .help("Events or whole requests refused, by reason")
                        .labelNames("reason")
                        .register(registry);
        latency =
                Histogram.builder()
                        .name("sluice_ingest_request_duration_seconds")
                        .help("Time from a request's head to its answer, for POST /ingest")
                        .classicOnly()
                        .classicUpperBounds(LATENCY_BUCKETS)
                        .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejectedByReason.put(reason, rejected.labelValues(reason.label()));
        }
    }

    public long acceptedEvents() {
        return accepted.getLongValue();
    }

    public long failedEvents() {
        return failed.getLongValue();
    }

    public long rejectedEvents(RejectReason reason) {
        return (long) rejectedByReason.get(reason).get();
    }

    public long rejectedEvents() {
        return rejectedByReason.values().stream().mapToLong(point -> (long) point.get()).sum();
    }

    /** Rejections by reason, every reason present (zero when it never happened). */
    public Map<RejectReason, Long> rejectedEventsByReason() {
        Map<RejectReason, Long> snapshot = new EnumMap<>(RejectReason.class);
        rejectedByReason.forEach((reason, count) -> snapshot.put(reason, (long) count.get()));
        return snapshot;
    }

    /** The metrics in the Prometheus text format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream output = new ByteArrayOutputStream(4096);
        try {
            PrometheusTextFormatWriter.create().write(output, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toByteArray();
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    void recordAccepted(int events) {
        accepted.inc(events);
    }

    void recordFailed(int events) {
        failed.inc(events);
    }

    void recordRejected(RejectReason reason) {
        rejectedByReason.get(reason).inc();
    }

    void recordLatency(long nanos) {
        latency.observe(nanos / 1e9);
    }

    @Override
    public String toString() {
        return "IngestMetrics[accepted="
                + acceptedEvents()
                + ", rejected="
                + rejectedEvents()
                + ", failed="
                + failedEvents()
                + "]";
    }
}
