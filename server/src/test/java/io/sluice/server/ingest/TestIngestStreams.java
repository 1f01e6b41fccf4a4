package io.sluice.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.SluiceException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestIngestStreams {
    @Test
    void readsNamedStreamsAndKeepsTheDefault() {
        IngestStreams streams =
                IngestStreams.fromSettings(
                        "analytics",
                        Map.of(
                                "clicks.topic", "web-clicks",
                                "clicks.partition_key", "user_id",
                                "clicks.schema", "Events",
                                "clicks.enrich.receive_time", "true",
                                "clicks.enrich.id", "TRUE",
                                "clicks.enrich.client_ip", "false"));

        assertThat(streams.find("default").orElseThrow().topic()).isEqualTo("analytics");
        IngestStream clicks = streams.find("clicks").orElseThrow();
        assertThat(clicks.topic()).isEqualTo("web-clicks");
        assertThat(clicks.partitionKey()).hasValue("user_id");
        assertThat(clicks.schemaTable()).hasValue("events");
        assertThat(clicks.enrichment()).isEqualTo(new Enrichment(true, true, false));
        assertThat(streams.find("other")).isEmpty();
    }

    @Test
    void defaultStreamCanBeConfigured() {
        IngestStreams streams =
                IngestStreams.fromSettings("analytics", Map.of("default.partition_key", "device"));

        IngestStream stream = streams.find("default").orElseThrow();
        assertThat(stream.topic()).isEqualTo("analytics");
        assertThat(stream.partitionKey()).isEqualTo(Optional.of("device"));
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(
                        () -> IngestStreams.fromSettings("t", Map.of("clicks.partition_key", "u")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("setting \"ingest.stream.clicks.topic\" is required");
        assertThatThrownBy(() -> IngestStreams.fromSettings("t", Map.of("clicks.colour", "red")))
                .hasMessageContaining("\"ingest.stream.clicks.colour\" is not a stream option");
        assertThatThrownBy(() -> IngestStreams.fromSettings("t", Map.of("c.enrich.id", "yes")))
                .hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> IngestStreams.fromSettings("t", Map.of("a b.topic", "x")))
                .hasMessageContaining("a stream name has only");
    }
}
