package io.sluice.server.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest endpoint. An event counts once, as what its client was told: accepted
 * (acked by the broker before the answer), rejected (refused by validation, by reason) or failed
 * (the store failed or did not answer in time; the client was told to retry).
 *
 * <p>A request refused as a whole before its events could be counted (a body too large, a wrong
 * content type) counts as one rejection.
 */
public final class IngestMetrics {
    private final LongAdder acceptedEvents = new LongAdder();
    private final LongAdder failedEvents = new LongAdder();
    private final Map<RejectReason, LongAdder> rejectedEvents = new EnumMap<>(RejectReason.class);

    public IngestMetrics() {
        for (RejectReason reason : RejectReason.values()) {
            rejectedEvents.put(reason, new LongAdder());
        }
    }

    public long acceptedEvents() {
        return acceptedEvents.sum();
    }

    public long failedEvents() {
        return failedEvents.sum();
    }

    public long rejectedEvents(RejectReason reason) {
        return rejectedEvents.get(reason).sum();
    }

    public long rejectedEvents() {
        return rejectedEvents.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Rejections by reason, every reason present (zero when it never happened). */
    public Map<RejectReason, Long> rejectedEventsByReason() {
        Map<RejectReason, Long> snapshot = new EnumMap<>(RejectReason.class);
        rejectedEvents.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }

    void recordAccepted(int events) {
        acceptedEvents.add(events);
    }

    void recordFailed(int events) {
        failedEvents.add(events);
    }

    void recordRejected(RejectReason reason) {
        rejectedEvents.get(reason).increment();
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
