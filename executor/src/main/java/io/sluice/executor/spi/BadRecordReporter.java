package io.sluice.executor.spi;

/** Receives records a source could not decode, so none disappears silently. */
public interface BadRecordReporter {
    /**
     * Reports one bad record.
     *
     * @param location where it came from, e.g. {@code analytics/0@1234} for a Kafka topic,
     *     partition and offset
     * @param reason what is wrong with it
     * @param payload the raw bytes, kept for a dead-letter destination
     */
    void report(String location, String reason, byte[] payload);
}
