package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A named stream of events, served at {@code POST /ingest/<name>} and produced to one Kafka topic.
 *
 * @param name the stream name; {@code default} is the stream of {@code POST /ingest}
 * @param topic the Kafka topic its events go to
 * @param partitionKey a top-level field whose value is the record key, so that events with the same
 *     value (a user's) land in one partition in order
 * @param schemaTable a Sluice table whose declared columns the events must match
 * @param enrichment fields the server adds
 */
public record IngestStream(
        String name,
        String topic,
        Optional<String> partitionKey,
        Optional<String> schemaTable,
        Enrichment enrichment) {
    public IngestStream {
        requireNonNull(name, "name is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(partitionKey, "partitionKey is null");
        requireNonNull(schemaTable, "schemaTable is null");
        requireNonNull(enrichment, "enrichment is null");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic is blank");
        }
    }

    /** A stream that passes events through unchanged and unkeyed. */
    public static IngestStream plain(String name, String topic) {
        return new IngestStream(name, topic, Optional.empty(), Optional.empty(), Enrichment.none());
    }

    /** Whether events need to be looked into at all (to key, check or enrich them). */
    public boolean inspectsEvents() {
        return partitionKey.isPresent() || schemaTable.isPresent() || enrichment.any();
    }
}
